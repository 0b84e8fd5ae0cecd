import { and, eq, sql } from 'drizzle-orm';
import { adAccounts, organizations, platformConnections, syncRuns, type Db } from '@adloop/db';
import type { CampaignRow, Dashboard, PlatformId } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { fieldError, notFound } from '../../platform/errors.ts';
import { addDays, daysBetween, dateInZone } from '../sync/time-zone.ts';
import { accountHealth } from '../connections/connections.service.ts';
import { conversionFactors, ensureRates } from './fx.service.ts';
import { addInto, emptyTotals, kpiChange, toKpis, type Totals } from './kpis.ts';

export const ATTRIBUTION_NOTE =
  'Each platform counts conversions by its own attribution (its own windows and view-through rules), so a conversion can be counted by more than one platform and the total over-counts. Compare platforms by their own figures beside the total.';

const MAX_RANGE_DAYS = 366;

export interface Range {
  since: string;
  until: string;
}

const SETTINGS_TTL_MS = 10_000;
const settingsCache = new WeakMap<object, Map<string, { value: { reportingCurrency: string; timeZone: string }; at: number }>>();

/**
 * The organisation's reporting currency and time zone, cached for 10 seconds per process (read on
 * every report request; changed rarely). A change in this process clears it at once.
 */
export async function orgSettings(db: Db, orgId: string): Promise<{ reportingCurrency: string; timeZone: string }> {
  const cache = settingsCache.get(db) ?? new Map();
  settingsCache.set(db, cache);
  const hit = cache.get(orgId);
  if (hit && Date.now() - hit.at < SETTINGS_TTL_MS) return hit.value;
  const [org] = await db.select({ reportingCurrency: organizations.reportingCurrency, timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw notFound('Organisation');
  cache.set(orgId, { value: org, at: Date.now() });
  return org;
}

export function forgetOrgSettings(db: Db, orgId: string): void {
  settingsCache.get(db)?.delete(orgId);
}

/** The asked range, or the last 30 complete days in the organisation's time zone. */
export function resolveRange(query: { since?: string | undefined; until?: string | undefined }, timeZone: string, now: Date): Range {
  const yesterday = addDays(dateInZone(timeZone, now), -1);
  const until = query.until ?? (query.since && query.since > yesterday ? query.since : yesterday);
  const since = query.since ?? addDays(until, -29);
  if (since > until) throw fieldError('since', 'must be on or before until', 'querystring');
  if (daysBetween(since, until) > MAX_RANGE_DAYS) throw fieldError('since', `the range can be at most ${MAX_RANGE_DAYS} days`, 'querystring');
  return { since, until };
}

export const previousOf = (range: Range): Range => {
  const days = daysBetween(range.since, range.until);
  return { since: addDays(range.since, -days), until: addDays(range.since, -1) };
};

/** The factor turning an amount of `m.currency` on `m.date` into the reporting currency (NULL without rates). */
const FX_JOIN = (alias: string, reporting: string) => sql.raw(`
  LEFT JOIN fx_rates fc ON fc.date = ${alias}.date AND fc.currency = ${alias}.currency
  LEFT JOIN fx_rates fr ON fr.date = ${alias}.date AND fr.currency = '${reporting.replace(/[^A-Z]/g, '')}'`);
const FX_FACTOR = sql.raw(`(fr.rate / fc.rate)`);

interface DailyRow {
  platform: PlatformId;
  currency: string;
  date: string;
  impressions: string;
  clicks: string;
  spend: string;
  conversions: number;
  value: string;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export async function dashboard(ctx: AppContext, orgId: string, query: { since?: string | undefined; until?: string | undefined; platform?: PlatformId | undefined }): Promise<Dashboard> {
  const settings = await orgSettings(ctx.db, orgId);
  const range = resolveRange(query, settings.timeZone, ctx.clock.now());
  const previous = previousOf(range);
  const currency = settings.reportingCurrency;
  await ensureRates(ctx, previous.since, range.until);
  const factorOf = await conversionFactors(ctx, previous.since, range.until, currency);
  const platformFilter = query.platform ? sql`AND a.platform = ${query.platform}` : sql``;

  // Freshness does not depend on the numbers: ask for it at the same time.
  const freshnessPromise = freshness(ctx, orgId);
  const daily = rowsOf<DailyRow>(
    await ctx.db.execute(sql`
      SELECT a.platform, m.currency, to_char(m.date, 'YYYY-MM-DD') AS date,
             sum(m.impressions)::text AS impressions, sum(m.clicks)::text AS clicks, sum(m.spend_micros)::text AS spend,
             sum(m.conversions)::float8 AS conversions, sum(m.conversion_value_micros)::text AS value
      FROM metrics_account_daily m
      JOIN ad_accounts a ON a.id = m.ad_account_id AND a.org_id = m.org_id AND a.selected
      WHERE m.org_id = ${orgId}::uuid AND m.date BETWEEN ${previous.since}::date AND ${range.until}::date ${platformFilter}
      GROUP BY a.platform, m.currency, m.date
      ORDER BY m.date`),
  );

  const totals = emptyTotals();
  const previousTotals = emptyTotals();
  const byPlatform = new Map<PlatformId, { currencies: Set<string>; now: Totals; before: Totals }>();
  const series = new Map<string, { date: string; platform: PlatformId; spendMicros: number; conversions: number }>();
  const missing = new Map<string, { currency: string; date: string }>();
  for (const row of daily) {
    const isNow = row.date >= range.since;
    const entry = byPlatform.get(row.platform) ?? { currencies: new Set<string>(), now: emptyTotals(), before: emptyTotals() };
    byPlatform.set(row.platform, entry);
    entry.currencies.add(row.currency);
    const factor = factorOf(row.date, row.currency);
    if (factor === null) {
      missing.set(`${row.currency}:${row.date}`, { currency: row.currency, date: row.date });
      continue;
    }
    const converted: Totals = {
      impressions: Number(row.impressions),
      clicks: Number(row.clicks),
      conversions: row.conversions,
      spendMicros: Number(row.spend) * factor,
      conversionValueMicros: Number(row.value) * factor,
    };
    addInto(isNow ? totals : previousTotals, converted);
    addInto(isNow ? entry.now : entry.before, converted);
    if (isNow) {
      const key = `${row.date}:${row.platform}`;
      const point = series.get(key) ?? { date: row.date, platform: row.platform, spendMicros: 0, conversions: 0 };
      point.spendMicros += converted.spendMicros;
      point.conversions += converted.conversions;
      series.set(key, point);
    }
  }

  const nowKpis = toKpis(totals);
  const beforeKpis = toKpis(previousTotals);
  return {
    range,
    previousRange: previous,
    currency,
    totals: nowKpis,
    previousTotals: beforeKpis,
    change: kpiChange(nowKpis, beforeKpis),
    byPlatform: [...byPlatform].map(([platform, entry]) => {
      const a = toKpis(entry.now);
      const b = toKpis(entry.before);
      return { platform, currencies: [...entry.currencies].sort(), totals: a, previousTotals: b, change: kpiChange(a, b) };
    }),
    series: [...series.values()].map((p) => ({ ...p, spendMicros: Math.round(p.spendMicros), conversions: Math.round(p.conversions * 100) / 100 })),
    freshness: await freshnessPromise,
    attributionNote: ATTRIBUTION_NOTE,
    missingRates: [...missing.values()].slice(0, 50),
  };
}

/** The campaigns whose spend (in the reporting currency) moved most against the previous period. */
export async function topMovers(ctx: AppContext, orgId: string, query: { since?: string | undefined; until?: string | undefined; platform?: PlatformId | undefined }) {
  const settings = await orgSettings(ctx.db, orgId);
  const range = resolveRange(query, settings.timeZone, ctx.clock.now());
  const previous = previousOf(range);
  const currency = settings.reportingCurrency;
  await ensureRates(ctx, previous.since, range.until);
  const platformFilter = query.platform ? sql`AND a.platform = ${query.platform}` : sql``;
  // Aggregate per campaign first (one pass over the campaign-level daily rows with one rate
  // lookup per day and currency), and only then join the 1,000-odd campaign rows.
  const movers = rowsOf<{ id: string; name: string; platform: PlatformId; account_name: string; now: number | null; before: number | null }>(
    await ctx.db.execute(sql`
      WITH fx AS (
        SELECT c.date, c.currency, r.rate / c.rate AS factor
        FROM fx_rates c JOIN fx_rates r ON r.date = c.date AND r.currency = ${currency}
        WHERE c.date BETWEEN ${previous.since}::date AND ${range.until}::date
      ), agg AS (
        SELECT m.ad_account_id, m.entity_id,
               sum(CASE WHEN m.date >= ${range.since}::date THEN m.spend_micros * CASE WHEN m.currency = ${currency} THEN 1 ELSE fx.factor END END) AS now,
               sum(CASE WHEN m.date < ${range.since}::date THEN m.spend_micros * CASE WHEN m.currency = ${currency} THEN 1 ELSE fx.factor END END) AS before,
               sum(CASE WHEN m.date >= ${range.since}::date THEN m.spend_micros * coalesce(CASE WHEN m.currency = ${currency} THEN 1 ELSE fx.factor END, 1) END) AS now_order,
               sum(CASE WHEN m.date < ${range.since}::date THEN m.spend_micros * coalesce(CASE WHEN m.currency = ${currency} THEN 1 ELSE fx.factor END, 1) END) AS before_order
        FROM metrics_daily m
        LEFT JOIN fx ON fx.date = m.date AND fx.currency = m.currency
        WHERE m.org_id = ${orgId}::uuid AND m.level = 'campaign' AND m.date BETWEEN ${previous.since}::date AND ${range.until}::date
        GROUP BY m.ad_account_id, m.entity_id
      )
      SELECT c.id, c.name, a.platform, a.name AS account_name, coalesce(agg.now, 0)::float8 AS now, coalesce(agg.before, 0)::float8 AS before
      FROM agg
      JOIN campaigns c ON c.ad_account_id = agg.ad_account_id AND c.platform_id = agg.entity_id AND c.org_id = ${orgId}::uuid
      JOIN ad_accounts a ON a.id = c.ad_account_id AND a.org_id = c.org_id AND a.selected
      WHERE true ${platformFilter}
      ORDER BY abs(coalesce(agg.now_order, 0) - coalesce(agg.before_order, 0)) DESC, c.id
      LIMIT 5`),
  );

  return {
    range,
    previousRange: previous,
    currency,
    items: movers.map((m) => ({
      campaignId: m.id,
      name: m.name,
      platform: m.platform,
      accountName: m.account_name,
      spendMicros: Math.round(m.now ?? 0),
      previousSpendMicros: Math.round(m.before ?? 0),
      change: m.before ? ((m.now ?? 0) - m.before) / m.before : null,
    })),
  };
}

const STATE_ORDER = ['needs_reconnection', 'error', 'delayed', 'syncing', 'never_synced', 'fresh'] as const;

/** Per platform: the worst health of its selected accounts, the oldest sync and the newest hour. */
export async function freshness(ctx: AppContext, orgId: string): Promise<Dashboard['freshness']> {
  // One query: the selected accounts, their connections, and any sync of theirs running now.
  const rows = await ctx.db
    .select({ account: adAccounts, connection: platformConnections, run: syncRuns })
    .from(adAccounts)
    .innerJoin(platformConnections, and(eq(platformConnections.id, adAccounts.connectionId), eq(platformConnections.orgId, adAccounts.orgId)))
    .leftJoin(syncRuns, and(eq(syncRuns.adAccountId, adAccounts.id), eq(syncRuns.orgId, adAccounts.orgId), eq(syncRuns.status, 'running')))
    .where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.selected, true)));
  const running = rows.flatMap((r) => (r.run ? [r.run] : []));
  const byPlatform = new Map<PlatformId, Dashboard['freshness'][number] & { rank: number }>();
  const seenAccounts = new Set<string>();
  for (const { account, connection } of rows) {
    if (seenAccounts.has(account.id)) continue;
    seenAccounts.add(account.id);
    const health = accountHealth(ctx, connection, account, running.find((r) => r.adAccountId === account.id));
    const state = (STATE_ORDER as readonly string[]).includes(health.state) ? (health.state as (typeof STATE_ORDER)[number]) : 'fresh';
    const rank = STATE_ORDER.indexOf(state);
    const entry = byPlatform.get(account.platform);
    if (!entry) {
      byPlatform.set(account.platform, { platform: account.platform, accounts: 1, oldestSyncAt: health.metricsSyncedAt, newestHourAt: health.newestHourAt, state, summary: health.summary, rank });
      continue;
    }
    entry.accounts += 1;
    if (health.metricsSyncedAt === null || (entry.oldestSyncAt !== null && health.metricsSyncedAt < entry.oldestSyncAt)) entry.oldestSyncAt = health.metricsSyncedAt;
    if (health.newestHourAt && (!entry.newestHourAt || health.newestHourAt > entry.newestHourAt)) entry.newestHourAt = health.newestHourAt;
    if (rank < entry.rank) Object.assign(entry, { state, summary: `${account.name}: ${health.summary}`, rank });
  }
  return [...byPlatform.values()].map(({ rank: _rank, ...rest }) => rest);
}

