import { z } from 'zod';
import { PageQuery, page } from './common.ts';
import { NOTIFICATION_KIND_NAMES } from './notifications/catalogue.ts';

const Timestamp = z.iso.datetime({ offset: true });

/** The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (one v1 per valid secret). */
export const WEBHOOK_SIGNATURE_HEADER = 'Adloop-Signature';
/** The event's id: the same on every attempt and replay, so a receiver can drop duplicates. */
export const WEBHOOK_EVENT_ID_HEADER = 'Adloop-Event-Id';
/** The attempt number of this request (1 for the first). */
export const WEBHOOK_ATTEMPT_HEADER = 'Adloop-Attempt';
/** How far a signature's timestamp may be from the receiver's clock before it is refused (seconds). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export const WebhookKind = z.enum(NOTIFICATION_KIND_NAMES);

const WebhookUrl = z
  .string()
  .trim()
  .min(1, 'Enter the endpoint address (https://…)')
  .max(2048, 'Use at most 2,048 characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'Enter a full address starting with https://');

export const CreateWebhookBody = z.strictObject({
  url: WebhookUrl,
  description: z.string().trim().max(200, 'Use at most 200 characters').default(''),
  kinds: z.array(WebhookKind).min(1, 'Choose at least one kind of event').max(NOTIFICATION_KIND_NAMES.length),
});
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const UpdateWebhookBody = z
  .strictObject({
    url: WebhookUrl.optional(),
    description: z.string().trim().max(200, 'Use at most 200 characters').optional(),
    kinds: z.array(WebhookKind).min(1, 'Choose at least one kind of event').max(NOTIFICATION_KIND_NAMES.length).optional(),
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Change at least one of url, description, kinds, enabled');
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBody>;

export const WebhookParams = z.strictObject({ orgId: z.uuid(), endpointId: z.uuid() });
export const WebhookDeliveryParams = z.strictObject({ orgId: z.uuid(), endpointId: z.uuid(), deliveryId: z.uuid() });

export const WebhookEndpoint = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  kinds: z.array(z.string()),
  enabled: z.boolean(),
  /** Why Adloop turned it off (repeated failures); null when on or turned off by a person. */
  disabledReason: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  /** The secret's last four characters. */
  secretHint: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  secretRotatedAt: Timestamp.nullable(),
  /** The last delivery's outcome, if any. */
  lastDelivery: z.object({ state: z.enum(['pending', 'succeeded', 'failed']), at: Timestamp, status: z.number().int().nullable() }).nullable(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** Answered once, on creation and on rotation: the secret is never shown again. */
export const WebhookEndpointWithSecret = WebhookEndpoint.extend({ secret: z.string() });
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;

export const WebhookEndpoints = z.object({ items: z.array(WebhookEndpoint), allowsPrivateNetworks: z.boolean() });
export type WebhookEndpoints = z.infer<typeof WebhookEndpoints>;

export const WebhookAttempt = z.object({
  attempt: z.number().int(),
  startedAt: Timestamp,
  durationMs: z.number().int(),
  requestHeaders: z.record(z.string(), z.string()),
  responseStatus: z.number().int().nullable(),
  /** The first 1,000 characters of the answer. */
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const WebhookDelivery = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  eventId: z.uuid(),
  kind: z.string(),
  state: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: Timestamp.nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  replayOf: z.uuid().nullable(),
  isTest: z.boolean(),
  createdAt: Timestamp,
  completedAt: Timestamp.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveries = page(WebhookDelivery);
export type WebhookDeliveries = z.infer<typeof WebhookDeliveries>;

/** One delivery with the body sent and every attempt, oldest first. */
export const WebhookDeliveryDetail = WebhookDelivery.extend({ body: z.string(), attemptLog: z.array(WebhookAttempt) });
export type WebhookDeliveryDetail = z.infer<typeof WebhookDeliveryDetail>;

export const WebhookDeliveriesQuery = PageQuery;

/** The JSON body of every webhook request. */
export const WebhookEventPayload = z.object({
  id: z.uuid(),
  type: z.string(),
  createdAt: Timestamp,
  organizationId: z.uuid(),
  test: z.boolean(),
  data: z.object({
    title: z.string(),
    body: z.string(),
    severity: z.enum(['info', 'warning', 'critical']),
    link: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  }),
});
export type WebhookEventPayload = z.infer<typeof WebhookEventPayload>;
