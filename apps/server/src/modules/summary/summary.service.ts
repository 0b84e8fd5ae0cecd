import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { anomalyIncidents, campaignChanges } from '@adloop/db';
import type { DailySummary } from '@adloop/contracts';
import { addDays, dateInZone, forecastSeries } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { fieldError } from '../../platform/errors.ts';
import { dashboard } from '../metrics/dashboard.queries.ts';
import { campaignTable } from '../metrics/campaign-table.queries.ts';
import { orgSettings } from '../metrics/report-scope.ts';

/** Days before the summarised one its forecast reads, and the fewest with numbers it needs (the weekly cycle twice). */
const FORECAST_DAYS = 28;
const FORECAST_MIN_DAYS = 14;
const TOP_MOVERS = 5;
const ANOMALIES_LISTED = 5;

export interface SummaryScope {
  orgId: string;
  /** Null: every account of the organisation. */
  accountIds: readonly string[] | null;
}

/** The organisation's yesterday, or the asked day (which must be before today in its time zone). */
export async function summaryDate(ctx: AppContext, orgId: string, asked: string | undefined): Promise<string> {
  const { timeZone } = await orgSettings(ctx.db, orgId);
  const today = dateInZone(timeZone, ctx.clock.now());
  if (asked === undefined) return addDays(today, -1);
  if (asked >= today) throw fieldError('date', 'must be a finished day (before today in the organisation time zone)', 'querystring');
  return asked;
}

/**
 * The daily summary of one day: the dashboard's own totals for the day against the day before, the
 * day against what the insights forecast expected from the 28 days before, the campaigns that moved
 * most, the open anomaly incidents and the proposals waiting for a decision.
 */
export async function dailySummary(ctx: AppContext, scope: SummaryScope, date: string): Promise<DailySummary> {
  const { timeZone } = await orgSettings(ctx.db, scope.orgId);
  const reportScope = { orgId: scope.orgId, accountIds: scope.accountIds ? [...scope.accountIds] : null };
  const day = await dashboard(ctx, reportScope, { since: date, until: date });
  const forecast = await expectedDay(ctx, reportScope, date);
  const topMovers = await movers(ctx, reportScope, date);

  const anomalyWhere = and(
    eq(anomalyIncidents.orgId, scope.orgId),
    eq(anomalyIncidents.status, 'open'),
    scope.accountIds ? inArray(anomalyIncidents.adAccountId, [...scope.accountIds]) : undefined,
  );
  const anomalies = await ctx.db
    .select({ id: anomalyIncidents.id, name: anomalyIncidents.name, metric: anomalyIncidents.metric, cause: anomalyIncidents.cause, direction: anomalyIncidents.direction, openedAt: anomalyIncidents.openedAt })
    .from(anomalyIncidents)
    .where(anomalyWhere)
    .orderBy(desc(anomalyIncidents.openedAt))
    .limit(ANOMALIES_LISTED);
  const [anomalyCount] = await ctx.db.select({ n: count() }).from(anomalyIncidents).where(anomalyWhere);
  const [waiting] = await ctx.db
    .select({ n: count() })
    .from(campaignChanges)
    .where(and(eq(campaignChanges.orgId, scope.orgId), eq(campaignChanges.state, 'proposed'), scope.accountIds ? inArray(campaignChanges.adAccountId, [...scope.accountIds]) : undefined));

  return {
    date,
    previousDate: day.previousRange.since,
    timeZone,
    currency: day.currency,
    totals: day.totals,
    previousTotals: day.previousTotals,
    change: day.change,
    forecast,
    topMovers,
    openAnomalies: anomalies.map((a) => ({ ...a, openedAt: a.openedAt.toISOString() })),
    openAnomalyCount: anomalyCount?.n ?? 0,
    proposalsWaiting: waiting?.n ?? 0,
  };
}

/** The day as the forecast expected it from the dashboard's daily series of the 28 days before (reporting currency). */
async function expectedDay(ctx: AppContext, scope: { orgId: string; accountIds: string[] | null }, date: string): Promise<DailySummary['forecast']> {
  const since = addDays(date, -FORECAST_DAYS);
  const history = await dashboard(ctx, scope, { since, until: addDays(date, -1) });
  const byDate = new Map<string, { spend: number; conversions: number }>();
  for (const p of history.series) {
    const d = byDate.get(p.date) ?? { spend: 0, conversions: 0 };
    d.spend += p.spendMicros;
    d.conversions += p.conversions;
    byDate.set(p.date, d);
  }
  if (byDate.size < FORECAST_MIN_DAYS) return null;
  const days = Array.from({ length: FORECAST_DAYS }, (_, i) => byDate.get(addDays(since, i)) ?? { spend: 0, conversions: 0 });
  const firstPhase = new Date(`${since}T00:00:00Z`).getUTCDay();
  const spend = forecastSeries({ values: days.map((d) => d.spend), horizon: 1, firstPhase });
  const conversions = forecastSeries({ values: days.map((d) => d.conversions), horizon: 1, firstPhase, isCount: true });
  return {
    spendMicros: Math.round(spend.points[0]!.mean),
    conversions: Math.round(conversions.points[0]!.mean * 100) / 100,
    method: spend.method,
    basedOnDays: FORECAST_DAYS,
  };
}

/** Campaigns whose spend (then conversions) changed most from the day before, from the campaign table of both days. */
async function movers(ctx: AppContext, scope: { orgId: string; accountIds: string[] | null }, date: string): Promise<DailySummary['topMovers']> {
  const read = (d: string) => campaignTable(ctx, scope, { since: d, until: d, sort: 'spend', dir: 'desc', limit: 2_000 });
  const [today, before] = await Promise.all([read(date), read(addDays(date, -1))]);
  const previous = new Map(before.items.map((c) => [c.id, c.metrics]));
  const rows = new Map(today.items.map((c) => [c.id, c]));
  for (const c of before.items) if (!rows.has(c.id)) rows.set(c.id, { ...c, metrics: { ...c.metrics, spendMicros: 0, conversions: 0 } });
  return [...rows.values()]
    .map((c) => ({
      campaignId: c.id,
      name: c.name,
      accountName: c.accountName,
      platform: c.platform,
      currency: c.currency,
      spendMicros: c.metrics.spendMicros,
      previousSpendMicros: previous.get(c.id)?.spendMicros ?? 0,
      conversions: c.metrics.conversions,
      previousConversions: previous.get(c.id)?.conversions ?? 0,
    }))
    .filter((m) => m.spendMicros !== m.previousSpendMicros || m.conversions !== m.previousConversions)
    .sort((a, b) => Math.abs(b.spendMicros - b.previousSpendMicros) - Math.abs(a.spendMicros - a.previousSpendMicros) || Math.abs(b.conversions - b.previousConversions) - Math.abs(a.conversions - a.previousConversions))
    .slice(0, TOP_MOVERS);
}