// ---- The campaign table ----------------------------------------------------------------------

const NUMERIC_SORTS: Record<string, string> = {
  budget: 'coalesce(t.daily_budget_micros, t.lifetime_budget_micros, -1) * t.fx',
  spend: 't.spend * t.fx',
  impressions: 't.impressions',
  clicks: 't.clicks',
  conversions: 't.conversions',
  ctr: "coalesce(t.clicks::float8 / nullif(t.impressions, 0), -1)",
  cpc: 'coalesce(t.spend * t.fx / nullif(t.clicks, 0), -1)',
  cpa: 'coalesce(t.spend * t.fx / nullif(t.conversions, 0), -1)',
  roas: 'coalesce(t.value::float8 / nullif(t.spend, 0), -1)',
  cpm: 'coalesce(t.spend * t.fx * 1000 / nullif(t.impressions, 0), -1)',
};
const TEXT_SORTS: Record<string, string> = { name: 'lower(t.name)', platform: 't.platform', status: 't.status' };

export interface CampaignFilters {
  since?: string | undefined;
  until?: string | undefined;
  platform?: PlatformId | undefined;
  accountId?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
  sort: string;
  dir: 'asc' | 'desc';
}

interface TableRow {
  id: string;
  platform: PlatformId;
  platform_id: string;
  ad_account_id: string;
  account_name: string;
  name: string;
  status: CampaignRow['status'];
  objective: string | null;
  daily_budget_micros: string | null;
  lifetime_budget_micros: string | null;
  currency: string;
  synced_at: string | Date;
  impressions: string;
  clicks: string;
  spend: string;
  conversions: number;
  value: string;
  sort_key: string | number;
}

