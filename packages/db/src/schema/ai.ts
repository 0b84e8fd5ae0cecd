import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';

/** What an AI call was for: metered and capped per feature. */
export const AI_FEATURES = ['copy', 'allocation', 'anomaly', 'forecast', 'report'] as const;
/**
 * `reserved`: the worst-case cost is held against the cap while the call runs; `settled`: the real cost
 * is known; `failed`: the call failed (its real cost, often 0, is kept); `refused`: not sent, the cap
 * would have been crossed.
 */
export const AI_USAGE_STATUSES = ['reserved', 'settled', 'failed', 'refused'] as const;

/**
 * One metered AI call: measured before (worst case, reserved) and after (tokens and cost). Months are
 * UTC calendar months (`2026-12`), the unit of the monthly cap.
 */
export const aiUsage = pgTable(
  'ai_usage',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** The person who asked (null for Adloop's own jobs). */
    userId: uuid('user_id'),
    userLabel: text('user_label'),
    feature: text('feature', { enum: AI_FEATURES }).notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    status: text('status', { enum: AI_USAGE_STATUSES }).notNull(),
    month: text('month').notNull(),
    reservedMicros: bigint('reserved_micros', { mode: 'number' }).notNull().default(0),
    tokensIn: integer('tokens_in').notNull().default(0),
    tokensOut: integer('tokens_out').notNull().default(0),
    costMicros: bigint('cost_micros', { mode: 'number' }).notNull().default(0),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [index('ai_usage_org_month_idx').on(t.orgId, t.month, t.createdAt)],
);

/**
 * An organisation's AI money for one month, the row every reservation updates with a compare-and-set
 * (`reserved + spent + worst case <= cap`), so concurrent calls can never cross the cap together.
 */
export const aiSpendMonths = pgTable(
  'ai_spend_months',
  {
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    /** Worst-case costs of calls under way. */
    reservedMicros: bigint('reserved_micros', { mode: 'number' }).notNull().default(0),
    /** Real costs of finished calls. */
    spentMicros: bigint('spent_micros', { mode: 'number' }).notNull().default(0),
    /** When the 80 % warning went out this month (once). */
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    /** When a call was first refused at the cap this month. */
    cappedAt: timestamp('capped_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.month] })],
);

/** An organisation's AI settings: brand voice (the contracts' `BrandVoice`) and its own monthly cap. */
export const aiSettings = pgTable('ai_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  brandVoice: jsonb('brand_voice'),
  /** A monthly cap an admin set, in micros of USD; null: the plan's allowance (the server's default). */
  monthlyCapMicros: bigint('monthly_cap_micros', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

export const COPY_GENERATION_STATUSES = ['ready', 'failed'] as const;

/**
 * One generation of ad copy: the brief, the prompt exactly as sent (viewable), the variations per
 * platform with their checks and repairs, and where it was published. Deleted 90 days after
 * `created_at` by the retention job.
 */
export const copyGenerations = pgTable(
  'copy_generations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id'),
    userLabel: text('user_label'),
    /** `ai` (a model wrote it) or `template` (the slot grammar, no provider). */
    source: text('source').notNull(),
    provider: text('provider'),
    model: text('model'),
    status: text('status', { enum: COPY_GENERATION_STATUSES }).notNull(),
    platforms: text('platforms').array().notNull(),
    brief: jsonb('brief').notNull(),
    brandVoice: jsonb('brand_voice').notNull(),
    /** The messages sent to the model (or the template's inputs), shown as "view prompt". */
    prompt: jsonb('prompt').notNull(),
    /** Per platform: variations with their copy, checks and repairs. */
    result: jsonb('result').notNull(),
    /** The landing page check (https, reachable, status, title). */
    landingPage: jsonb('landing_page'),
    /** Where it was asked from: an ad group being extended, or the wizard (null). */
    adGroupId: uuid('ad_group_id'),
    usageId: uuid('usage_id'),
    /** The proposals (change ids) its publishing created. */
    publishedChangeIds: jsonb('published_change_ids').notNull().default([]),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('copy_generations_org_idx').on(t.orgId, t.createdAt), index('copy_generations_created_idx').on(t.createdAt)],
);
