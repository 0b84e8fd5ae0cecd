import { sql } from 'drizzle-orm';
import {
  addDays, allocateBudget, clockInZone, dateInZone, detectAnomalies, expectedConversions, fitAccount, likelyCause, MIN_FIT_DAYS,
  type AllocationEntity, type AnomalyFinding, type DailyObservation, type MetricPoint,
} from '@adloop/engine';
import type { AccountForecast, AnomalyAlert, AnomalyAlerts, BudgetRecommendation, BudgetRecommendations, ProposeBudgetsBody, ProposedBudgets } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { rowsOf } from '../metrics/report-scope.ts';
import { submitChanges, type ChangeIntent } from '../changes/index.ts';
import { FORECAST_MIN_DAYS, forecastMetrics } from './forecast-series.ts';

/** Days of daily history read for the curves and the daily anomaly series. */
const HISTORY_DAYS = 90;
/** Hours of hourly history read for the hourly anomaly series. */
const HOURLY_DAYS = 21;
/** The latest days / hours judged for open anomalies. */
const RECENT_DAYS = 3;
const RECENT_HOURS = 6;
const CURVE_POINTS = 16;
/** Proposals of the same account and day share one allocation (same seed, same answer). */
const seedOf = (accountId: string, day: string): number => {
  let h = 2_166_136_261;
  for (const ch of `${accountId}|${day}`) h = Math.imul(h ^ ch.charCodeAt(0), 16_777_619);
  return h >>> 0;
};

interface AccountRow { id: string; name: string; platform: string; currency: string; time_zone: string }
interface CampaignRowDb { id: string; platform_id: string; name: string; status: string; daily_budget_micros: string | null; currency: string }

async function loadAccount(ctx: AppContext, access: OrgAccess, accountId: string, field = 'accountId', location = 'querystring'): Promise<AccountRow> {
  const [account] = rowsOf<AccountRow>(
    await ctx.db.execute(sql`SELECT id, name, platform, currency, time_zone FROM ad_accounts WHERE org_id = ${access.orgId}::uuid AND id = ${accountId}::uuid AND selected`),
  );
  if (!account || (access.accountIds !== null && !access.accountIds.includes(account.id))) {
    throw new AppError('not_found', `${field}: no ad account of this organisation with this id`, { issues: [{ location, field, message: 'is not an ad account of this organisation' }] });
  }
  return account;
}

async function loadCampaigns(ctx: AppContext, orgId: string, accountId: string): Promise<CampaignRowDb[]> {
  return rowsOf<CampaignRowDb>(
    await ctx.db.execute(sql`SELECT id, platform_id, name, status, daily_budget_micros::text, currency FROM campaigns WHERE org_id = ${orgId}::uuid AND ad_account_id = ${accountId}::uuid ORDER BY name, id`),
  );
}

interface DailyRow { entity_id: string; date: string; clicks: string; spend: string; conversions: number; value: string }

/** Each campaign's complete days (account time) up to yesterday, oldest first, missing days as zeros from its first day with data. */
async function dailyHistory(ctx: AppContext, orgId: string, account: AccountRow): Promise<{ until: string; byCampaign: Map<string, Array<{ date: string; spend: number; clicks: number; conversions: number; value: number }>> }> {
  const until = addDays(dateInZone(account.time_zone, ctx.clock.now()), -1);
  const since = addDays(until, -(HISTORY_DAYS - 1));
  const rows = rowsOf<DailyRow>(
    await ctx.db.execute(sql`
      SELECT entity_id, to_char(date, 'YYYY-MM-DD') AS date, clicks::text, spend_micros::text AS spend, conversions, conversion_value_micros::text AS value
      FROM metrics_daily WHERE org_id = ${orgId}::uuid AND ad_account_id = ${account.id}::uuid AND level = 'campaign'
        AND date BETWEEN ${since}::date AND ${until}::date
      ORDER BY entity_id, date`),
  );
  const raw = new Map<string, Map<string, DailyRow>>();
  for (const r of rows) {
    const days = raw.get(r.entity_id) ?? new Map<string, DailyRow>();
    days.set(r.date, r);
    raw.set(r.entity_id, days);
  }
  const byCampaign = new Map<string, Array<{ date: string; spend: number; clicks: number; conversions: number; value: number }>>();
  for (const [entity, days] of raw) {
    const first = [...days.keys()].sort()[0]!;
    const series = [];
    for (let d = first; d <= until; d = addDays(d, 1)) {
      const r = days.get(d);
      series.push({ date: d, spend: Number(r?.spend ?? 0), clicks: Number(r?.clicks ?? 0), conversions: Number(r?.conversions ?? 0), value: Number(r?.value ?? 0) });
    }
    byCampaign.set(entity, series);
  }
  return { until, byCampaign };
}

