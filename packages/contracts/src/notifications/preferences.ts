import { z } from 'zod';
import { page } from '../common.ts';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KIND_NAMES, NOTIFICATION_SEVERITIES } from './catalogue.ts';

export const NotificationKindName = z.enum(NOTIFICATION_KIND_NAMES);
export const NotificationChannelName = z.enum(NOTIFICATION_CHANNELS);

export const NotificationCatalogueEntry = z
  .object({
    kind: NotificationKindName,
    label: z.string(),
    group: z.string(),
    severity: z.enum(NOTIFICATION_SEVERITIES),
    audience: z.enum(['admins', 'approvers', 'members', 'everyone', 'actor']),
    /** Channels that cannot be switched off for this kind (security alerts about your own account). */
    alwaysOn: z.array(NotificationChannelName),
  })
  .meta({ id: 'NotificationCatalogueEntry' });

export const NotificationCatalogue = z
  .object({ kinds: z.array(NotificationCatalogueEntry), channels: z.array(NotificationChannelName) })
  .meta({ id: 'NotificationCatalogue' });

/** One cell of the matrix: a kind on a channel, on or off. */
export const NotificationPreference = z.strictObject({ kind: NotificationKindName, channel: NotificationChannelName, enabled: z.boolean() }).meta({ id: 'NotificationPreference' });
export type NotificationPreference = z.infer<typeof NotificationPreference>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time such as 22:00');

export const NotificationSettings = z
  .strictObject({
    /** IANA time zone quiet hours and daily digests follow. */
    timeZone: z.string().min(1).max(64),
    /** Local start of quiet hours (HH:MM), or null for none. */
    quietStart: ClockTime.nullable(),
    quietEnd: ClockTime.nullable(),
    /** Low-severity (info) emails batched into one email per hour or per day, or sent one by one. */
    digest: z.enum(['off', 'hourly', 'daily']),
  })
  .meta({ id: 'NotificationSettings' });
export type NotificationSettings = z.infer<typeof NotificationSettings>;

/** What Settings › Notifications shows: the organisation's defaults, your own choices over them, and your settings. */
export const MyNotificationPreferences = z
  .object({
    /** The organisation's defaults (cells not listed are on). */
    defaults: z.array(NotificationPreference),
    /** Your own choices, overriding the defaults (cells not listed follow the default). */
    mine: z.array(NotificationPreference),
    settings: NotificationSettings,
  })
  .meta({ id: 'MyNotificationPreferences' });

export const UpdateMyNotificationPreferences = z.strictObject({
  /** Cells to set; `enabled: null` goes back to the organisation's default. */
  preferences: z
    .array(z.strictObject({ kind: NotificationKindName, channel: NotificationChannelName, enabled: z.boolean().nullable() }))
    .max(200)
    .optional(),
  settings: NotificationSettings.optional(),
});

export const NotificationDefaults = z.object({ defaults: z.array(NotificationPreference) }).meta({ id: 'NotificationDefaults' });
export const UpdateNotificationDefaults = z.strictObject({
  /** Cells to set; `enabled: null` removes the default (on). */
  defaults: z.array(z.strictObject({ kind: NotificationKindName, channel: NotificationChannelName, enabled: z.boolean().nullable() })).min(1).max(200),
});

export const NotificationDelivery = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    kind: z.string(),
    title: z.string(),
    channel: z.string(),
    /** The person's name or email for person channels; the channel's target otherwise. */
    recipient: z.string(),
    state: z.enum(['queued', 'held', 'sent', 'failed', 'skipped', 'digested']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    dueAt: z.string().nullable(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'NotificationDelivery' });
export const NotificationDeliveryPage = page(NotificationDelivery);
export const NotificationDeliveriesQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  state: z.enum(['queued', 'held', 'sent', 'failed', 'skipped', 'digested']).optional(),
  channel: NotificationChannelName.optional(),
});

export const UnsubscribeQuery = z.strictObject({ token: z.string().min(10).max(600) });
/** RFC 8058 one-click: mail providers POST `List-Unsubscribe=One-Click` (form-encoded); the web page posts `{}`. */
export const UnsubscribeBody = z.object({ 'List-Unsubscribe': z.literal('One-Click').optional() }).optional();
export const UnsubscribeResult = z
  .object({
    /** The kind whose emails stop, or null for every notification email of the organisation. */
    kind: NotificationKindName.nullable(),
    label: z.string(),
    organizationName: z.string().nullable(),
    email: z.string(),
    unsubscribed: z.boolean(),
  })
  .meta({ id: 'UnsubscribeResult' });
