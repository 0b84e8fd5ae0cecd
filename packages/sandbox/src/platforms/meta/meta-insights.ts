import { param, type SandboxRequest } from '../../http/http.types.ts';
import type { MetricsEngine } from '../../simulator/metrics-engine.ts';
import { addTotals, emptyTotals, type MetricTotals, type ReportLevel, type ReportQuery, type ReportRow } from '../../simulator/report.types.ts';
import { addDays, daysBetween, isDay } from '@adloop/engine';
import { localDayAt } from '../../simulator/time-zone.ts';
import type { Account, JsonValue, PlatformWorld } from '../../simulator/world.types.ts';
import { breakDown, SPLIT_BREAKDOWNS, type BrokenDownRow } from './meta-breakdowns.ts';
import { DATE_PRESETS, presetRange } from './meta-dates.ts';
import { listOf } from './meta-params.ts';
import { currencyOffset, majorString } from './meta-words.ts';

type Row = Record<string, JsonValue>;
const HOURLY = 'hourly_stats_aggregated_by_advertiser_time_zone';
const LEVELS: Record<string, ReportLevel> = { account: 'account', campaign: 'campaign', adset: 'adGroup', ad: 'ad' };

export interface InsightsScope {
  level?: string;
  campaignIds?: Set<string>;
  adGroupIds?: Set<string>;
  adIds?: Set<string>;
}

/** Runs an insights query; returns the rows or a parameter problem. */
export function runInsights(engine: MetricsEngine, world: PlatformWorld, account: Account, req: SandboxRequest, scope: InsightsScope, now: number): Row[] | string {
  const today = localDayAt(account.timeZone, now);
  let range: [string, string] | null = presetRange('last_30d', today);
  const timeRange = param(req, 'time_range');
  const preset = param(req, 'date_preset');
  if (timeRange) {
    try {
      const parsed: unknown = JSON.parse(timeRange);
      const since = parsed && typeof parsed === 'object' ? String(Reflect.get(parsed, 'since')) : '';
      const until = parsed && typeof parsed === 'object' ? String(Reflect.get(parsed, 'until')) : '';
      if (!isDay(since) || !isDay(until) || since > until) return 'time_range must be {"since":"YYYY-MM-DD","until":"YYYY-MM-DD"}';
      range = [since, until];
    } catch {
      return 'time_range must be valid JSON';
    }
  } else if (preset) {
    range = presetRange(preset, today);
    if (!range) return `date_preset must be one of ${DATE_PRESETS.join(', ')}`;
  }
  if (!range) return 'invalid date range';
  const level = param(req, 'level') ?? scope.level ?? 'account';
  const reportLevel = LEVELS[level];
  if (!reportLevel) return 'level must be one of account, campaign, adset, ad';
  const increment = param(req, 'time_increment') ?? 'all_days';
  const step: Step = increment === 'all_days' ? 0 : increment === 'monthly' ? 'monthly' : Number(increment);
  if (typeof step === 'number' && increment !== 'all_days' && (!Number.isInteger(step) || step < 1 || step > 90)) return 'time_increment must be 1-90, monthly or all_days';
  const breakdowns = listOf(param(req, 'breakdowns'));
  const unknown = breakdowns.findIndex((b) => b !== HOURLY && !SPLIT_BREAKDOWNS.includes(b));
  if (unknown >= 0) return `Param breakdowns[${unknown}] must be one of {${[...SPLIT_BREAKDOWNS, HOURLY].join(', ')}}`;
  const hourly = breakdowns.includes(HOURLY);
  if (hourly && breakdowns.length > 1) return `Current combination of data breakdown columns (${breakdowns.join(', ')}) is invalid`;
  const filterIds = filtering(param(req, 'filtering'));
  const rows = minorUnitReport(engine, {
    platform: 'meta', accountId: account.id, since: range[0], until: range[1], level: reportLevel, grain: hourly ? 'hour' : step !== 0 ? 'day' : 'total',
    campaignIds: filterIds.get('campaign.id') ?? scope.campaignIds, adGroupIds: filterIds.get('adset.id') ?? scope.adGroupIds, adIds: filterIds.get('ad.id') ?? scope.adIds,
  }, account.currency);
  const fields = listOf(param(req, 'fields') ?? 'impressions,spend');
  const sort = listOf(param(req, 'sort'));
  const badSort = sort.find((s) => !/^[a-z_]+_(ascending|descending)$/.test(s));
  if (badSort !== undefined) return `sort must name fields as <field>_ascending or <field>_descending, not ${badSort}`;
  const rendered = breakDown(bucket(rows, step, range), breakdowns.filter((b) => b !== HOURLY), account).map((r) => render(world, account, r, fields, hourly));
  return sortRows(rendered, sort);
}

/** `sort=["spend_descending", …]`: by each named field in turn (numbers as numbers), keeping the report order on ties. */
function sortRows(rows: Row[], sort: readonly string[]): Row[] {
  if (sort.length === 0) return rows;
  const keys = sort.map((s) => ({ field: s.replace(/_(ascending|descending)$/, ''), sign: s.endsWith('_descending') ? -1 : 1 }));
  const value = (row: Row, field: string): number | string => {
    const raw = row[field];
    const n = Number(raw);
    return typeof raw === 'string' && raw !== '' && Number.isFinite(n) ? n : String(raw ?? '');
  };
  return rows.map((row, i) => ({ row, i })).sort((a, b) => {
    for (const { field, sign } of keys) {
      const x = value(a.row, field);
      const y = value(b.row, field);
      if (x !== y) return (x < y ? -1 : 1) * sign;
    }
    return a.i - b.i;
  }).map(({ row }) => row);
}

