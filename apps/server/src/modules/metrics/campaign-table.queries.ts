import { sql } from 'drizzle-orm';
import type { CampaignRow, PlatformId } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { fieldError } from '../../platform/errors.ts';
import { ensureRates, latestFactors } from './fx.service.ts';
import { toKpis } from '@adloop/engine';
import { changeOptionsFor } from './change-options.ts';
import { FX_FACTOR, FX_JOIN, orgSettings, resolveRange, rowsOf, type Range } from './report-scope.ts';
import { accountScopeSql, convertedKpiSums, totalsOf, type AccountScope, type KpiSumsRow, type ReportScope } from './metrics.reader.ts';

const NUMERIC_SORTS: Record<string, string> = {
  budget: 'coalesce(t.daily_budget_micros, t.lifetime_budget_micros, -1) * t.fx',
  spend: 't.spend * t.fx',
  revenue: 't.value * t.fx',
  impressions: 't.impressions',
  clicks: 't.clicks',
  conversions: 't.conversions',
  ctr: "coalesce(t.clicks::float8 / nullif(t.impressions, 0), -1)",
  cpc: 'coalesce(t.spend * t.fx / nullif(t.clicks, 0), -1)',
  cpa: 'coalesce(t.spend * t.fx / nullif(t.conversions, 0), -1)',
  roas: 'coalesce(t.value::float8 / nullif(t.spend, 0), -1)',
  cpm: 'coalesce(t.spend * t.fx * 1000 / nullif(t.impressions, 0), -1)',
};
const TEXT_SORTS: Record<string, string> = { name: 'lower(t.name)', platform: 't.platform', account: 'lower(t.account_name)', status: 't.status' };

/** A name search as an ILIKE pattern, its own % _ and \\ taken literally. */
const likePattern = (q: string | undefined) => (q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null);

export interface CampaignFilters {
  since?: string | undefined;
  until?: string | undefined;
  platform?: PlatformId | undefined;
  accountId?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
  /** The caller's accounts (`OrgAccess.accountIds`); null or absent: every added account. */
  accountIds?: AccountScope | undefined;
  sort: string;
  dir: 'asc' | 'desc';
}

export interface TableRow {
  id: string;
  platform: PlatformId;
  platform_id: string;
  ad_account_id: string;
  account_name: string;
  account_platform_id: string;
  name: string;
  status: CampaignRow['status'];
  objective: string | null;
  daily_budget_micros: string | null;
  lifetime_budget_micros: string | null;
  currency: string;
  bid_strategy: string | null;
  bid_micros: string | null;
  target_roas: number | null;
  synced_at: string | Date;
  impressions: string;
  clicks: string;
  spend: string;
  conversions: number;
  value: string;
  sort_key: string | number;
}

export function presentRow(row: TableRow): CampaignRow {
  return {
    id: row.id,
    platform: row.platform,
    platformId: row.platform_id,
    adAccountId: row.ad_account_id,
    accountName: row.account_name,
    name: row.name,
    status: row.status,
    objective: row.objective,
    dailyBudgetMicros: row.daily_budget_micros === null ? null : Number(row.daily_budget_micros),
    lifetimeBudgetMicros: row.lifetime_budget_micros === null ? null : Number(row.lifetime_budget_micros),
    currency: row.currency,
    bidMicros: row.bid_micros === null ? null : Number(row.bid_micros),
    targetRoas: row.target_roas,
    syncedAt: new Date(row.synced_at).toISOString(),
    metrics: toKpis(totalsOf(row)),
  };
}

/** A row with what can be changed on it, where its platform's adapter is available. */
export function withChangeOptions(ctx: AppContext, row: TableRow): CampaignRow {
  const present = presentRow(row);
  if (!ctx.platforms.registry.has(row.platform)) return present;
  return { ...present, changeOptions: changeOptionsFor(ctx.platforms.registry.get(row.platform).capabilities, { status: row.status, bidStrategy: row.bid_strategy }) };
}

/**
 * The filtered, sorted campaign rows with their numbers for the range (one SQL statement). Amounts
 * stay in each campaign's currency; money sorts convert with `factors` (the latest rates in the range).
 */
