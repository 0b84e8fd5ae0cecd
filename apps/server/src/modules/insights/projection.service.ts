import { addDays, dateInZone, forecastSeries, monthPacing, type Pacing } from '@adloop/engine';
import type { AccountMonthEnd, CampaignPacing, MonthEndFigure, MonthEndProjection, PacingDto } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { ensureRates, latestFactors } from '../metrics/fx.service.ts';
import { orgSettings } from '../metrics/report-scope.ts';
import { campaignDays, campaignsOf, selectedAccounts, type CampaignDay, type ProjectionAccount, type ProjectionCampaign } from './projection.repository.ts';
import { dailySeries, FORECAST_HISTORY_DAYS, FORECAST_MIN_DAYS, type DayTotals } from './forecast-series.ts';

/** A miss of more than this share of the plan is a pacing warning (platforms deliver a daily budget only roughly). */
export const PACING_TOLERANCE = 0.1;
/** Days averaged for a campaign's recent spend rate. */
const RECENT_DAYS = 7;
const MAX_CAMPAIGN_WARNINGS = 50;

const daysInMonthOf = (day: string): number => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).getUTCDate();

function toPacing(p: Pacing, planMicros: number, spentMicros: number): PacingDto {
  return { status: p.status, planMicros, spentMicros, projectedMicros: Math.round(p.projectedMicros), gapMicros: Math.round(p.projectedGapMicros), dailyToLandMicros: Math.round(p.dailyToLandMicros), message: p.message };
}

/** One account's month, with the pacing of each of its active campaigns (on track or not). */
export interface AccountResult { entry: AccountMonthEnd; campaigns: CampaignPacing[] }

/** One account's month: numbers so far, the forecast of the days left (today included), pacing of the account and its campaigns. */
function accountMonth(ctx: AppContext, account: ProjectionAccount, campaigns: readonly ProjectionCampaign[], rows: readonly CampaignDay[]): AccountResult {
  const today = dateInZone(account.time_zone, ctx.clock.now());
  const until = addDays(today, -1);
  const monthStart = `${today.slice(0, 8)}01`;
  const daysInMonth = daysInMonthOf(today);
  const daysLeft = daysInMonth - Number(today.slice(8, 10)) + 1;
  const mine = rows.filter((r) => r.account_id === account.id && r.date <= until);
  const history = dailySeries(mine, until);
  const inMonth = history.filter((d) => d.date >= monthStart);
  const sum = (key: keyof Omit<DayTotals, 'date'>) => inMonth.reduce((a, d) => a + d[key], 0);
  const base = { accountId: account.id, name: account.name, platform: account.platform, currency: account.currency, month: today.slice(0, 7), through: history.length > 0 ? until : null, daysLeft };
  const isFirstDay = until < monthStart;

  let figures: Pick<AccountMonthEnd, 'spend' | 'conversions' | 'value'> = { spend: null, conversions: null, value: null };
  let note: string | null = null;
  let spendRate: number | null = null;
  if (history.length < FORECAST_MIN_DAYS) {
    note = `Not enough history yet: a projection needs at least ${FORECAST_MIN_DAYS} days of stored numbers (this account has ${history.length}).`;
  } else {
    const firstPhase = new Date(`${history[0]!.date}T00:00:00Z`).getUTCDay();
    const figure = (metric: 'spend' | 'conversions' | 'value'): MonthEndFigure => {
      const f = forecastSeries({ values: history.map((d) => d[metric]), horizon: daysLeft, firstPhase, isCount: metric === 'conversions' });
      if (metric === 'spend') spendRate = f.total.mean / daysLeft;
      const so = sum(metric);
      return { monthToDate: so, projected: so + f.total.mean, lower80: so + f.total.lower80, upper80: so + f.total.upper80 };
    };
    figures = { spend: figure('spend'), conversions: figure('conversions'), value: figure('value') };
  }

  const active = campaigns.filter((c) => c.ad_account_id === account.id && c.status === 'active' && Number(c.daily_budget_micros ?? 0) > 0);
  const planMicros = active.reduce((a, c) => a + Number(c.daily_budget_micros) * daysInMonth, 0);
  let pacing: PacingDto | null = null;
  const pacedCampaigns: CampaignPacing[] = [];
  if (planMicros > 0 && !isFirstDay && history.length > 0) {
    const recent = history.slice(-RECENT_DAYS);
    const rate = spendRate ?? recent.reduce((a, d) => a + d.spend, 0) / recent.length;
    const spent = sum('spend');
    pacing = toPacing(monthPacing({ planMicros, spentMicros: spent, throughDay: until, recentDailyMicros: rate, tolerance: PACING_TOLERANCE, currency: account.currency }), planMicros, spent);
    const recentSince = addDays(until, -(RECENT_DAYS - 1));
    for (const c of active) {
      const days = mine.filter((r) => r.entity_id === c.platform_id);
      const cSpent = days.filter((r) => r.date >= monthStart).reduce((a, r) => a + r.spend, 0);
      const cRate = days.filter((r) => r.date >= recentSince).reduce((a, r) => a + r.spend, 0) / RECENT_DAYS;
      const cPlan = Number(c.daily_budget_micros) * daysInMonth;
      const p = monthPacing({ planMicros: cPlan, spentMicros: cSpent, throughDay: until, recentDailyMicros: cRate, tolerance: PACING_TOLERANCE, currency: c.currency });
      pacedCampaigns.push({ campaignId: c.id, accountId: account.id, name: c.name, currency: c.currency, pacing: toPacing(p, cPlan, cSpent) });
    }
  } else if (planMicros > 0 && isFirstDay) {
    note ??= 'Pacing starts tomorrow, after the month’s first complete day.';
  }
  return { entry: { ...base, ...figures, pacing, note }, campaigns: pacedCampaigns };
}

