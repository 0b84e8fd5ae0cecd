import { index, pgTable, text, timestamp, uniqueIndex, uuid, date, doublePrecision, primaryKey } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';
import { campaigns } from './campaigns.ts';

/** `campaign`: the campaign's creation in Adloop (its `message` says what was created); never undone. */
export const CHANGE_FIELDS = ['status', 'daily_budget', 'lifetime_budget', 'campaign'] as const;
export const CHANGE_STATES = ['pending', 'applied', 'conflict', 'failed', 'undone'] as const;
export const CHANGE_ORIGINS = ['adloop', 'undo', 'outside'] as const;

/**
 * A change to a campaign on its platform: asked for in Adloop (applied by a job, compare-and-set
 * against `before`), an undo of one, or one seen by a sync that was made outside Adloop.
 * Values are strings: a status word, or budget micros.
 */
export const campaignChanges = pgTable(
  'campaign_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    field: text('field', { enum: CHANGE_FIELDS }).notNull(),
    before: text('before'),
    after: text('after'),
    currency: text('currency').notNull(),
    state: text('state', { enum: CHANGE_STATES }).notNull(),
    current: text('current'),
    message: text('message'),
    origin: text('origin', { enum: CHANGE_ORIGINS }).notNull(),
    undoOf: uuid('undo_of'),
    undoneBy: uuid('undone_by'),
    /** The caller's key; with the change's position in the request it makes a retried request harmless. */
    idempotencyKey: text('idempotency_key'),
    actorType: text('actor_type'),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Set just before the change is sent to the platform: finding the new value there later means our send landed. */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
  },
  (t) => [
    index('campaign_changes_campaign_idx').on(t.orgId, t.campaignId, t.createdAt),
    uniqueIndex('campaign_changes_idempotency_key').on(t.orgId, t.idempotencyKey, t.campaignId, t.field),
  ],
);

/** Daily reference exchange rates: 1 EUR = `rate` units of `currency` (EUR itself is 1). */
export const fxRates = pgTable(
  'fx_rates',
  {
    date: date('date', { mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    rate: doublePrecision('rate').notNull(),
    source: text('source').notNull(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.date, t.currency] })],
);