const EMPTY_TOO_LITTLE = `Not enough history yet: budget recommendations need at least ${MIN_FIT_DAYS} days of daily numbers for at least two campaigns with a daily budget.`;

interface Plan {
  account: AccountRow;
  result: BudgetRecommendations;
  /** Current budgets, to send as the expected value with a proposal. */
  current: Map<string, number>;
}

/** Fits each campaign's response curve on its stored daily history and shares today's total daily budget over them. */
async function plan(ctx: AppContext, access: OrgAccess, accountId: string, location: 'querystring' | 'body'): Promise<Plan> {
  const account = await loadAccount(ctx, access, accountId, 'accountId', location);
  const campaigns = (await loadCampaigns(ctx, access.orgId, account.id)).filter((c) => c.status === 'active' && c.daily_budget_micros !== null && Number(c.daily_budget_micros) > 0);
  const { until, byCampaign } = await dailyHistory(ctx, access.orgId, account);
  const base = { accountId: account.id, currency: account.currency, totalMicros: 0, allocatedMicros: 0, conversionsChange: null, note: null, items: [] as BudgetRecommendation[] };
  const current = new Map(campaigns.map((c) => [c.id, Number(c.daily_budget_micros)]));
  const histories = new Map<string, DailyObservation[]>();
  for (const c of campaigns) {
    const days = byCampaign.get(c.platform_id) ?? [];
    histories.set(c.id, days.map((d) => ({ spendMicros: d.spend, conversions: d.conversions, conversionValue: d.value / 1_000_000 })));
  }
  const enough = [...histories.values()].filter((h) => h.length >= MIN_FIT_DAYS).length;
  const totalMicros = [...current.values()].reduce((a, b) => a + b, 0);
  if (campaigns.length < 2 || enough < 2) {
    const empty = campaigns.length < 2 ? 'Budget recommendations share a daily total between campaigns: this account needs at least two active campaigns with a daily budget.' : EMPTY_TOO_LITTLE;
    return { account, current, result: { ...base, totalMicros, empty } };
  }
  const fits = fitAccount(histories);
  const caps = ctx.platforms.registry.has(account.platform as never) ? ctx.platforms.registry.get(account.platform as never).capabilities : null;
  const step = caps ? caps.budgetStepMicros(account.currency) : 10_000;
  const min = caps ? caps.minDailyBudgetMicros(account.currency) : 0;
  const entities: AllocationEntity[] = campaigns.map((c) => ({ id: c.id, currentMicros: current.get(c.id)!, minMicros: min, stepMicros: step, fit: fits.get(c.id)! }));
  // Recommendations a person approves use each curve's posterior mean (no exploratory draws), so every
  // reason agrees with the marginal costs shown next to it; the same day gives the same answer.
  const result = allocateBudget({ totalMicros, entities, seed: seedOf(account.id, until), objective: 'conversions', explore: false });
  const names = new Map(campaigns.map((c) => [c.id, c.name]));
  const items: BudgetRecommendation[] = result.entities.map((p) => {
    const fit = fits.get(p.id)!;
    const top = Math.max(p.currentMicros, p.proposedMicros, fit.referenceMicros) * 2;
    const curve = fit.points.length === 0 ? [] : Array.from({ length: CURVE_POINTS + 1 }, (_, i) => {
      const x = Math.round((top * i) / CURVE_POINTS);
      return { spendMicros: x, conversions: expectedConversions(fit, x) };
    });
    return {
      campaignId: p.id,
      name: names.get(p.id) ?? '',
      currentMicros: Math.round(p.currentMicros),
      proposedMicros: Math.round(p.proposedMicros),
      changeMicros: Math.round(p.proposedMicros) - Math.round(p.currentMicros),
      marginalRoas: p.marginalRoas,
      marginalCpaMicros: p.marginalCpaMicros,
      conversionsChange: p.conversionsChange,
      held: p.held,
      daysOfData: fit.days,
      reason: p.reason,
      curve,
    };
  });
  return {
    account,
    current,
    result: {
      ...base,
      totalMicros: Math.round(result.totalMicros),
      allocatedMicros: Math.round(result.allocatedMicros),
      conversionsChange: result.conversionsChange,
      note: result.problem ?? result.note,
      empty: items.every((i) => i.held) ? EMPTY_TOO_LITTLE : null,
      items,
    },
  };
}

