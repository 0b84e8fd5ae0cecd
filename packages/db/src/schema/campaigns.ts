import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';
import { adAccounts } from './connections.ts';

export const ENTITY_STATUSES = ['active', 'paused', 'removed', 'archived'] as const;

/** The mirror of a platform campaign, upserted by (ad account, platform id) on every structure sync. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    adAccountId: uuid('ad_account_id').notNull().references(() => adAccounts.id, { onDelete: 'cascade' }),
    platformId: text('platform_id').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ENTITY_STATUSES }).notNull(),
    rawStatus: text('raw_status').notNull(),
    objective: text('objective'),
    dailyBudgetMicros: bigint('daily_budget_micros', { mode: 'number' }),
    lifetimeBudgetMicros: bigint('lifetime_budget_micros', { mode: 'number' }),
    currency: text('currency').notNull(),
    /** The platform's bid strategy word (MANUAL_CPC, TARGET_CPA, COST_CAP, ...); null when unknown. */
    bidStrategy: text('bid_strategy'),
    /** Manual CPC / target CPA / bid cap / cost cap in micros, where the strategy has an amount at campaign level. */
    bidMicros: bigint('bid_micros', { mode: 'number' }),
    targetRoas: doublePrecision('target_roas'),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull(),
    /** When Adloop first saw the object (rules' "days since created" and created before/after filters). */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Adloop's own labels (set by people or by a rule's `label` action; rule scopes filter on them). */
    labels: text('labels').array().notNull().default(sql`'{}'::text[]`),
    /** Held while a change is being applied, so changes to one campaign apply one at a time (compare-and-set). */
    changeLeaseUntil: timestamp('change_lease_until', { withTimezone: true }),
  },
  (t) => [uniqueIndex('campaigns_account_platform_key').on(t.adAccountId, t.platformId), index('campaigns_org_idx').on(t.orgId)],
);

export const adGroups = pgTable(
  'ad_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    adAccountId: uuid('ad_account_id').notNull().references(() => adAccounts.id, { onDelete: 'cascade' }),
    platformId: text('platform_id').notNull(),
    campaignPlatformId: text('campaign_platform_id').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ENTITY_STATUSES }).notNull(),
    dailyBudgetMicros: bigint('daily_budget_micros', { mode: 'number' }),
    lifetimeBudgetMicros: bigint('lifetime_budget_micros', { mode: 'number' }),
    bidStrategy: text('bid_strategy'),
    /** Ad group / ad set bid (Google CPC bid, Meta bid amount, TikTok bid) in micros. */
    bidMicros: bigint('bid_micros', { mode: 'number' }),
    /** Still in the platform's learning phase, where the platform reports it (Meta, TikTok); null: not reported. */
    isLearning: boolean('is_learning'),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull(),
    /** When Adloop first saw the object (rules' "days since created" and created before/after filters). */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Adloop's own labels (set by people or by a rule's `label` action; rule scopes filter on them). */
    labels: text('labels').array().notNull().default(sql`'{}'::text[]`),
    changeLeaseUntil: timestamp('change_lease_until', { withTimezone: true }),
  },
  (t) => [uniqueIndex('ad_groups_account_platform_key').on(t.adAccountId, t.platformId), index('ad_groups_org_idx').on(t.orgId)],
);

export const ads = pgTable(
  'ads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    adAccountId: uuid('ad_account_id').notNull().references(() => adAccounts.id, { onDelete: 'cascade' }),
    platformId: text('platform_id').notNull(),
    adGroupPlatformId: text('ad_group_platform_id').notNull(),
    campaignPlatformId: text('campaign_platform_id').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ENTITY_STATUSES }).notNull(),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull(),
    /** When Adloop first saw the object (rules' "days since created" and created before/after filters). */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Adloop's own labels (set by people or by a rule's `label` action; rule scopes filter on them). */
    labels: text('labels').array().notNull().default(sql`'{}'::text[]`),
    changeLeaseUntil: timestamp('change_lease_until', { withTimezone: true }),
  },
  (t) => [uniqueIndex('ads_account_platform_key').on(t.adAccountId, t.platformId), index('ads_org_idx').on(t.orgId)],
);
