import { bigint, date, doublePrecision, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The metrics store (migration 0004, written by hand: the fact tables are range-partitioned by
 * month, which the schema generator does not express). These definitions are for queries only;
 * they are kept out of `schema/` so the generator never tries to create them.
 */
const facts = {
  orgId: uuid('org_id').notNull(),
  adAccountId: uuid('ad_account_id').notNull(),
  /** 'campaign' | 'ad_group' | 'ad' */
  level: text('level').notNull(),
  entityId: text('entity_id').notNull(),
  campaignId: text('campaign_id').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
  timeBasis: text('time_basis').notNull(),
  impressions: bigint('impressions', { mode: 'number' }).notNull(),
  clicks: bigint('clicks', { mode: 'number' }).notNull(),
  spendMicros: bigint('spend_micros', { mode: 'number' }).notNull(),
  conversions: doublePrecision('conversions').notNull(),
  conversionValueMicros: bigint('conversion_value_micros', { mode: 'number' }).notNull(),
  currency: text('currency').notNull(),
  syncedAt: timestamp('synced_at', { withTimezone: true }).notNull(),
};

export const metricsHourly = pgTable('metrics_hourly', { ...facts, hour: smallint('hour').notNull() });
export const metricsDaily = pgTable('metrics_daily', facts);

const totals = {
  impressions: bigint('impressions', { mode: 'number' }).notNull(),
  clicks: bigint('clicks', { mode: 'number' }).notNull(),
  spendMicros: bigint('spend_micros', { mode: 'number' }).notNull(),
  conversions: doublePrecision('conversions').notNull(),
  conversionValueMicros: bigint('conversion_value_micros', { mode: 'number' }).notNull(),
};

export const metricsAccountDaily = pgTable('metrics_account_daily', {
  orgId: uuid('org_id').notNull(),
  adAccountId: uuid('ad_account_id').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
  currency: text('currency').notNull(),
  campaigns: integer('campaigns').notNull(),
  ...totals,
});

export const metricsOrgDaily = pgTable('metrics_org_daily', {
  orgId: uuid('org_id').notNull(),
  platform: text('platform').notNull(),
  currency: text('currency').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
  ...totals,
});