const EMPTY_FIGURE = (): MonthEndFigure => ({ monthToDate: 0, projected: 0, lower80: 0, upper80: 0 });

/** Sums account figures converted into the reporting currency; ranges combine as independent (root of summed squared half-widths). */
function addFigures(into: { figure: MonthEndFigure; below: number; above: number }, f: MonthEndFigure, factor: number): void {
  into.figure.monthToDate += f.monthToDate * factor;
  into.figure.projected += f.projected * factor;
  into.below += ((f.projected - f.lower80) * factor) ** 2;
  into.above += ((f.upper80 - f.projected) * factor) ** 2;
}

/**
 * Where the month lands for every account the person can see and for the organisation (in its
 * reporting currency), with pacing warnings for accounts and campaigns that will miss their plan.
 */
/** Every selected account's month (each in its own time zone) and the pacing of its active campaigns. */
export async function accountMonths(ctx: AppContext, access: Pick<OrgAccess, 'orgId' | 'accountIds'>, today: string): Promise<AccountResult[]> {
  const accounts = await selectedAccounts(ctx.db, access.orgId, access.accountIds);
  if (accounts.length === 0) return [];
  const campaigns = await campaignsOf(ctx.db, access.orgId, access.accountIds);
  // Account days differ by time zone by at most one day: read from the earliest window start to the latest yesterday.
  const latest = addDays(today, 1);
  const rows = await campaignDays(ctx.db, access.orgId, accounts.map((a) => a.id), addDays(latest, -(FORECAST_HISTORY_DAYS + 2)), latest);
  return accounts.map((a) => accountMonth(ctx, a, campaigns, rows));
}

/** Today in the organisation's time zone. */
export async function todayOfOrg(ctx: AppContext, orgId: string): Promise<{ today: string; reportingCurrency: string }> {
  const settings = await orgSettings(ctx.db, orgId);
  return { today: dateInZone(settings.timeZone, ctx.clock.now()), reportingCurrency: settings.reportingCurrency };
}

export async function monthEndProjection(ctx: AppContext, access: Pick<OrgAccess, 'orgId' | 'accountIds'>): Promise<MonthEndProjection> {
  const { today, reportingCurrency } = await todayOfOrg(ctx, access.orgId);
  const results = await accountMonths(ctx, access, today);
  const base = { month: today.slice(0, 7), currency: reportingCurrency };
  if (results.length === 0) {
    return { ...base, totals: null, excluded: [], accounts: [], campaignWarnings: [], empty: 'No ad accounts yet: connect and add accounts to see where the month will land.' };
  }

  await ensureRates(ctx, addDays(today, -13), today);
  const factors = await latestFactors(ctx, today, reportingCurrency);
  const sums = { spend: { figure: EMPTY_FIGURE(), below: 0, above: 0 }, conversions: { figure: EMPTY_FIGURE(), below: 0, above: 0 }, value: { figure: EMPTY_FIGURE(), below: 0, above: 0 } };
  const excluded: MonthEndProjection['excluded'] = [];
  let counted = 0;
  for (const { entry } of results) {
    const factor = factors[entry.currency];
    if (!entry.spend || !entry.conversions || !entry.value) {
      excluded.push({ accountId: entry.accountId, reason: entry.note ?? 'No projection for this account yet.' });
    } else if (factor === undefined) {
      excluded.push({ accountId: entry.accountId, reason: `No exchange rate from ${entry.currency} to ${reportingCurrency} yet.` });
    } else {
      counted += 1;
      addFigures(sums.spend, entry.spend, factor);
      addFigures(sums.value, entry.value, factor);
      addFigures(sums.conversions, entry.conversions, 1);
    }
  }
  const close = (s: { figure: MonthEndFigure; below: number; above: number }): MonthEndFigure => ({
    monthToDate: s.figure.monthToDate,
    projected: s.figure.projected,
    lower80: Math.max(s.figure.monthToDate, s.figure.projected - Math.sqrt(s.below)),
    upper80: s.figure.projected + Math.sqrt(s.above),
  });
  const warnings = results.flatMap((r) => r.campaigns.filter((c) => c.pacing.status !== 'on_track'));
  warnings.sort((a, b) => Math.abs(b.pacing.gapMicros) / b.pacing.planMicros - Math.abs(a.pacing.gapMicros) / a.pacing.planMicros || a.name.localeCompare(b.name));
  return {
    ...base,
    totals: counted > 0 ? { spend: close(sums.spend), conversions: close(sums.conversions), value: close(sums.value) } : null,
    excluded,
    accounts: results.map((r) => r.entry),
    campaignWarnings: warnings.slice(0, MAX_CAMPAIGN_WARNINGS),
    empty: null,
  };
}
