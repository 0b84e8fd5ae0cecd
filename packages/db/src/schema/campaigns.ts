import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull(),
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
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull(),
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
  },
  (t) => [uniqueIndex('ads_account_platform_key').on(t.adAccountId, t.platformId), index('ads_org_idx').on(t.orgId)],
);
