import { and, eq, inArray, sql } from 'drizzle-orm';
import { adAccounts, platformConnections, syncRuns } from '@adloop/db';
import type { Dashboard, Freshness, PlatformId } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { accountHealth } from '../connections/connections.service.ts';
import { conversionFactors, ensureRates } from './fx.service.ts';
import { addInto, emptyTotals, kpiChange, partialDayOf, previousPeriod, relativeChange, toKpis, type MetricTotals } from '@adloop/engine';
import { orgSettings, resolveRange, rowsOf } from './report-scope.ts';
import { accountScopeSql, createMetricsReader, type ReportScope } from './metrics.reader.ts';
import { campaignSpendRows, counterpartNumbers } from './same-hours.ts';

export const ATTRIBUTION_NOTE =
  'Each platform counts conversions by its own attribution (its own windows and view-through rules), so a conversion can be counted by more than one platform and the total over-counts. Compare platforms by their own figures beside the total.';

/** The dashboard's totals, per platform and per day for the range and its previous period, in the reporting currency. */
export async function dashboard(ctx: AppContext, scope: ReportScope, query: { since?: string | undefined; until?: string | undefined; platform?: PlatformId | undefined }): Promise<Dashboard> {
  const { orgId, accountIds } = scope;
  const settings = await orgSettings(ctx.db, orgId);
  const range = resolveRange(query, settings.timeZone, ctx.clock.now());
  const previous = previousPeriod(range);
  const currency = settings.reportingCurrency;
  await ensureRates(ctx, previous.since, range.until);
  const factorOf = await conversionFactors(ctx, previous.since, range.until, currency);
  const cut = partialDayOf(range, settings.timeZone, ctx.clock.now());
  const reader = createMetricsReader(ctx.db);
  // A range ending today compares with the same hours of the previous period, not its whole last day.
  const fullDays = await reader.series(orgId, { level: 'account', granularity: 'day', window: { since: previous.since, until: range.until }, accountIds, platform: query.platform, exceptDate: cut?.counterpart });
  const accountFilter = sql`${query.platform ? sql`AND a.platform = ${query.platform}` : sql``} ${accountScopeSql('a', accountIds)}`;
  const daily = cut ? [...fullDays, ...(await counterpartNumbers(ctx.db, orgId, cut, { accountFilter }))] : fullDays;

  const totals = emptyTotals();
  const previousTotals = emptyTotals();
  const byPlatform = new Map<PlatformId, { currencies: Set<string>; now: MetricTotals; before: MetricTotals }>();
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
    const converted: MetricTotals = { ...row.totals, spendMicros: row.totals.spendMicros * factor, conversionValueMicros: row.totals.conversionValueMicros * factor };
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
    comparedThrough: cut ? { date: cut.counterpart, time: cut.through } : null,
    currency,
    totals: nowKpis,
    previousTotals: beforeKpis,
    change: kpiChange(nowKpis, beforeKpis),
    byPlatform: [...byPlatform].map(([platform, entry]) => {
      const a = toKpis(entry.now);
      const b = toKpis(entry.before);
      return { platform, currencies: [...entry.currencies].sort(), totals: a, previousTotals: b, change: kpiChange(a, b) };
    }),
    series: [...series.values()]
      .sort((a, b) => (a.date === b.date ? a.platform.localeCompare(b.platform) : a.date < b.date ? -1 : 1))
      .map((p) => ({ ...p, spendMicros: Math.round(p.spendMicros), conversions: Math.round(p.conversions * 100) / 100 })),
    attributionNote: ATTRIBUTION_NOTE,
    missingRates: [...missing.values()].slice(0, 50),
  };
}

/** The campaigns whose spend (in the reporting currency) moved most against the previous period. */
export async function topMovers(ctx: AppContext, scope: ReportScope, query: { since?: string | undefined; until?: string | undefined; platform?: PlatformId | undefined }) {
  const { orgId } = scope;
  const settings = await orgSettings(ctx.db, orgId);
  const range = resolveRange(query, settings.timeZone, ctx.clock.now());
  const previous = previousPeriod(range);
  const currency = settings.reportingCurrency;
  await ensureRates(ctx, previous.since, range.until);
  const accountFilter = sql`${query.platform ? sql`AND a.platform = ${query.platform}` : sql``} ${accountScopeSql('a', scope.accountIds)}`;
  const cut = partialDayOf(range, settings.timeZone, ctx.clock.now());
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
        FROM (${campaignSpendRows(orgId, { since: previous.since, until: range.until }, cut)}) m
        LEFT JOIN fx ON fx.date = m.date AND fx.currency = m.currency
        GROUP BY m.ad_account_id, m.entity_id
      )
      SELECT c.id, c.name, a.platform, a.name AS account_name, coalesce(agg.now, 0)::float8 AS now, coalesce(agg.before, 0)::float8 AS before
      FROM agg
      JOIN campaigns c ON c.ad_account_id = agg.ad_account_id AND c.platform_id = agg.entity_id AND c.org_id = ${orgId}::uuid
      JOIN ad_accounts a ON a.id = c.ad_account_id AND a.org_id = c.org_id AND a.selected
      WHERE true ${accountFilter}
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
      change: relativeChange(m.now ?? 0, m.before),
    })),
  };
}

const STATE_ORDER = ['needs_reconnection', 'error', 'delayed', 'syncing', 'never_synced', 'fresh'] as const;

/** Per platform: the worst health of its selected accounts, the oldest sync and the newest hour. */
export async function freshness(ctx: AppContext, scope: ReportScope): Promise<Freshness[]> {
  const { orgId, accountIds } = scope;
  // One query: the selected accounts, their connections, and any sync of theirs running now.
  const rows = await ctx.db
    .select({ account: adAccounts, connection: platformConnections, run: syncRuns })
    .from(adAccounts)
    .innerJoin(platformConnections, and(eq(platformConnections.id, adAccounts.connectionId), eq(platformConnections.orgId, adAccounts.orgId)))
    .leftJoin(syncRuns, and(eq(syncRuns.adAccountId, adAccounts.id), eq(syncRuns.orgId, adAccounts.orgId), eq(syncRuns.status, 'running')))
    .where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.selected, true), accountIds === null ? undefined : accountIds.length ? inArray(adAccounts.id, [...accountIds]) : sql`false`));
  const running = rows.flatMap((r) => (r.run ? [r.run] : []));
  const byPlatform = new Map<PlatformId, Freshness & { rank: number }>();
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
