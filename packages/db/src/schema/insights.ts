import { doublePrecision, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organizations } from './orgs.ts';
import { adAccounts } from './connections.ts';
import { campaigns } from './campaigns.ts';
import { users } from './auth.ts';

export const ANOMALY_INCIDENT_STATUSES = ['open', 'resolved'] as const;
export const ANOMALY_INCIDENT_CAUSES = ['tracking', 'cost', 'delivery', 'overspend', 'performance'] as const;
export const ANOMALY_INCIDENT_METRICS = ['spend', 'clicks', 'cpc', 'conversions', 'conversion_rate'] as const;

/**
 * An anomaly incident: one metric of one ad account or campaign off its expected range for one likely
 * cause, from its opening until it is back to normal. Repeated findings fold into the open incident
 * (`occurrences`, the latest figures); a person may snooze it (no alerts until a time) or acknowledge it.
 */
export const anomalyIncidents = pgTable(
  'anomaly_incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    adAccountId: uuid('ad_account_id').notNull().references(() => adAccounts.id, { onDelete: 'cascade' }),
    /** Null for the account as a whole. */
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    /** `account|campaign:<id>|<metric>|<cause>` within the ad account: the same key while it continues. */
    incidentKey: text('incident_key').notNull(),
    /** Account or campaign name when opened. */
    name: text('name').notNull(),
    metric: text('metric', { enum: ANOMALY_INCIDENT_METRICS }).notNull(),
    cause: text('cause', { enum: ANOMALY_INCIDENT_CAUSES }).notNull(),
    status: text('status', { enum: ANOMALY_INCIDENT_STATUSES }).notNull(),
    /** Latest finding: grain, direction, method, observed against expected with its interval. */
    grain: text('grain', { enum: ['hour', 'day'] }).notNull(),
    direction: text('direction', { enum: ['up', 'down'] }).notNull(),
    method: text('method').notNull(),
    confidence: text('confidence', { enum: ['normal', 'low'] }).notNull(),
    observed: doublePrecision('observed').notNull(),
    expected: doublePrecision('expected').notNull(),
    lower: doublePrecision('lower').notNull(),
    upper: doublePrecision('upper').notNull(),
    /** Start of the abnormal run. */
    since: timestamp('since', { withTimezone: true }).notNull(),
    /** The latest abnormal period. */
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    /** The latest check that still found it. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** Checks that found it (repeats folded in). */
    occurrences: integer('occurrences').notNull().default(1),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    snoozedById: uuid('snoozed_by_id').references(() => users.id, { onDelete: 'set null' }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedById: uuid('acknowledged_by_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('anomaly_incidents_open_key').on(t.orgId, t.adAccountId, t.incidentKey).where(sql`status = 'open'`),
    index('anomaly_incidents_list_idx').on(t.orgId, t.status, t.openedAt),
    index('anomaly_incidents_account_idx').on(t.adAccountId, t.status),
  ],
);