/**
 * Meta accounts spend per ad and hour in whole minor units, so every level and grain sums the same
 * rounded ad-hours: a day's spend equals the sum of its hours, a campaign's the sum of its ads.
 * (Rounding only the aggregated rows made daily and hourly reports disagree by cents.)
 */
function minorUnitReport(engine: MetricsEngine, query: ReportQuery, currency: string): ReportRow[] {
  const unit = 1e6 / currencyOffset(currency);
  const rows = new Map<string, ReportRow>();
  for (const r of engine.report({ ...query, level: 'ad', grain: 'hour' })) {
    const row: ReportRow = {
      accountId: r.accountId,
      campaignId: query.level === 'account' ? null : r.campaignId,
      adGroupId: query.level === 'adGroup' || query.level === 'ad' ? r.adGroupId : null,
      adId: query.level === 'ad' ? r.adId : null,
      day: query.grain === 'total' ? null : r.day,
      hour: query.grain === 'hour' ? r.hour : null,
      metrics: emptyTotals(),
    };
    const key = [row.campaignId ?? '', row.adGroupId ?? '', row.adId ?? '', row.day ?? '', String(row.hour ?? 0).padStart(2, '0')].join('|');
    const target = rows.get(key) ?? row;
    rows.set(key, target);
    addTotals(target.metrics, { ...r.metrics, spendMicros: Math.round(r.metrics.spendMicros / unit) * unit });
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

function filtering(raw: string | undefined): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (!raw) return out;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return out;
    for (const f of parsed) {
      const field = String(Reflect.get(f, 'field') ?? '');
      const value: unknown = Reflect.get(f, 'value');
      out.set(field, new Set((Array.isArray(value) ? value : [value]).map(String)));
    }
  } catch {
    return out;
  }
  return out;
}

/** `time_increment`: days per row (1–90), calendar months, or 0 for the whole range (`all_days`). */
type Step = number | 'monthly';

function bucketOf(day: string, step: Step, [since, until]: [string, string]): [string, string] {
  if (step === 0) return [since, until];
  if (step === 'monthly') {
    const first = `${day.slice(0, 8)}01`;
    const last = addDays(`${addDays(first, 31).slice(0, 8)}01`, -1);
    return [first < since ? since : first, last > until ? until : last];
  }
  const offset = Math.floor((daysBetween(since, day) - 1) / step) * step;
  const start = addDays(since, offset);
  const stop = addDays(start, step - 1);
  return [start, stop > until ? until : stop];
}

/**
 * Sums the rows of each object (and hour, under the hourly breakdown) into the increment's
 * buckets, which start at `since`: one row per object and bucket, as Graph answers.
 */
function bucket(rows: ReportRow[], step: Step, range: [string, string]): Array<ReportRow & { start: string; stop: string }> {
  const out = new Map<string, ReportRow & { start: string; stop: string }>();
  for (const r of rows) {
    const [start, stop] = r.day ? bucketOf(r.day, step, range) : range;
    const key = [r.campaignId ?? '', r.adGroupId ?? '', r.adId ?? '', String(r.hour ?? ''), start].join('|');
    const found = out.get(key);
    if (found) addTotals(found.metrics, r.metrics);
    else out.set(key, { ...r, metrics: { ...r.metrics }, start, stop });
  }
  return [...out.values()];
}

function render(world: PlatformWorld, account: Account, r: BrokenDownRow & { start: string; stop: string }, fields: string[], hourly: boolean): Row {
  const m: MetricTotals = r.metrics;
  const c = account.currency;
  const available: Row = {
    account_id: account.id, account_name: account.name, account_currency: c,
    impressions: String(m.impressions), clicks: String(m.clicks), spend: majorString(m.spendMicros, c),
    ctr: String(m.impressions > 0 ? (100 * m.clicks) / m.impressions : 0),
    cpc: String(m.clicks > 0 ? Number((m.spendMicros / 1e6 / m.clicks).toFixed(6)) : 0),
    cpm: String(m.impressions > 0 ? Number(((m.spendMicros / 1e6 / m.impressions) * 1000).toFixed(6)) : 0),
    reach: String(Math.round(m.impressions * 0.82)), frequency: String(m.impressions > 0 ? 1.22 : 0),
    actions: [{ action_type: 'link_click', value: String(m.clicks) }, { action_type: 'offsite_conversion.fb_pixel_purchase', value: String(m.conversions) }, { action_type: 'omni_purchase', value: String(m.conversions) }],
    action_values: [{ action_type: 'offsite_conversion.fb_pixel_purchase', value: m.conversionValue.toFixed(2) }, { action_type: 'omni_purchase', value: m.conversionValue.toFixed(2) }],
    conversions: [{ action_type: 'offsite_conversion.fb_pixel_purchase', value: String(m.conversions) }],
    purchase_roas: [{ action_type: 'omni_purchase', value: String(m.spendMicros > 0 ? Number((m.conversionValue / (m.spendMicros / 1e6)).toFixed(6)) : 0) }],
  };
  if (r.campaignId) Object.assign(available, { campaign_id: r.campaignId, campaign_name: world.campaigns.get(r.campaignId)?.name ?? '' });
  if (r.adGroupId) Object.assign(available, { adset_id: r.adGroupId, adset_name: world.adGroups.get(r.adGroupId)?.name ?? '' });
  if (r.adId) Object.assign(available, { ad_id: r.adId, ad_name: world.ads.get(r.adId)?.name ?? '' });
  const out: Row = {};
  for (const f of fields) if (available[f] !== undefined) out[f] = available[f] ?? null;
  out.date_start = r.start;
  out.date_stop = r.stop;
  Object.assign(out, r.breakdown);
  if (hourly && r.hour !== null) {
    const h = String(r.hour).padStart(2, '0');
    out[HOURLY] = `${h}:00:00 - ${h}:59:59`;
  }
  return out;
}
