import { sql } from 'drizzle-orm';
import type { EntitySeries, MetricTotals } from '@adloop/engine';
import type { Db } from '@adloop/db';
import { rowsOf } from '../../metrics/report-scope.ts';
import type { Level } from '../facts/facts.sql.ts';

const TABLE: Record<Level, string> = { campaign: 'campaigns', ad_group: 'ad_groups', ad: 'ads' };

interface SeriesRow {
  id: string;
  date?: string;
  at?: number;
  spend: number;
  impressions: number;
  clicks: number;
  conversions: number;
  value: number;
}

const totalsOf = (r: SeriesRow): MetricTotals => ({
  spendMicros: Number(r.spend),
  impressions: Number(r.impressions),
  clicks: Number(r.clicks),
  conversions: Number(r.conversions),
  conversionValueMicros: Number(r.value),
});

/**
 * The stored rows of the given objects (Adloop ids at `level`): daily rows from `since` (null: all)
 * to `until`, and hourly rows (campaigns only, when `hoursFrom` is set) keyed by their hour's start
 * as an instant. Objects without hourly rows get `hourly: null` (their hours count as days' shares).
 * `knownZones` are the accounts' zones the runtime can read: rows of an account in any other zone are
 * placed as if in UTC (its objects are skipped by the engine; the query must not fail on them).
 */
export async function loadSeries(
  db: Db,
  orgId: string,
  level: Level,
  ids: readonly string[],
  since: string | null,
  until: string,
  hoursFrom: string | null,
  knownZones: readonly string[] = [],
): Promise<Map<string, EntitySeries>> {
  const out = new Map<string, { daily: Map<string, MetricTotals>; hourly: Map<string, MetricTotals> | null }>();
  for (const id of ids) out.set(id, { daily: new Map(), hourly: null });
  if (ids.length === 0) return out;
  const table = sql.raw(TABLE[level]);
  const idList = sql`string_to_array(${ids.join(',')}, ',')::uuid[]`;
  const daily = rowsOf<SeriesRow>(
    await db.execute(sql`
      SELECT o.id, to_char(m.date, 'YYYY-MM-DD') AS date, m.spend_micros::float8 AS spend, m.impressions::float8 AS impressions,
        m.clicks::float8 AS clicks, m.conversions, m.conversion_value_micros::float8 AS value
      FROM ${table} o
      JOIN metrics_daily m ON m.ad_account_id = o.ad_account_id AND m.entity_id = o.platform_id AND m.level = ${level} AND m.org_id = o.org_id
      WHERE o.org_id = ${orgId}::uuid AND o.id = ANY(${idList}) ${since ? sql`AND m.date >= ${since}::date` : sql``} AND m.date <= ${until}::date`),
  );
  for (const r of daily) out.get(r.id)!.daily.set(r.date!, totalsOf(r));
  if (level === 'campaign' && hoursFrom) {
    const hourly = rowsOf<SeriesRow>(
      await db.execute(sql`
        SELECT o.id, extract(epoch FROM ((m.date + m.hour * interval '1 hour') AT TIME ZONE (CASE WHEN m.time_basis = 'utc' OR NOT (a.time_zone = ANY(string_to_array(${knownZones.join(',')}, ','))) THEN 'UTC' ELSE a.time_zone END)))::float8 AS at,
          m.spend_micros::float8 AS spend, m.impressions::float8 AS impressions, m.clicks::float8 AS clicks, m.conversions, m.conversion_value_micros::float8 AS value
        FROM campaigns o
        JOIN ad_accounts a ON a.id = o.ad_account_id
        JOIN metrics_hourly m ON m.ad_account_id = o.ad_account_id AND m.entity_id = o.platform_id AND m.level = 'campaign' AND m.org_id = o.org_id
        WHERE o.org_id = ${orgId}::uuid AND o.id = ANY(${idList}) AND m.date >= ${hoursFrom}::date AND m.date <= (${until}::date + 1)`),
    );
    for (const r of hourly) {
      const series = out.get(r.id)!;
      series.hourly ??= new Map();
      series.hourly.set(new Date(Number(r.at) * 1000).toISOString(), totalsOf(r));
    }
  }
  return out;
}
