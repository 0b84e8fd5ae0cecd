import { sql } from 'drizzle-orm';
import type { Db } from '@adloop/db';
import type { MetricsRow } from '@adloop/platforms';

/** Rows per INSERT statement: big enough to amortise the round trip, small enough for PGlite's memory. */
const CHUNK = 2000;

function monthRange(rows: readonly MetricsRow[]): { from: string; to: string } | null {
  let from: string | null = null;
  let to: string | null = null;
  for (const row of rows) {
    if (from === null || row.date < from) from = row.date;
    if (to === null || row.date > to) to = row.date;
  }
  return from && to ? { from, to } : null;
}

/** Rows an INSERT/UPDATE touched: node-postgres says `rowCount`, PGlite `affectedRows`. */
function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

const packed = (row: MetricsRow) => ({
  l: row.level,
  e: row.entityPlatformId,
  c: row.campaignPlatformId,
  d: row.date,
  h: row.hour ?? 0,
  tb: row.timeBasis,
  i: row.impressions,
  k: row.clicks,
  s: row.spend.micros,
  v: row.conversions,
  cv: row.conversionValue.micros,
  cur: row.spend.currency,
});

/**
 * The metrics store's write side. Upserts by (account, level, entity, date[, hour]), so a re-run
 * or a sync that crashed half way never duplicates or loses rows; unchanged rows are not rewritten.
 */
export function createMetricsRepository(db: Db) {
  async function ensurePartitions(table: 'metrics_hourly' | 'metrics_daily', rows: readonly MetricsRow[]): Promise<void> {
    const range = monthRange(rows);
    if (range) await db.execute(sql`SELECT adloop_ensure_month_partitions(${table}, ${range.from}::date, ${range.to}::date)`);
  }

  return {
    /** Writes daily rows (hour null) to metrics_daily and hourly rows to metrics_hourly. Returns rows written or changed. */
    async upsert(orgId: string, adAccountId: string, rows: readonly MetricsRow[], syncedAt: Date): Promise<number> {
      const daily = rows.filter((r) => r.hour === null);
      const hourly = rows.filter((r) => r.hour !== null);
      let written = 0;
      if (daily.length) await ensurePartitions('metrics_daily', daily);
      if (hourly.length) await ensurePartitions('metrics_hourly', hourly);
      for (let i = 0; i < daily.length; i += CHUNK) {
        const json = JSON.stringify(daily.slice(i, i + CHUNK).map(packed));
        const result = await db.execute(sql`
          INSERT INTO metrics_daily AS m (org_id, ad_account_id, level, entity_id, campaign_id, date, time_basis, impressions, clicks, spend_micros, conversions, conversion_value_micros, currency, synced_at)
          SELECT ${orgId}::uuid, ${adAccountId}::uuid, r.l, r.e, r.c, r.d, r.tb, r.i, r.k, r.s, r.v, r.cv, r.cur, ${syncedAt.toISOString()}::timestamptz
          FROM json_to_recordset(${json}::json) AS r(l text, e text, c text, d date, tb text, i bigint, k bigint, s bigint, v float8, cv bigint, cur text)
          ON CONFLICT (ad_account_id, level, entity_id, date) DO UPDATE SET
            impressions = excluded.impressions, clicks = excluded.clicks, spend_micros = excluded.spend_micros,
            conversions = excluded.conversions, conversion_value_micros = excluded.conversion_value_micros,
            campaign_id = excluded.campaign_id, currency = excluded.currency, synced_at = excluded.synced_at
          WHERE (m.impressions, m.clicks, m.spend_micros, m.conversions, m.conversion_value_micros)
            IS DISTINCT FROM (excluded.impressions, excluded.clicks, excluded.spend_micros, excluded.conversions, excluded.conversion_value_micros)`);
        written += affected(result);
      }
      for (let i = 0; i < hourly.length; i += CHUNK) {
        const json = JSON.stringify(hourly.slice(i, i + CHUNK).map(packed));
        const result = await db.execute(sql`
          INSERT INTO metrics_hourly AS m (org_id, ad_account_id, level, entity_id, campaign_id, date, hour, time_basis, impressions, clicks, spend_micros, conversions, conversion_value_micros, currency, synced_at)
          SELECT ${orgId}::uuid, ${adAccountId}::uuid, r.l, r.e, r.c, r.d, r.h, r.tb, r.i, r.k, r.s, r.v, r.cv, r.cur, ${syncedAt.toISOString()}::timestamptz
          FROM json_to_recordset(${json}::json) AS r(l text, e text, c text, d date, h smallint, tb text, i bigint, k bigint, s bigint, v float8, cv bigint, cur text)
          ON CONFLICT (ad_account_id, level, entity_id, date, hour) DO UPDATE SET
            impressions = excluded.impressions, clicks = excluded.clicks, spend_micros = excluded.spend_micros,
            conversions = excluded.conversions, conversion_value_micros = excluded.conversion_value_micros,
            campaign_id = excluded.campaign_id, currency = excluded.currency, synced_at = excluded.synced_at
          WHERE (m.impressions, m.clicks, m.spend_micros, m.conversions, m.conversion_value_micros)
            IS DISTINCT FROM (excluded.impressions, excluded.clicks, excluded.spend_micros, excluded.conversions, excluded.conversion_value_micros)`);
        written += affected(result);
      }
      return written;
    },

    /** Recomputes the account and organisation daily rollups for [since, until] from the campaign-level daily rows. */
    async refreshRollups(orgId: string, adAccountId: string, platform: string, since: string, until: string): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.execute(sql`DELETE FROM metrics_account_daily WHERE org_id = ${orgId}::uuid AND ad_account_id = ${adAccountId}::uuid AND date BETWEEN ${since}::date AND ${until}::date`);
        await tx.execute(sql`
          INSERT INTO metrics_account_daily (org_id, ad_account_id, date, impressions, clicks, spend_micros, conversions, conversion_value_micros, currency, campaigns)
          SELECT org_id, ad_account_id, date, sum(impressions), sum(clicks), sum(spend_micros), sum(conversions), sum(conversion_value_micros), min(currency), count(*)
          FROM metrics_daily
          WHERE org_id = ${orgId}::uuid AND ad_account_id = ${adAccountId}::uuid AND level = 'campaign' AND date BETWEEN ${since}::date AND ${until}::date
          GROUP BY org_id, ad_account_id, date`);
        // Accounts of one platform sync side by side: their organisation rollup is rebuilt one at a time, each
        // after the last committed (else both delete, both insert, and one fails on the key or misses the other's account).
        await tx.execute(sql`SELECT pg_advisory_xact_lock(7501, hashtext(${`${orgId}:${platform}`}))`);
        await tx.execute(sql`DELETE FROM metrics_org_daily WHERE org_id = ${orgId}::uuid AND platform = ${platform} AND date BETWEEN ${since}::date AND ${until}::date`);
        await tx.execute(sql`
          INSERT INTO metrics_org_daily (org_id, platform, currency, date, impressions, clicks, spend_micros, conversions, conversion_value_micros)
          SELECT d.org_id, a.platform, d.currency, d.date, sum(d.impressions), sum(d.clicks), sum(d.spend_micros), sum(d.conversions), sum(d.conversion_value_micros)
          FROM metrics_account_daily d JOIN ad_accounts a ON a.id = d.ad_account_id AND a.org_id = d.org_id
          WHERE d.org_id = ${orgId}::uuid AND a.platform = ${platform} AND d.date BETWEEN ${since}::date AND ${until}::date
          GROUP BY d.org_id, a.platform, d.currency, d.date`);
      });
    },
  };
}
