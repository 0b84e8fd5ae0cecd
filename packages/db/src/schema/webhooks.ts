import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';

/**
 * An organisation's outbound webhook endpoint: where events of the subscribed kinds are POSTed, signed
 * with the endpoint's secret (sealed with the application key, bound to the endpoint's id). The secret
 * is shown once, at creation and at each rotation. `consecutiveFailures` counts failed attempts in a
 * row; at the configured limit the endpoint is turned off (`disabledReason` says why).
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    /** Notification kinds subscribed to (catalogue names). */
    kinds: jsonb('kinds').$type<string[]>().notNull(),
    secretSealed: text('secret_sealed').notNull(),
    /** The secret's last characters, to tell two secrets apart without showing either. */
    secretHint: text('secret_hint').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    disabledReason: text('disabled_reason'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    secretRotatedAt: timestamp('secret_rotated_at', { withTimezone: true }),
  },
  (t) => [index('webhook_endpoints_org_idx').on(t.orgId, t.createdAt)],
);

export const WEBHOOK_DELIVERY_STATES = ['pending', 'succeeded', 'failed'] as const;

/**
 * One event sent to one endpoint: the exact body signed on every attempt (the event id rides in it and
 * in a header, for receivers to drop duplicates), its state and the next attempt's time. A replay is a
 * new delivery of the same event (`replayOf`). `sourceKey` makes a hand-over from the notification
 * fan-out idempotent: the same notification delivery never becomes two webhook deliveries.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    kind: text('kind').notNull(),
    body: text('body').notNull(),
    state: text('state', { enum: WEBHOOK_DELIVERY_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    replayOf: uuid('replay_of'),
    sourceKey: text('source_key'),
    isTest: boolean('is_test').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_endpoint_idx').on(t.orgId, t.endpointId, t.createdAt),
    uniqueIndex('webhook_deliveries_source_key_idx').on(t.endpointId, t.sourceKey),
  ],
);

/** One HTTP attempt of a delivery: what was sent (headers), what came back (status, first bytes), how long it took. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    deliveryId: uuid('delivery_id').notNull().references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    requestHeaders: jsonb('request_headers').$type<Record<string, string>>().notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('webhook_attempts_delivery_attempt_idx').on(t.deliveryId, t.attempt)],
);
