import { sql } from 'drizzle-orm';
import { addDays, clockInZone, dateInZone, type AnomalyGrain, type MetricPoint } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { rowsOf } from '../metrics/report-scope.ts';

/** Days of daily history and of hourly history read per check. */
const DAILY_DAYS = 90;
const HOURLY_DAYS = 21;
/** Shortest series worth judging: eight days, two days of hours. */
const MIN_POINTS: Record<AnomalyGrain, number> = { day: 8, hour: 48 };
const HOUR = 3_600_000;

export interface AccountForCheck { id: string; name: string; timeZone: string }
export interface CampaignForCheck { id: string; platformId: string; name: string }

/** One series to judge: an account or one of its campaigns at one grain. */
export interface CheckSeries {
  campaignId: string | null;
  name: string;
  grain: AnomalyGrain;
  points: MetricPoint[];
  firstPhase: number;
}

/** Midnight UTC of an account-time date: points are labelled by their local date and hour, whatever the zone. */
const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);

function add(into: Map<string, MetricPoint>, key: string, at: number, p: { spend: number; clicks: number; conversions: number }): void {
  const q = into.get(key) ?? { at, spend: 0, clicks: 0, conversions: 0 };
  q.spend += p.spend;
  q.clicks += p.clicks;
  q.conversions += p.conversions;
  into.set(key, q);
}

/** Complete periods in order from the first with data, zeros where nothing was delivered. */
function fill(byKey: ReadonlyMap<string, MetricPoint>, keys: readonly { key: string; at: number }[]): MetricPoint[] {
  const first = keys.findIndex((k) => byKey.has(k.key));
  if (first < 0) return [];
  return keys.slice(first).map((k) => byKey.get(k.key) ?? { at: k.at, spend: 0, clicks: 0, conversions: 0 });
}

/**
 * The account's and each campaign's complete days (through yesterday, account time) and complete hours
 * (through the last full hour) as of `now`, from the stored campaign numbers; labels in account time.
 */
export async function loadCheckSeries(ctx: AppContext, orgId: string, account: AccountForCheck, campaigns: readonly CampaignForCheck[], now: Date): Promise<CheckSeries[]> {
  const today = dateInZone(account.timeZone, now);
  const yesterday = addDays(today, -1);
  const { hour } = clockInZone(account.timeZone, now);
  const daily = rowsOf<{ entity_id: string; date: string; clicks: string; spend: string; conversions: number }>(
    await ctx.db.execute(sql`
      SELECT entity_id, to_char(date, 'YYYY-MM-DD') AS date, clicks::text, spend_micros::text AS spend, conversions::float8 AS conversions
      FROM metrics_daily WHERE org_id = ${orgId}::uuid AND ad_account_id = ${account.id}::uuid AND level = 'campaign'
        AND date BETWEEN ${addDays(yesterday, -(DAILY_DAYS - 1))}::date AND ${yesterday}::date`),
  );
  const hourly = rowsOf<{ entity_id: string; date: string; hour: number; clicks: string; spend: string; conversions: number }>(
    await ctx.db.execute(sql`
      SELECT entity_id, to_char(date, 'YYYY-MM-DD') AS date, hour, clicks::text, spend_micros::text AS spend, conversions::float8 AS conversions
      FROM metrics_hourly WHERE org_id = ${orgId}::uuid AND ad_account_id = ${account.id}::uuid AND level = 'campaign'
        AND date BETWEEN ${addDays(today, -(HOURLY_DAYS - 1))}::date AND ${today}::date`),
  );
  const dayKeys: { key: string; at: number }[] = [];
  for (let d = addDays(yesterday, -(DAILY_DAYS - 1)); d <= yesterday; d = addDays(d, 1)) dayKeys.push({ key: d, at: dayMs(d) });
  const hourKeys: { key: string; at: number }[] = [];
  for (let d = addDays(today, -(HOURLY_DAYS - 1)); d <= today; d = addDays(d, 1)) {
    for (let h = 0; h < 24 && !(d === today && h >= hour); h++) hourKeys.push({ key: `${d}|${h}`, at: dayMs(d) + h * HOUR });
  }
  const byPlatformId = new Map(campaigns.map((c) => [c.platformId, c]));
  const days = new Map<string, Map<string, MetricPoint>>();
  const hours = new Map<string, Map<string, MetricPoint>>();
  const of = (m: Map<string, Map<string, MetricPoint>>, id: string): Map<string, MetricPoint> => {
    const found = m.get(id);
    if (found) return found;
    const fresh = new Map<string, MetricPoint>();
    m.set(id, fresh);
    return fresh;
  };
  const numbers = (r: { spend: string; clicks: string; conversions: number }) => ({ spend: Number(r.spend), clicks: Number(r.clicks), conversions: Number(r.conversions) });
  for (const r of daily) {
    add(of(days, ''), r.date, dayMs(r.date), numbers(r));
    if (byPlatformId.has(r.entity_id)) add(of(days, r.entity_id), r.date, dayMs(r.date), numbers(r));
  }
  for (const r of hourly) {
    const key = `${r.date}|${Number(r.hour)}`;
    if (Number(r.hour) >= 24 || (r.date === today && Number(r.hour) >= hour)) continue;
    add(of(hours, ''), key, dayMs(r.date) + Number(r.hour) * HOUR, numbers(r));
    if (byPlatformId.has(r.entity_id)) add(of(hours, r.entity_id), key, dayMs(r.date) + Number(r.hour) * HOUR, numbers(r));
  }
  const out: CheckSeries[] = [];
  const push = (campaignId: string | null, name: string, grain: AnomalyGrain, points: MetricPoint[]): void => {
    if (points.length < MIN_POINTS[grain]) return;
    const start = new Date(points[0]!.at);
    out.push({ campaignId, name, grain, points, firstPhase: grain === 'day' ? start.getUTCDay() : start.getUTCDay() * 24 + start.getUTCHours() });
  };
  push(null, account.name, 'day', fill(days.get('') ?? new Map(), dayKeys));
  push(null, account.name, 'hour', fill(hours.get('') ?? new Map(), hourKeys));
  for (const c of campaigns) {
    push(c.id, c.name, 'day', fill(days.get(c.platformId) ?? new Map(), dayKeys));
    push(c.id, c.name, 'hour', fill(hours.get(c.platformId) ?? new Map(), hourKeys));
  }
  return out;
}