function presentRow(row: TableRow): CampaignRow {
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
    syncedAt: new Date(row.synced_at).toISOString(),
    metrics: toKpis({ impressions: Number(row.impressions), clicks: Number(row.clicks), spendMicros: Number(row.spend), conversions: Number(row.conversions), conversionValueMicros: Number(row.value) }),
  };
}

/** The filtered, sorted campaign rows with their numbers for the range (one SQL statement). */
function tableQuery(orgId: string, range: Range, reporting: string, f: CampaignFilters, after: [string | number, string] | null, limit: number | null) {
  const numeric = f.sort in NUMERIC_SORTS;
  const key = sql.raw(numeric ? (NUMERIC_SORTS[f.sort] as string) : (TEXT_SORTS[f.sort] ?? TEXT_SORTS.name!));
  const dir = sql.raw(f.dir === 'asc' ? 'ASC' : 'DESC');
  const cmp = sql.raw(f.dir === 'asc' ? '>' : '<');
  const keyset = after ? sql`AND (${key}, t.id) ${cmp} (${numeric ? sql`${Number(after[0])}::float8` : sql`${String(after[0])}`}, ${after[1]}::uuid)` : sql``;
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return sql`
    WITH agg AS (
      SELECT m.ad_account_id, m.entity_id, sum(m.impressions) AS impressions, sum(m.clicks) AS clicks, sum(m.spend_micros) AS spend,
             sum(m.conversions) AS conversions, sum(m.conversion_value_micros) AS value
      FROM metrics_daily m
      WHERE m.org_id = ${orgId}::uuid AND m.level = 'campaign' AND m.date BETWEEN ${range.since}::date AND ${range.until}::date
      GROUP BY m.ad_account_id, m.entity_id
    ), latest AS (
      SELECT cur.currency, r.rate
      FROM (SELECT DISTINCT currency FROM campaigns WHERE org_id = ${orgId}::uuid UNION SELECT ${reporting}) cur
      CROSS JOIN LATERAL (SELECT rate FROM fx_rates WHERE currency = cur.currency AND date <= ${range.until}::date ORDER BY date DESC LIMIT 1) r
    ), t AS (
      SELECT c.id, a.platform, c.platform_id, c.ad_account_id, a.name AS account_name, c.name, c.status, c.objective,
             c.daily_budget_micros, c.lifetime_budget_micros, c.currency, c.synced_at,
             coalesce(agg.impressions, 0) AS impressions, coalesce(agg.clicks, 0) AS clicks, coalesce(agg.spend, 0) AS spend,
             coalesce(agg.conversions, 0)::float8 AS conversions, coalesce(agg.value, 0) AS value,
             coalesce((SELECT rate FROM latest WHERE currency = ${reporting}) / (SELECT rate FROM latest WHERE currency = c.currency), 1)::float8 AS fx
      FROM campaigns c
      JOIN ad_accounts a ON a.id = c.ad_account_id AND a.org_id = c.org_id AND a.selected
      LEFT JOIN agg ON agg.ad_account_id = c.ad_account_id AND agg.entity_id = c.platform_id
      WHERE c.org_id = ${orgId}::uuid
        ${f.platform ? sql`AND a.platform = ${f.platform}` : sql``}
        ${f.accountId ? sql`AND c.ad_account_id = ${f.accountId}::uuid` : sql``}
        ${f.status ? sql`AND c.status = ${f.status}` : sql``}
        ${like ? sql`AND c.name ILIKE ${like}` : sql``}
    )
    SELECT t.*, ${key} AS sort_key FROM t
    WHERE true ${keyset}
    ORDER BY ${key} ${dir}, t.id ${dir}
    ${limit === null ? sql`` : sql`LIMIT ${limit}`}`;
}

