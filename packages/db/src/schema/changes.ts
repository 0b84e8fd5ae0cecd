import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, date, doublePrecision, primaryKey } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';
import { campaigns } from './campaigns.ts';
import { adAccounts } from './connections.ts';
import { ACTOR_TYPES } from './audit.ts';

/**
 * `campaign`: the campaign's creation in Adloop (new or duplicated; `payload` holds what to create, `message`
 * says what was created); never undone. `bid`: bid amount in micros; `target_roas`: a ratio as a decimal string.
 * `ad`: a new ad in an ad group (`payload` holds its copy and, once created, the ad's ids); undone by pausing it.
 */
export const CHANGE_FIELDS = ['status', 'daily_budget', 'lifetime_budget', 'campaign', 'name', 'bid', 'target_roas', 'ad'] as const;
/**
 * `proposed` waits in the approval inbox; approval moves it to `pending` (the apply job's state), rejection to
 * `rejected`, time to `expired`. `stopped`: the organisation's kill switch stopped it before it was sent.
 */
export const CHANGE_STATES = ['proposed', 'pending', 'applied', 'conflict', 'failed', 'undone', 'rejected', 'expired', 'stopped'] as const;
export const CHANGE_ORIGINS = ['adloop', 'undo', 'outside'] as const;
/** The object a change touches: the campaign itself, one of its ad groups / ad sets, or one of its ads. */
export const ENTITY_LEVELS = ['campaign', 'ad_group', 'ad'] as const;

/** One guardrail's verdict on a change, kept on the change: `overridden` when a person confirmed past a soft one. */
export interface GuardrailVerdict {
  id: string;
  outcome: 'passed' | 'overridden';
  message: string;
}

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
    /** The ad account the change is made in (members see only their assigned accounts' changes). */
    adAccountId: uuid('ad_account_id').references(() => adAccounts.id, { onDelete: 'cascade' }),
    /** Null only for a proposed campaign creation that has not launched yet. */
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    entityLevel: text('entity_level', { enum: ENTITY_LEVELS }).notNull().default('campaign'),
    /** The ad group's or ad's row id when `entityLevel` is not `campaign`. */
    entityId: uuid('entity_id'),
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
    actorType: text('actor_type', { enum: ACTOR_TYPES }),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    /** What to create for a `campaign` change (new or duplicated campaign), as the proposer asked. */
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    /** The proposer's reason, in words. */
    reason: text('reason'),
    /** The numbers that led to the proposal, when the proposer supplies them. */
    evidence: jsonb('evidence').$type<Record<string, unknown>>(),
    /** Money at stake per day in micros of `currency` (a budget's difference, a paused campaign's daily budget). */
    stakeMicrosPerDay: bigint('stake_micros_per_day', { mode: 'number' }),
    guardrails: jsonb('guardrails').$type<GuardrailVerdict[]>(),
    /** A proposal not decided by then expires. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    decidedByType: text('decided_by_type', { enum: ACTOR_TYPES }),
    decidedById: text('decided_by_id'),
    decidedByLabel: text('decided_by_label'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Why it was rejected (kept for the proposer and for learning), or a note on the approval. */
    decisionNote: text('decision_note'),
    /** The value first proposed, when the approver changed it before approving. */
    proposedAfter: text('proposed_after'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Set just before the change is sent to the platform: finding the new value there later means our send landed. */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
  },
  (t) => [
    index('campaign_changes_campaign_idx').on(t.orgId, t.campaignId, t.createdAt),
    index('campaign_changes_state_idx').on(t.orgId, t.state, t.createdAt),
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
