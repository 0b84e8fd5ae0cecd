import { sql, type SQL } from 'drizzle-orm';
import type { PlatformId } from '@adloop/contracts';
import type { Db } from '@adloop/db';
import type { PartialDay } from '@adloop/engine';
import { rowsOf, type Range } from './report-scope.ts';
import type { SeriesPoint } from './metrics.reader.ts';

/**
 * The counterpart day's numbers up to the same time, per platform and currency: its hourly rows
 * (hours before the cut whole, the hour it falls in pro rata by minutes); an account without hourly
 * rows for that day counts its daily row pro rata by the share of the day gone by.
 * `accountFilter` narrows the accounts (alias `a` = ad_accounts); `level`/`entity` the rows.
 */
export async function counterpartNumbers(
  db: Db,
  orgId: string,
  cut: PartialDay,
  options: { accountFilter?: SQL; campaign?: { adAccountId: string; platformId: string } } = {},
): Promise<SeriesPoint[]> {
  const whole = Math.floor(cut.hours);
  const part = cut.hours - whole;
  const weight = sql`CASE WHEN h.hour < ${whole} THEN 1.0 ELSE ${part}::float8 END`;
  const dayShare = cut.hours / 24;
  const hourlyScope = options.campaign ? sql`AND h.ad_account_id = ${options.campaign.adAccountId}::uuid AND h.entity_id = ${options.campaign.platformId}` : sql``;
  const daily = options.campaign
    ? sql`SELECT d.ad_account_id, d.currency, d.impressions * ${dayShare}::float8 AS i, d.clicks * ${dayShare}::float8 AS k, d.spend_micros * ${dayShare}::float8 AS s,
             d.conversions * ${dayShare}::float8 AS v, d.conversion_value_micros * ${dayShare}::float8 AS cv
          FROM metrics_daily d WHERE d.org_id = ${orgId}::uuid AND d.level = 'campaign' AND d.date = ${cut.counterpart}::date
            AND d.ad_account_id = ${options.campaign.adAccountId}::uuid AND d.entity_id = ${options.campaign.platformId}
            AND NOT EXISTS (SELECT 1 FROM metrics_hourly x WHERE x.org_id = d.org_id AND x.ad_account_id = d.ad_account_id AND x.level = 'campaign' AND x.entity_id = d.entity_id AND x.date = d.date)`
    : sql`SELECT d.ad_account_id, d.currency, d.impressions * ${dayShare}::float8 AS i, d.clicks * ${dayShare}::float8 AS k, d.spend_micros * ${dayShare}::float8 AS s,
             d.conversions * ${dayShare}::float8 AS v, d.conversion_value_micros * ${dayShare}::float8 AS cv
          FROM metrics_account_daily d WHERE d.org_id = ${orgId}::uuid AND d.date = ${cut.counterpart}::date
            AND NOT EXISTS (SELECT 1 FROM metrics_hourly x WHERE x.org_id = d.org_id AND x.ad_account_id = d.ad_account_id AND x.level = 'campaign' AND x.date = d.date)`;
  const rows = rowsOf<{ platform: PlatformId; currency: string; i: number; k: number; s: number; v: number; cv: number }>(
    await db.execute(sql`
      WITH cut AS (
        SELECT h.ad_account_id, h.currency, h.impressions * ${weight} AS i, h.clicks * ${weight} AS k, h.spend_micros * ${weight} AS s,
               h.conversions * ${weight} AS v, h.conversion_value_micros * ${weight} AS cv
        FROM metrics_hourly h
        WHERE h.org_id = ${orgId}::uuid AND h.level = 'campaign' AND h.date = ${cut.counterpart}::date AND h.hour <= ${whole} ${hourlyScope}
        UNION ALL ${daily}
      )
      SELECT a.platform, cut.currency, sum(cut.i)::float8 AS i, sum(cut.k)::float8 AS k, sum(cut.s)::float8 AS s, sum(cut.v)::float8 AS v, sum(cut.cv)::float8 AS cv
      FROM cut JOIN ad_accounts a ON a.id = cut.ad_account_id AND a.org_id = ${orgId}::uuid
      WHERE ${options.campaign ? sql`TRUE` : sql`a.selected`} ${options.accountFilter ?? sql``}
      GROUP BY a.platform, cut.currency`),
  );
  return rows.map((r) => ({ platform: r.platform, currency: r.currency, date: cut.counterpart, totals: { impressions: r.i, clicks: r.k, spendMicros: r.s, conversions: r.v, conversionValueMicros: r.cv } }));
}

/**
 * Campaign-level daily spend rows over [since, until] (columns ad_account_id, entity_id, date, currency,
 * spend_micros), with the counterpart day cut to the same time as today when `cut` is given: hourly
 * rows weighted as in `counterpartNumbers`, or the daily row pro rata where the campaign has no hours.
 */
export function campaignSpendRows(orgId: string, range: Range, cut: PartialDay | null): SQL {
  const base = sql`SELECT m.ad_account_id, m.entity_id, m.date, m.currency, m.spend_micros::float8 AS spend_micros FROM metrics_daily m
    WHERE m.org_id = ${orgId}::uuid AND m.level = 'campaign' AND m.date BETWEEN ${range.since}::date AND ${range.until}::date`;
  if (!cut) return base;
  const whole = Math.floor(cut.hours);
  const part = cut.hours - whole;
  return sql`${base} AND m.date <> ${cut.counterpart}::date
    UNION ALL
    SELECT h.ad_account_id, h.entity_id, h.date, h.currency, h.spend_micros * CASE WHEN h.hour < ${whole} THEN 1.0 ELSE ${part}::float8 END
    FROM metrics_hourly h WHERE h.org_id = ${orgId}::uuid AND h.level = 'campaign' AND h.date = ${cut.counterpart}::date AND h.hour <= ${whole}
    UNION ALL
    SELECT d.ad_account_id, d.entity_id, d.date, d.currency, d.spend_micros * ${cut.hours / 24}::float8
    FROM metrics_daily d WHERE d.org_id = ${orgId}::uuid AND d.level = 'campaign' AND d.date = ${cut.counterpart}::date
      AND NOT EXISTS (SELECT 1 FROM metrics_hourly x WHERE x.org_id = d.org_id AND x.ad_account_id = d.ad_account_id AND x.level = 'campaign' AND x.entity_id = d.entity_id AND x.date = d.date)`;
}