export async function campaignTable(ctx: AppContext, orgId: string, f: CampaignFilters & { cursor?: string | undefined; limit: number }) {
  const settings = await orgSettings(ctx.db, orgId);
  const range = resolveRange(f, settings.timeZone, ctx.clock.now());
  await ensureRates(ctx, range.since, range.until);
  const after = decodeTableCursor(f.cursor);
  const rows = rowsOf<TableRow>(await ctx.db.execute(tableQuery(orgId, range, settings.reportingCurrency, f, after, f.limit + 1)));
  const visible = rows.slice(0, f.limit);
  const last = visible.at(-1);
  return {
    items: visible.map(presentRow),
    nextCursor: rows.length > f.limit && last ? Buffer.from(JSON.stringify([last.sort_key, last.id])).toString('base64url') : null,
    totals: await filteredTotals(ctx, orgId, range, settings.reportingCurrency, f),
    currency: settings.reportingCurrency,
    range,
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

interface TotalsRow {
  impressions: string | null;
  clicks: string | null;
  spend: number | null;
  conversions: number | null;
  value: number | null;
}

const totalsToKpis = (row: TotalsRow | undefined) =>
  toKpis({
    impressions: Number(row?.impressions ?? 0),
    clicks: Number(row?.clicks ?? 0),
    spendMicros: Number(row?.spend ?? 0),
    conversions: Number(row?.conversions ?? 0),
    conversionValueMicros: Number(row?.value ?? 0),
  });

/** Totals of every campaign matching the filters, converted per day into the reporting currency. */
async function filteredTotals(ctx: AppContext, orgId: string, range: Range, reporting: string, f: CampaignFilters) {
  if (!f.status && !f.q) return rollupTotals(ctx, orgId, range, reporting, f);
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const [row] = rowsOf<TotalsRow>(
    await ctx.db.execute(sql`
      SELECT sum(m.impressions)::text AS impressions, sum(m.clicks)::text AS clicks,
             sum(m.spend_micros * CASE WHEN m.currency = ${reporting} THEN 1 ELSE ${FX_FACTOR} END)::float8 AS spend,
             sum(m.conversions)::float8 AS conversions,
             sum(m.conversion_value_micros * CASE WHEN m.currency = ${reporting} THEN 1 ELSE ${FX_FACTOR} END)::float8 AS value
      FROM metrics_daily m
      JOIN ad_accounts a ON a.id = m.ad_account_id AND a.org_id = m.org_id AND a.selected
      JOIN campaigns c ON c.ad_account_id = m.ad_account_id AND c.platform_id = m.entity_id AND c.org_id = m.org_id
      ${FX_JOIN('m', reporting)}
      WHERE m.org_id = ${orgId}::uuid AND m.level = 'campaign' AND m.date BETWEEN ${range.since}::date AND ${range.until}::date
        ${f.platform ? sql`AND a.platform = ${f.platform}` : sql``}
        ${f.accountId ? sql`AND c.ad_account_id = ${f.accountId}::uuid` : sql``}
        ${f.status ? sql`AND c.status = ${f.status}` : sql``}
        ${like ? sql`AND c.name ILIKE ${like}` : sql``}`),
  );
  return totalsToKpis(row);
}

/** Without status or name filters the totals come from the per-account daily rollup. */
async function rollupTotals(ctx: AppContext, orgId: string, range: Range, reporting: string, f: CampaignFilters) {
  const [row] = rowsOf<TotalsRow>(
    await ctx.db.execute(sql`
      SELECT sum(m.impressions)::text AS impressions, sum(m.clicks)::text AS clicks,
             sum(m.spend_micros * CASE WHEN m.currency = ${reporting} THEN 1 ELSE ${FX_FACTOR} END)::float8 AS spend,
             sum(m.conversions)::float8 AS conversions,
             sum(m.conversion_value_micros * CASE WHEN m.currency = ${reporting} THEN 1 ELSE ${FX_FACTOR} END)::float8 AS value
      FROM metrics_account_daily m
      JOIN ad_accounts a ON a.id = m.ad_account_id AND a.org_id = m.org_id AND a.selected
      ${FX_JOIN('m', reporting)}
      WHERE m.org_id = ${orgId}::uuid AND m.date BETWEEN ${range.since}::date AND ${range.until}::date
        ${f.platform ? sql`AND a.platform = ${f.platform}` : sql``}
        ${f.accountId ? sql`AND m.ad_account_id = ${f.accountId}::uuid` : sql``}`),
  );
  return totalsToKpis(row);
}

export const CSV_COLUMNS: Record<string, (row: CampaignRow) => string | number | null> = {
  name: (r) => r.name,
  platform: (r) => r.platform,
  account: (r) => r.accountName,
  status: (r) => r.status,
  objective: (r) => r.objective,
  currency: (r) => r.currency,
  daily_budget: (r) => (r.dailyBudgetMicros === null ? null : r.dailyBudgetMicros / 1e6),
  lifetime_budget: (r) => (r.lifetimeBudgetMicros === null ? null : r.lifetimeBudgetMicros / 1e6),
  spend: (r) => r.metrics.spendMicros / 1e6,
  impressions: (r) => r.metrics.impressions,
  clicks: (r) => r.metrics.clicks,
  ctr: (r) => r.metrics.ctr,
  cpc: (r) => (r.metrics.cpcMicros === null ? null : r.metrics.cpcMicros / 1e6),
  cpm: (r) => (r.metrics.cpmMicros === null ? null : r.metrics.cpmMicros / 1e6),
  conversions: (r) => r.metrics.conversions,
  cpa: (r) => (r.metrics.cpaMicros === null ? null : r.metrics.cpaMicros / 1e6),
  roas: (r) => r.metrics.roas,
  conversion_value: (r) => r.metrics.conversionValueMicros / 1e6,
};

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // Quote when needed; neutralise spreadsheet formulas in text cells.
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every row matching the filters, with exactly the asked columns, as CSV (at most 50,000 rows). */
export async function campaignCsv(ctx: AppContext, orgId: string, f: CampaignFilters & { columns?: string | undefined }): Promise<string> {
  const columns = f.columns ? f.columns.split(',').map((c) => c.trim()).filter(Boolean) : Object.keys(CSV_COLUMNS);
  for (const [index, column] of columns.entries()) {
    if (!(column in CSV_COLUMNS)) throw fieldError('columns', `column ${index + 1} "${column.slice(0, 40)}" is not one of ${Object.keys(CSV_COLUMNS).join(', ')}`, 'querystring');
  }
  const settings = await orgSettings(ctx.db, orgId);
  const range = resolveRange(f, settings.timeZone, ctx.clock.now());
  const rows = rowsOf<TableRow>(await ctx.db.execute(tableQuery(orgId, range, settings.reportingCurrency, f, null, 50_000))).map(presentRow);
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(CSV_COLUMNS[c]!(row))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

// ---- One campaign ------------------------------------------------------------------------------

interface EntityAgg {
  entity_id: string;
  impressions: string;
  clicks: string;
  spend: string;
  conversions: number;
  value: string;
}

const aggToKpis = (a: EntityAgg | undefined) =>
  toKpis({ impressions: Number(a?.impressions ?? 0), clicks: Number(a?.clicks ?? 0), spendMicros: Number(a?.spend ?? 0), conversions: Number(a?.conversions ?? 0), conversionValueMicros: Number(a?.value ?? 0) });

export async function campaignDetail(ctx: AppContext, orgId: string, campaignId: string, query: { since?: string | undefined; until?: string | undefined; granularity: 'day' | 'hour' }) {
  const [found] = rowsOf<{ id: string; ad_account_id: string; platform_id: string; time_zone: string }>(
    await ctx.db.execute(sql`SELECT c.id, c.ad_account_id, c.platform_id, a.time_zone FROM campaigns c JOIN ad_accounts a ON a.id = c.ad_account_id AND a.org_id = c.org_id WHERE c.org_id = ${orgId}::uuid AND c.id = ${campaignId}::uuid`),
  );
  if (!found) throw notFound('Campaign');
  const settings = await orgSettings(ctx.db, orgId);
  const range = resolveRange(query, found.time_zone, ctx.clock.now());
  const filters: CampaignFilters = { sort: 'name', dir: 'asc', accountId: found.ad_account_id };
  const rows = rowsOf<TableRow>(await ctx.db.execute(tableQuery(orgId, range, settings.reportingCurrency, filters, null, null))).filter((r) => r.id === campaignId);
  const campaign = rows[0];
  if (!campaign) throw notFound('Campaign');

  const series =
    query.granularity === 'day'
      ? rowsOf<{ at: string; impressions: string; clicks: string; spend: string; conversions: number }>(
          await ctx.db.execute(sql`
            SELECT to_char(date, 'YYYY-MM-DD') AS at, impressions::text, clicks::text, spend_micros::text AS spend, conversions
            FROM metrics_daily WHERE org_id = ${orgId}::uuid AND ad_account_id = ${found.ad_account_id}::uuid AND level = 'campaign'
              AND entity_id = ${found.platform_id} AND date BETWEEN ${range.since}::date AND ${range.until}::date
            ORDER BY date`),
        )
      : rowsOf<{ at: string; impressions: string; clicks: string; spend: string; conversions: number }>(
          await ctx.db.execute(sql`
            SELECT to_char(date, 'YYYY-MM-DD') || 'T' || lpad(hour::text, 2, '0') || ':00' AS at, impressions::text, clicks::text, spend_micros::text AS spend, conversions
            FROM metrics_hourly WHERE org_id = ${orgId}::uuid AND ad_account_id = ${found.ad_account_id}::uuid AND level = 'campaign'
              AND entity_id = ${found.platform_id} AND date BETWEEN ${range.since}::date AND ${range.until}::date
            ORDER BY date, hour`),
        );

  const levelAgg = async (level: 'ad_group' | 'ad') =>
    new Map(
      rowsOf<EntityAgg>(
        await ctx.db.execute(sql`
          SELECT entity_id, sum(impressions)::text AS impressions, sum(clicks)::text AS clicks, sum(spend_micros)::text AS spend,
                 sum(conversions)::float8 AS conversions, sum(conversion_value_micros)::text AS value
          FROM metrics_daily WHERE org_id = ${orgId}::uuid AND ad_account_id = ${found.ad_account_id}::uuid AND level = ${level}
            AND campaign_id = ${found.platform_id} AND date BETWEEN ${range.since}::date AND ${range.until}::date
          GROUP BY entity_id`),
      ).map((r) => [r.entity_id, r]),
    );
  const groupNumbers = await levelAgg('ad_group');
  const adNumbers = await levelAgg('ad');
  const groups = rowsOf<{ id: string; platform_id: string; name: string; status: CampaignRow['status']; daily_budget_micros: string | null }>(
    await ctx.db.execute(sql`SELECT id, platform_id, name, status, daily_budget_micros FROM ad_groups WHERE org_id = ${orgId}::uuid AND ad_account_id = ${found.ad_account_id}::uuid AND campaign_platform_id = ${found.platform_id} ORDER BY name`),
  );
  const adRows = rowsOf<{ id: string; platform_id: string; name: string; status: CampaignRow['status']; ad_group_platform_id: string }>(
    await ctx.db.execute(sql`SELECT id, platform_id, name, status, ad_group_platform_id FROM ads WHERE org_id = ${orgId}::uuid AND ad_account_id = ${found.ad_account_id}::uuid AND campaign_platform_id = ${found.platform_id} ORDER BY name`),
  );
  const [account] = await ctx.db.select().from(adAccounts).where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.id, found.ad_account_id)));
  const [connection] = await ctx.db.select().from(platformConnections).where(and(eq(platformConnections.orgId, orgId), eq(platformConnections.id, account!.connectionId)));
  const health = accountHealth(ctx, connection!, account!, undefined);
  return {
    campaign: presentRow(campaign),
    range,
    series: series.map((p) => ({ at: p.at, impressions: Number(p.impressions), clicks: Number(p.clicks), spendMicros: Number(p.spend), conversions: Number(p.conversions) })),
    adGroups: groups.map((g) => ({ id: g.id, platformId: g.platform_id, name: g.name, status: g.status, dailyBudgetMicros: g.daily_budget_micros === null ? null : Number(g.daily_budget_micros), metrics: aggToKpis(groupNumbers.get(g.platform_id)) })),
    ads: adRows.map((a) => ({ id: a.id, platformId: a.platform_id, name: a.name, status: a.status, adGroupPlatformId: a.ad_group_platform_id, metrics: aggToKpis(adNumbers.get(a.platform_id)) })),
    health: { state: health.state, summary: health.summary },
  };
}