export function tableQuery(orgId: string, range: Range, factors: Record<string, number>, f: CampaignFilters, after: [string | number, string] | null, limit: number | null) {
  const numeric = f.sort in NUMERIC_SORTS;
  const key = sql.raw(numeric ? (NUMERIC_SORTS[f.sort] as string) : (TEXT_SORTS[f.sort] ?? TEXT_SORTS.name!));
  const dir = sql.raw(f.dir === 'asc' ? 'ASC' : 'DESC');
  const cmp = sql.raw(f.dir === 'asc' ? '>' : '<');
  const keyset = after ? sql`AND (${key}, t.id) ${cmp} (${numeric ? sql`${Number(after[0])}::float8` : sql`${String(after[0])}`}, ${after[1]}::uuid)` : sql``;
  const like = likePattern(f.q);
  return sql`
    WITH agg AS (
      SELECT m.ad_account_id, m.entity_id, sum(m.impressions) AS impressions, sum(m.clicks) AS clicks, sum(m.spend_micros) AS spend,
             sum(m.conversions) AS conversions, sum(m.conversion_value_micros) AS value
      FROM metrics_daily m
      WHERE m.org_id = ${orgId}::uuid AND m.level = 'campaign' AND m.date BETWEEN ${range.since}::date AND ${range.until}::date
      GROUP BY m.ad_account_id, m.entity_id
    ), t AS (
      SELECT c.id, a.platform, c.platform_id, c.ad_account_id, a.name AS account_name, a.platform_account_id AS account_platform_id, c.name, c.status, c.objective,
             c.daily_budget_micros, c.lifetime_budget_micros, c.currency, c.bid_strategy, c.bid_micros, c.target_roas, c.synced_at,
             coalesce(agg.impressions, 0) AS impressions, coalesce(agg.clicks, 0) AS clicks, coalesce(agg.spend, 0) AS spend,
             coalesce(agg.conversions, 0)::float8 AS conversions, coalesce(agg.value, 0) AS value,
             coalesce((${JSON.stringify(factors)}::jsonb ->> c.currency)::float8, 1) AS fx
      FROM campaigns c
      JOIN ad_accounts a ON a.id = c.ad_account_id AND a.org_id = c.org_id AND a.selected
      LEFT JOIN agg ON agg.ad_account_id = c.ad_account_id AND agg.entity_id = c.platform_id
      WHERE c.org_id = ${orgId}::uuid
        ${f.platform ? sql`AND a.platform = ${f.platform}` : sql``}
        ${f.accountId ? sql`AND c.ad_account_id = ${f.accountId}::uuid` : sql``}
        ${f.status ? sql`AND c.status = ${f.status}` : sql``}
        ${like ? sql`AND c.name ILIKE ${like}` : sql``}
        ${accountScopeSql('a', f.accountIds)}
    )
    SELECT t.*, ${key} AS sort_key FROM t
    WHERE true ${keyset}
    ORDER BY ${key} ${dir}, t.id ${dir}
    ${limit === null ? sql`` : sql`LIMIT ${limit}`}`;
}

/** One page of the campaign table with the filters' totals, narrowed to the caller's accounts. */
export async function campaignTable(ctx: AppContext, scope: ReportScope, query: Omit<CampaignFilters, 'accountIds'> & { cursor?: string | undefined; limit: number }) {
  const { orgId } = scope;
  const f = { ...query, accountIds: scope.accountIds };
  const settings = await orgSettings(ctx.db, orgId);
  const range = resolveRange(f, settings.timeZone, ctx.clock.now());
  const after = decodeTableCursor(f.cursor);
  await ensureRates(ctx, range.since, range.until);
  const factors = await latestFactors(ctx, range.until, settings.reportingCurrency);
  // The page and the totals are independent statements: run them side by side.
  const [result, totals] = await Promise.all([
    ctx.db.execute(tableQuery(orgId, range, factors, f, after, f.limit + 1)),
    filteredTotals(ctx, orgId, range, settings.reportingCurrency, f),
  ]);
  const rows = rowsOf<TableRow>(result);
  const visible = rows.slice(0, f.limit);
  const last = visible.at(-1);
  return {
    items: visible.map((row) => withChangeOptions(ctx, row)),
    nextCursor: rows.length > f.limit && last ? Buffer.from(JSON.stringify([last.sort_key, last.id])).toString('base64url') : null,
    totals,
    currency: settings.reportingCurrency,
    range,
    fxFactors: factors,
  };
}

function decodeTableCursor(cursor: string | undefined): [string | number, string] | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && (typeof value[0] === 'string' || typeof value[0] === 'number') && typeof value[1] === 'string' && /^[0-9a-f-]{36}$/i.test(value[1])) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  throw fieldError('cursor', 'is not a cursor returned by this list', 'querystring');
}

const totalsToKpis = (row: KpiSumsRow | undefined) => toKpis(totalsOf(row));

/**
 * Totals of every campaign matching the filters, converted per day into the reporting currency:
 * from the per-account daily rollup unless a status or name filter needs the campaign rows.
 */
async function filteredTotals(ctx: AppContext, orgId: string, range: Range, reporting: string, f: CampaignFilters) {
  const byCampaign = Boolean(f.status || f.q);
  const like = likePattern(f.q);
  const from = byCampaign
    ? sql`FROM metrics_daily m
      JOIN ad_accounts a ON a.id = m.ad_account_id AND a.org_id = m.org_id AND a.selected
      JOIN campaigns c ON c.ad_account_id = m.ad_account_id AND c.platform_id = m.entity_id AND c.org_id = m.org_id`
    : sql`FROM metrics_account_daily m
      JOIN ad_accounts a ON a.id = m.ad_account_id AND a.org_id = m.org_id AND a.selected`;
  const [row] = rowsOf<KpiSumsRow>(
    await ctx.db.execute(sql`
      SELECT ${convertedKpiSums(reporting, FX_FACTOR)} ${from} ${FX_JOIN('m', reporting)}
      WHERE m.org_id = ${orgId}::uuid AND m.date BETWEEN ${range.since}::date AND ${range.until}::date
        ${byCampaign ? sql`AND m.level = 'campaign'` : sql``}
        ${f.platform ? sql`AND a.platform = ${f.platform}` : sql``}
        ${f.accountId ? sql`AND m.ad_account_id = ${f.accountId}::uuid` : sql``}
        ${f.status ? sql`AND c.status = ${f.status}` : sql``}
        ${like ? sql`AND c.name ILIKE ${like}` : sql``}
        ${accountScopeSql('a', f.accountIds)}`),
  );
  return totalsToKpis(row);
}
