import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';
import { users } from './auth.ts';

/** In-app notifications for one person in one organisation (the bell). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** A path in the web app to act on it, e.g. /orgs/<id>/connections. */
    link: text('link'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.orgId, t.createdAt)],
);

/** Where a delivery stands: `held` waits for the end of quiet hours, `digested` waits for (or went out in) a digest. */
export const NOTIFICATION_DELIVERY_STATES = ['queued', 'held', 'sent', 'failed', 'skipped', 'digested'] as const;
export const NOTIFICATION_DIGEST_MODES = ['off', 'hourly', 'daily'] as const;

/**
 * One thing that happened and that people should hear of (a kind of the contracts' catalogue). An
 * event with an `incident_key` stays open until resolved: emitting the same key again folds into it
 * (occurrences, last_at) and nothing is sent again. `scope` is the organisation, or `user:<id>` for
 * account-level events (security) that belong to no organisation.
 */
export const notificationEvents = pgTable(
  'notification_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    kind: text('kind').notNull(),
    severity: text('severity', { enum: ['info', 'warning', 'critical'] }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    data: jsonb('data').notNull().default({}),
    /** The people it is for, resolved from the kind's audience (or named by the emitter) when it was recorded. */
    recipients: jsonb('recipients').$type<string[]>().notNull().default([]),
    incidentKey: text('incident_key'),
    occurrences: integer('occurrences').notNull().default(1),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notification_events_open_incident_uq').on(t.scope, t.kind, t.incidentKey).where(sql`${t.resolvedAt} is null and ${t.incidentKey} is not null`),
    index('notification_events_org_idx').on(t.orgId, t.firstAt),
  ],
);

/**
 * One event on one channel to one target (a person's id for in-app and email, the Slack channel, a
 * webhook endpoint). UNIQUE (event, channel, target) is the guarantee that nothing is sent twice.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id').notNull().references(() => notificationEvents.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    recipientUserId: uuid('recipient_user_id').references(() => users.id, { onDelete: 'cascade' }),
    target: text('target').notNull(),
    state: text('state', { enum: NOTIFICATION_DELIVERY_STATES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Held deliveries go out at this time (the end of the person's quiet hours). */
    dueAt: timestamp('due_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    unique('notification_deliveries_once_uq').on(t.eventId, t.channel, t.target),
    index('notification_deliveries_org_idx').on(t.orgId, t.createdAt),
    index('notification_deliveries_digest_idx').on(t.recipientUserId, t.state),
  ],
);

/**
 * Whether a kind goes to a channel: a person's own choice (`user_id`), else the organisation's
 * default (`user_id` null, set by admins), else on.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('notification_preferences_uq').on(t.orgId, t.userId, t.kind, t.channel).nullsNotDistinct()],
);

/** A person's delivery settings: time zone, quiet hours (local HH:MM, may wrap midnight) and digest mode. */
export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  timeZone: text('time_zone').notNull().default('UTC'),
  quietStart: text('quiet_start'),
  quietEnd: text('quiet_end'),
  digest: text('digest', { enum: NOTIFICATION_DIGEST_MODES }).notNull().default('off'),
  lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