export async function budgetRecommendations(ctx: AppContext, access: OrgAccess, accountId: string): Promise<BudgetRecommendations> {
  return (await plan(ctx, access, accountId, 'querystring')).result;
}

/**
 * The recommendation's budget changes sent to the approval inbox through the change pipeline, as the
 * AI (its changes always wait for a person). Campaigns kept where they are propose nothing.
 */
export async function proposeBudgets(ctx: AppContext, access: OrgAccess, body: ProposeBudgetsBody): Promise<ProposedBudgets> {
  const { result, current } = await plan(ctx, access, body.accountId, 'body');
  if (result.empty) throw new AppError('conflict', result.empty);
  const wanted = body.campaignIds ? new Set(body.campaignIds) : null;
  if (body.campaignIds) {
    const known = new Set(result.items.map((i) => i.campaignId));
    const index = body.campaignIds.findIndex((id) => !known.has(id));
    if (index >= 0) throw fieldError(`campaignIds.${index}`, 'is not an active campaign with a daily budget in this account');
  }
  const chosen = result.items.filter((i) => (wanted ? wanted.has(i.campaignId) : true) && i.changeMicros !== 0 && !i.held);
  if (chosen.length === 0) return { items: [], message: 'Nothing to propose: the recommended budgets equal today’s.' };
  const intents: ChangeIntent[] = chosen.map((i) => ({
    campaignId: i.campaignId,
    action: 'set_daily_budget',
    amountMicros: i.proposedMicros,
    expected: { dailyBudgetMicros: current.get(i.campaignId) ?? null },
  }));
  const reason = chosen.length === 1 ? chosen[0]!.reason : `Budget reallocation over ${chosen.length} campaigns, keeping the daily total: ${chosen.map((i) => i.reason).join(' ')}`;
  const items = await submitChanges(ctx, access.orgId, { type: 'ai', id: null, label: 'Budget reallocation' }, intents, {
    idempotencyKey: body.idempotencyKey,
    reason: reason.slice(0, 2000),
    evidence: { kind: 'budget_reallocation', totalMicros: result.totalMicros, campaigns: chosen.map((i) => ({ campaignId: i.campaignId, currentMicros: i.currentMicros, proposedMicros: i.proposedMicros, conversionsChange: i.conversionsChange })) },
    role: access.role,
    accountIds: access.accountIds,
  });
  return { items, message: `${items.length} budget ${items.length === 1 ? 'change waits' : 'changes wait'} in the approval inbox.` };
}

const iso = (ms: number) => new Date(ms).toISOString();
/** Midnight UTC of an account-time date: daily points are labelled by their date, whatever the zone. */
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

function openAlerts(findings: readonly AnomalyFinding[], base: Pick<AnomalyAlert, 'scope' | 'campaignId' | 'name' | 'grain'>): AnomalyAlert[] {
  if (findings.length === 0) return [];
  const cause = likelyCause(findings);
  const latest = new Map<string, AnomalyFinding>();
  for (const f of findings) {
    const seen = latest.get(f.metric);
    if (!seen || f.at > seen.at) latest.set(f.metric, f);
  }
  return [...latest.values()].map((f) => ({
    ...base,
    metric: f.metric,
    direction: f.direction,
    observed: f.observed,
    expected: f.expected,
    lower: f.lower,
    upper: f.upper,
    since: iso(Math.min(f.since, ...findings.filter((g) => g.metric === f.metric).map((g) => g.since))),
    at: iso(f.at),
    cause,
    confidence: f.confidence,
    method: f.method,
  }));
}

