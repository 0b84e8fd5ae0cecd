import { sql, type SQL } from 'drizzle-orm';
import type { PlatformId } from '@adloop/contracts';
import type { Db } from '@adloop/db';
import type { MetricTotals } from '@adloop/engine';
import { rowsOf, type Range } from './report-scope.ts';

/**
 * The metrics read side as plain data: sums of the fact tables per currency (never converted,
 * never shaped for a page), for the dashboard, the campaign table, rules, reports and AI alike.
 * Pages convert and present; this file holds the one KPI SELECT and the one account scope.
 */

/** Which ad accounts a reader may count: their ids, or null for every account of the organisation. */
export type AccountScope = readonly string[] | null;

/** Who is asking: the organisation and the ad accounts they may see (`OrgAccess` fits). */
export interface ReportScope {
  orgId: string;
  accountIds: AccountScope;
}

export type ReadLevel = 'account' | 'campaign' | 'ad_group' | 'ad';

export interface MetricsFilter {
  level: ReadLevel;
  window: Range;
  /** The caller's accounts (`OrgAccess.accountIds`); null or absent: every added account. */
  accountIds?: AccountScope | undefined;
  platform?: PlatformId | undefined;
  /** Only this campaign: its own rows at level campaign, its ad groups' or ads' rows at those levels. */
  campaign?: { adAccountId: string; platformId: string } | undefined;
  /** Leave this day out (a counterpart day counted to the same hours elsewhere). */
  exceptDate?: string | undefined;
}

export interface SeriesFilter extends MetricsFilter {
  granularity: 'day';
}

/** Sums of one group (per currency; amounts in micros of `currency`). */
export interface CurrencyTotals {
  platform: PlatformId;
  currency: string;
  totals: MetricTotals;
}
export interface SeriesPoint extends CurrencyTotals {
  date: string;
}
export interface EntityTotals extends CurrencyTotals {
  adAccountId: string;
  /** The entity's platform id (campaign, ad group or ad). */
  entityId: string;
}

/** The KPI sums of fact-table alias `m`, as exact text/float columns (one SELECT list for every reader). */
export const KPI_SUMS = sql.raw(
  `sum(m.impressions)::text AS impressions, sum(m.clicks)::text AS clicks, sum(m.spend_micros)::text AS spend,
   sum(m.conversions)::float8 AS conversions, sum(m.conversion_value_micros)::text AS value`,
);

/**
 * `KPI_SUMS` with spend and revenue converted row by row into `reporting` by `factor` (an SQL
 * expression, NULL without a rate: such rows drop out of the money sums).
 */
export const convertedKpiSums = (reporting: string, factor: SQL): SQL =>
  sql`sum(m.impressions)::text AS impressions, sum(m.clicks)::text AS clicks,
      sum(m.spend_micros * CASE WHEN m.currency = ${reporting} THEN 1 ELSE ${factor} END)::float8 AS spend,
      sum(m.conversions)::float8 AS conversions,
      sum(m.conversion_value_micros * CASE WHEN m.currency = ${reporting} THEN 1 ELSE ${factor} END)::float8 AS value`;

export interface KpiSumsRow {
  impressions: string | number | null;
  clicks: string | number | null;
  spend: string | number | null;
  conversions: string | number | null;
  value: string | number | null;
}

export const totalsOf = (row: KpiSumsRow | undefined): MetricTotals => ({
  impressions: Number(row?.impressions ?? 0),
  clicks: Number(row?.clicks ?? 0),
  spendMicros: Number(row?.spend ?? 0),
  conversions: Number(row?.conversions ?? 0),
  conversionValueMicros: Number(row?.value ?? 0),
});

/**
 * `AND <alias>.id IN (…)` for a member's accounts (alias = ad_accounts), nothing for every account,
 * and no account at all for an empty list: every metrics query narrows through this.
 */
export function accountScopeSql(alias: string, accountIds: AccountScope | undefined): SQL {
  if (accountIds === null || accountIds === undefined) return sql``;
  if (accountIds.length === 0) return sql`AND false`;
  return sql`AND ${sql.raw(`${alias}.id`)} IN (${sql.join(
    accountIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

function source(f: MetricsFilter): SQL {
  const days = sql`m.date BETWEEN ${f.window.since}::date AND ${f.window.until}::date ${f.exceptDate ? sql`AND m.date <> ${f.exceptDate}::date` : sql``}`;
  if (f.level === 'account') return sql`FROM metrics_account_daily m JOIN ad_accounts a ON a.id = m.ad_account_id AND a.org_id = m.org_id AND a.selected WHERE ${days}`;
  const campaign = f.campaign
    ? sql`AND m.ad_account_id = ${f.campaign.adAccountId}::uuid AND ${f.level === 'campaign' ? sql`m.entity_id` : sql`m.campaign_id`} = ${f.campaign.platformId}`
    : sql``;
  // A campaign's own page counts it even after its account was taken out of Adloop.
  const selected = f.campaign ? sql`` : sql`AND a.selected`;
  return sql`FROM metrics_daily m JOIN ad_accounts a ON a.id = m.ad_account_id AND a.org_id = m.org_id ${selected} WHERE m.level = ${f.level} AND ${days} ${campaign}`;
}

function where(orgId: string, f: MetricsFilter): SQL {
  return sql`AND m.org_id = ${orgId}::uuid ${f.platform ? sql`AND a.platform = ${f.platform}` : sql``} ${accountScopeSql('a', f.accountIds)}`;
}

export function createMetricsReader(db: Db) {
  return {
    /** Per day, platform and currency over the window. */
    async series(orgId: string, f: SeriesFilter): Promise<SeriesPoint[]> {
      const rows = rowsOf<KpiSumsRow & { platform: PlatformId; currency: string; date: string }>(
        await db.execute(sql`
          SELECT a.platform, m.currency, to_char(m.date, 'YYYY-MM-DD') AS date, ${KPI_SUMS}
          ${source(f)} ${where(orgId, f)}
          GROUP BY a.platform, m.currency, m.date`),
      );
      return rows.map((r) => ({ platform: r.platform, currency: r.currency, date: r.date, totals: totalsOf(r) }));
    },

    /** Per platform and currency over the window. */
    async totals(orgId: string, f: MetricsFilter): Promise<CurrencyTotals[]> {
      const rows = rowsOf<KpiSumsRow & { platform: PlatformId; currency: string }>(
        await db.execute(sql`SELECT a.platform, m.currency, ${KPI_SUMS} ${source(f)} ${where(orgId, f)} GROUP BY a.platform, m.currency`),
      );
      return rows.map((r) => ({ platform: r.platform, currency: r.currency, totals: totalsOf(r) }));
    },

    /** Per entity (campaign, ad group or ad) and currency over the window. */
    async byEntity(orgId: string, f: MetricsFilter & { level: Exclude<ReadLevel, 'account'> }): Promise<EntityTotals[]> {
      const rows = rowsOf<KpiSumsRow & { platform: PlatformId; currency: string; ad_account_id: string; entity_id: string }>(
        await db.execute(sql`
          SELECT a.platform, m.currency, m.ad_account_id, m.entity_id, ${KPI_SUMS}
          ${source(f)} ${where(orgId, f)}
          GROUP BY a.platform, m.currency, m.ad_account_id, m.entity_id`),
      );
      return rows.map((r) => ({ platform: r.platform, currency: r.currency, adAccountId: r.ad_account_id, entityId: r.entity_id, totals: totalsOf(r) }));
    },
  };
}

export type MetricsReader = ReturnType<typeof createMetricsReader>;
