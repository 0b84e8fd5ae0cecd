import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';
import { adAccounts } from './connections.ts';

export const SYNC_KINDS = ['structure', 'metrics_hourly', 'metrics_daily'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];
export const SYNC_STATUSES = ['running', 'succeeded', 'failed'] as const;

/** One sync run of one ad account: what was pulled, how much, how long, and what went wrong. */
export const syncRuns = pgTable(
  'sync_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    adAccountId: uuid('ad_account_id').notNull().references(() => adAccounts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SYNC_KINDS }).notNull(),
    status: text('status', { enum: SYNC_STATUSES }).notNull().default('running'),
    /** e.g. { campaigns: 12, adGroups: 40 } or { rows: 1234, days: 7 }. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    /** Date range pulled, YYYY-MM-DD, for metrics runs. */
    rangeSince: text('range_since'),
    rangeUntil: text('range_until'),
    /** 0–100 while running. */
    progress: integer('progress').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    errorKind: text('error_kind'),
    /** The platform's own message, shown as is. */
    errorMessage: text('error_message'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('sync_runs_account_started_idx').on(t.adAccountId, t.startedAt), index('sync_runs_org_idx').on(t.orgId)],
);