/** Open anomalies of the account and its campaigns: daily series over the stored days, and the account's hourly series. */
export async function anomalyAlerts(ctx: AppContext, access: OrgAccess, accountId: string): Promise<AnomalyAlerts> {
  const account = await loadAccount(ctx, access, accountId);
  const campaigns = await loadCampaigns(ctx, access.orgId, account.id);
  const names = new Map(campaigns.map((c) => [c.platform_id, c]));
  const { until, byCampaign } = await dailyHistory(ctx, access.orgId, account);
  const items: AnomalyAlert[] = [];
  const accountDays = new Map<string, MetricPoint>();
  for (const [platformId, days] of byCampaign) {
    for (const d of days) {
      const p = accountDays.get(d.date) ?? { at: dayMs(d.date), spend: 0, clicks: 0, conversions: 0 };
      p.spend += d.spend;
      p.clicks += d.clicks;
      p.conversions += d.conversions;
      accountDays.set(d.date, p);
    }
    const campaign = names.get(platformId);
    if (!campaign || days.length < 8) continue;
    const points = days.map((d) => ({ at: dayMs(d.date), spend: d.spend, clicks: d.clicks, conversions: d.conversions }));
    const findings = detectAnomalies({ grain: 'day', points, firstPhase: new Date(points[0]!.at).getUTCDay(), recent: RECENT_DAYS });
    items.push(...openAlerts(findings, { scope: 'campaign', campaignId: campaign.id, name: campaign.name, grain: 'day' }));
  }
  const dailyPoints = [...accountDays.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, p]) => p);
  if (dailyPoints.length >= 8) {
    const findings = detectAnomalies({ grain: 'day', points: dailyPoints, firstPhase: new Date(dailyPoints[0]!.at).getUTCDay(), recent: RECENT_DAYS });
    items.push(...openAlerts(findings, { scope: 'account', campaignId: null, name: account.name, grain: 'day' }));
  }
  items.push(...(await hourlyAlerts(ctx, access.orgId, account)));
  const empty = byCampaign.size === 0 ? 'No stored numbers for this account yet: anomalies are checked once its first sync has finished.' : items.length === 0 ? `No open anomalies: the account's latest numbers (through ${until}) are within their expected ranges.` : null;
  const rank = { tracking: 0, overspend: 1, cost: 2, delivery: 3, performance: 4 } as const;
  items.sort((a, b) => rank[a.cause] - rank[b.cause] || (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { accountId: account.id, currency: account.currency, empty, items };
}

/** The account's hourly totals over its campaigns up to the last complete hour (account time). */
async function hourlyAlerts(ctx: AppContext, orgId: string, account: AccountRow): Promise<AnomalyAlert[]> {
  const now = ctx.clock.now();
  const today = dateInZone(account.time_zone, now);
  const { hour } = clockInZone(account.time_zone, now);
  const since = addDays(today, -(HOURLY_DAYS - 1));
  const rows = rowsOf<{ date: string; hour: number; clicks: string; spend: string; conversions: number }>(
    await ctx.db.execute(sql`
      SELECT to_char(date, 'YYYY-MM-DD') AS date, hour, sum(clicks)::text AS clicks, sum(spend_micros)::text AS spend, sum(conversions)::float8 AS conversions
      FROM metrics_hourly WHERE org_id = ${orgId}::uuid AND ad_account_id = ${account.id}::uuid AND level = 'campaign'
        AND date BETWEEN ${since}::date AND ${today}::date
      GROUP BY date, hour ORDER BY date, hour`),
  );
  if (rows.length === 0) return [];
  const byKey = new Map(rows.map((r) => [`${r.date}|${Number(r.hour)}`, r]));
  const first = rows[0]!;
  const points: MetricPoint[] = [];
  for (let d = first.date; d <= today; d = addDays(d, 1)) {
    for (let h = d === first.date ? Number(first.hour) : 0; h < 24; h++) {
      if (d === today && h >= hour) break;
      const r = byKey.get(`${d}|${h}`);
      points.push({ at: dayMs(d) + h * 3_600_000, spend: Number(r?.spend ?? 0), clicks: Number(r?.clicks ?? 0), conversions: Number(r?.conversions ?? 0) });
    }
  }
  if (points.length < 48) return [];
  const start = new Date(points[0]!.at);
  const findings = detectAnomalies({ grain: 'hour', points, firstPhase: start.getUTCDay() * 24 + start.getUTCHours(), recent: RECENT_HOURS });
  return openAlerts(findings, { scope: 'account', campaignId: null, name: account.name, grain: 'hour' });
}

/** The account's daily spend, conversions and value for the next `days` days, from its stored days (summed over its campaigns). */
export async function accountForecast(ctx: AppContext, access: OrgAccess, accountId: string, days: number): Promise<AccountForecast> {
  const account = await loadAccount(ctx, access, accountId);
  const { until, byCampaign } = await dailyHistory(ctx, access.orgId, account);
  const totals = new Map<string, { date: string; spend: number; conversions: number; value: number }>();
  for (const series of byCampaign.values()) {
    for (const d of series) {
      const t = totals.get(d.date) ?? { date: d.date, spend: 0, conversions: 0, value: 0 };
      t.spend += d.spend;
      t.conversions += d.conversions;
      t.value += d.value;
      totals.set(d.date, t);
    }
  }
  const history = [...totals.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const base = { accountId: account.id, currency: account.currency, history };
  if (history.length < FORECAST_MIN_DAYS) {
    return { ...base, empty: `Not enough history yet: a forecast needs at least ${FORECAST_MIN_DAYS} days of stored numbers (this account has ${history.length}).`, metrics: [] };
  }
  return { ...base, empty: null, metrics: forecastMetrics(history, until, days) };
}
