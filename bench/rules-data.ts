/**
 * Data for bench/rules.bench.ts, generated in SQL: one organisation, ad accounts over the three
 * platforms (USD and EUR, four time zones), 5 % of the objects campaigns, 25 % ad groups (5 per
 * campaign) and 70 % ads (14 per campaign), daily rows for every object and day, hourly rows for
 * every campaign (TikTok's in UTC), up to the hour in progress at `now`; rates for every day. Numbers
 * come from a multiplicative hash of (object, day, hour): every run is the same.
 */
import type pg from 'pg';

export interface RulesDataSpec {
  entities: number;
  accounts: number;
  days: number;
  now: Date;
}

export interface RulesData {
  orgId: string;
  accountIds: string[];
  campaigns: number;
  adGroups: number;
  ads: number;
  dailyRows: number;
  hourlyRows: number;
  firstDay: string;
  today: string;
}

const log = (message: string) => process.stdout.write(`  ${message}\n`);
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'];
const PLATFORMS = ['google_ads', 'meta', 'tiktok'] as const;

/** A uniform [0, 1) from a bigint SQL expression `k` (multiplicative hashing). */
const unit = (k: string, mul: number, add: number) => `((((${k}) * ${mul}::bigint + ${add}::bigint) % 4294967296 + 4294967296) % 4294967296) / 4294967296.0`;

/** Months touching [first, last]: partitions are loaded one month at a time, two at once. */
function months(first: string, last: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  let cursor = new Date(`${first.slice(0, 7)}-01T00:00:00Z`);
  while (cursor.toISOString().slice(0, 10) <= last) {
    const next = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1));
    const start = cursor.toISOString().slice(0, 10);
    const end = new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
    out.push({ from: start < first ? first : start, to: end > last ? last : end });
    cursor = next;
  }
  return out;
}

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  log(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/**
 * Daily rows of one level for [from, to]: impressions on a weekly curve with a per-object scale,
 * CTR 0.3–3 %, CPC 0.2–2, conversions a share of clicks (some objects convert badly).
 */
function dailyInsert(table: string, level: string, campaignPid: string): string {
  return `
    INSERT INTO metrics_daily (org_id, ad_account_id, level, entity_id, campaign_id, date, time_basis, impressions, clicks, spend_micros, conversions, conversion_value_micros, currency, synced_at)
    SELECT org_id, ad_account_id, '${level}', platform_id, campaign_pid, day, 'account', impressions, clicks, clicks * cpc, conversions, round(conversions * 45000000)::bigint, currency, $3::timestamptz
    FROM (
      SELECT o.org_id, o.ad_account_id, o.platform_id, ${campaignPid} AS campaign_pid, a.currency, d::date AS day,
             impressions, round(impressions * (0.003 + ${unit('k', 2246822519, 3266489917)} * 0.027))::bigint AS clicks,
             (200000 + round(${unit('k', 3266489917, 668265263)} * 1800000))::bigint AS cpc,
             round(impressions * (0.003 + ${unit('k', 2246822519, 3266489917)} * 0.027) * ${unit('o.n', 2654435761, 7)} * 0.08 * 100) / 100.0 AS conversions
      FROM (SELECT o.*, row_number() OVER (ORDER BY o.id) AS n FROM ${table} o WHERE o.org_id = $1::uuid) o
      JOIN ad_accounts a ON a.id = o.ad_account_id
      CROSS JOIN generate_series($2::date, $4::date, interval '1 day') d
      CROSS JOIN LATERAL (SELECT o.n * 1000 + (d::date - $2::date) AS k) key
      CROSS JOIN LATERAL (SELECT round((0.2 + ${unit('o.n', 7919, 13)} * 3) * (0.8 + 0.2 * sin(extract(dow FROM d))) * (300 + ${unit('k', 2654435761, 0)} * 2700))::bigint AS impressions) i
    ) x`;
}

/** Hourly campaign rows for [from, to], the hours of `now`'s day only up to the hour in progress. */
const hourlyInsert = `
  INSERT INTO metrics_hourly (org_id, ad_account_id, level, entity_id, campaign_id, date, hour, time_basis, impressions, clicks, spend_micros, conversions, conversion_value_micros, currency, synced_at)
  SELECT org_id, ad_account_id, 'campaign', platform_id, platform_id, day, hour, time_basis, impressions, clicks, clicks * cpc, conversions, round(conversions * 45000000)::bigint, currency, $3::timestamptz
  FROM (
    SELECT o.org_id, o.ad_account_id, o.platform_id, a.currency, d::date AS day, h::smallint AS hour,
           CASE WHEN a.platform = 'tiktok' THEN 'utc' ELSE 'account' END AS time_basis,
           impressions, round(impressions * (0.003 + ${unit('k', 2246822519, 3266489917)} * 0.027))::bigint AS clicks,
           (200000 + round(${unit('k', 3266489917, 668265263)} * 1800000))::bigint AS cpc,
           round(impressions * (0.003 + ${unit('k', 2246822519, 3266489917)} * 0.027) * ${unit('o.n', 2654435761, 7)} * 0.08 * 100) / 100.0 AS conversions
    FROM (SELECT o.*, row_number() OVER (ORDER BY o.id) AS n FROM campaigns o WHERE o.org_id = $1::uuid) o
    JOIN ad_accounts a ON a.id = o.ad_account_id
    CROSS JOIN generate_series($2::date, $4::date, interval '1 day') d
    CROSS JOIN generate_series(0, 23) h
    CROSS JOIN LATERAL (SELECT o.n * 100000 + (d::date - $2::date) * 24 + h AS k) key
    CROSS JOIN LATERAL (SELECT round((0.2 + ${unit('o.n', 7919, 13)} * 3) * (0.3 + sin(pi() * h / 24) ^ 2) * (10 + ${unit('k', 2654435761, 0)} * 110))::bigint AS impressions) i
    WHERE d::date + h * interval '1 hour' <= $5::timestamp
  ) x`;

const count = async (client: pg.Pool | pg.Client, table: string) => Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0]!.n);

/** Seeds everything on `pool` (two statements at a time). */
export async function seedRulesData(pool: pg.Pool, spec: RulesDataSpec): Promise<RulesData> {
  const today = spec.now.toISOString().slice(0, 10);
  const firstDay = new Date(spec.now.getTime() - spec.days * 86_400_000).toISOString().slice(0, 10);
  const syncedAt = new Date(spec.now.getTime() - 10 * 60_000).toISOString();
  const campaignsPerAccount = Math.max(1, Math.round((spec.entities * 0.05) / spec.accounts));

  const org = await pool.query<{ id: string }>(`INSERT INTO organizations (name, reporting_currency, time_zone) VALUES ('Rules bench', 'USD', 'UTC') RETURNING id`);
  const orgId = org.rows[0]!.id;
  const connections = new Map<string, string>();
  for (const platform of PLATFORMS) {
    const c = await pool.query<{ id: string }>(`INSERT INTO platform_connections (org_id, platform, external_label) VALUES ($1, $2, $3) RETURNING id`, [orgId, platform, `bench ${platform}`]);
    connections.set(platform, c.rows[0]!.id);
  }
  const accountIds: string[] = [];
  for (let i = 0; i < spec.accounts; i++) {
    const platform = PLATFORMS[i % 3]!;
    const a = await pool.query<{ id: string }>(
      `INSERT INTO ad_accounts (org_id, connection_id, platform, platform_account_id, name, currency, time_zone, selected, structure_synced_at, metrics_synced_at, next_sync_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8, $8, '2099-01-01') RETURNING id`,
      [orgId, connections.get(platform), platform, String(9_000_000_000 + i), `Account ${i}`, i % 4 === 3 ? 'EUR' : 'USD', ZONES[i % ZONES.length], syncedAt],
    );
    accountIds.push(a.rows[0]!.id);
  }
  await timed('objects', async () => {
    await pool.query(
      `INSERT INTO campaigns (org_id, ad_account_id, platform_id, name, status, raw_status, objective, daily_budget_micros, currency, synced_at, created_at, labels)
       SELECT a.org_id, a.id, 'c' || a.k || '-' || n, 'Campaign ' || a.k || '-' || n,
              CASE WHEN n % 10 = 9 THEN 'paused' ELSE 'active' END, CASE WHEN n % 10 = 9 THEN 'PAUSED' ELSE 'ACTIVE' END,
              (ARRAY['SALES', 'LEADS', 'TRAFFIC', 'AWARENESS'])[1 + n % 4], (20 + (n * 37) % 400) * 1000000::bigint, a.currency, $2::timestamptz,
              $2::timestamptz - ((n * 13) % 300) * interval '1 day', CASE WHEN n % 7 = 0 THEN ARRAY['sale'] ELSE '{}'::text[] END
       FROM (SELECT id, org_id, currency, row_number() OVER (ORDER BY platform_account_id) - 1 AS k FROM ad_accounts WHERE org_id = $1::uuid) a
       CROSS JOIN generate_series(0, ${campaignsPerAccount - 1}) n`,
      [orgId, syncedAt],
    );
    await pool.query(
      `INSERT INTO ad_groups (org_id, ad_account_id, platform_id, campaign_platform_id, name, status, daily_budget_micros, bid_micros, is_learning, synced_at, created_at)
       SELECT c.org_id, c.ad_account_id, c.platform_id || '-' || j, c.platform_id, 'Set ' || j || ' of ' || c.name,
              CASE WHEN j = 4 AND c.status = 'active' THEN 'paused' ELSE c.status END,
              CASE WHEN c.platform_id LIKE '%3' THEN (10 + j * 5) * 1000000::bigint END, 1500000, j = 0 AND length(c.platform_id) % 3 = 0, c.synced_at, c.created_at
       FROM campaigns c CROSS JOIN generate_series(0, 4) j WHERE c.org_id = $1::uuid`,
      [orgId],
    );
    await pool.query(
      `INSERT INTO ads (org_id, ad_account_id, platform_id, ad_group_platform_id, campaign_platform_id, name, status, synced_at, created_at)
       SELECT c.org_id, c.ad_account_id, c.platform_id || '-a' || i, c.platform_id || '-' || (i % 5), c.platform_id, 'Ad #' || i || ' of ' || c.name,
              CASE WHEN i % 9 = 8 THEN 'paused' ELSE c.status END, c.synced_at, c.created_at
       FROM campaigns c CROSS JOIN generate_series(0, 13) i WHERE c.org_id = $1::uuid`,
      [orgId],
    );
  });

  await pool.query('SELECT adloop_ensure_month_partitions($1, $2::date, $3::date)', ['metrics_daily', firstDay, today]);
  await pool.query('SELECT adloop_ensure_month_partitions($1, $2::date, $3::date)', ['metrics_hourly', firstDay, today]);
  const parts = months(firstDay, today);
  const nowTs = spec.now.toISOString().slice(0, 19).replace('T', ' ');
  const jobs: { text: string; values: unknown[] }[] = [];
  for (const part of parts) {
    const values = [orgId, part.from, syncedAt, part.to];
    jobs.push({ text: hourlyInsert, values: [...values, nowTs] });
    jobs.push({ text: dailyInsert('campaigns', 'campaign', 'o.platform_id'), values });
    jobs.push({ text: dailyInsert('ad_groups', 'ad_group', 'o.campaign_platform_id'), values });
    jobs.push({ text: dailyInsert('ads', 'ad', 'o.campaign_platform_id'), values });
  }
  await timed(`metrics (${jobs.length} statements, two at a time)`, async () => {
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (next < jobs.length) {
          const job = jobs[next++]!;
          await pool.query(job.text, job.values);
        }
      }),
    );
  });
  await pool.query(
    `INSERT INTO fx_rates (date, currency, rate, source, fetched_at)
     SELECT d::date, f.currency, f.rate, 'bench', now()
     FROM generate_series($1::date, $2::date, interval '1 day') d
     CROSS JOIN (VALUES ('EUR', 1.0::float8), ('USD', 1.08::float8)) f(currency, rate)
     ON CONFLICT DO NOTHING`,
    [firstDay, today],
  );
  await timed('analyze', () => pool.query('ANALYZE'));
  return {
    orgId,
    accountIds,
    campaigns: await count(pool, 'campaigns'),
    adGroups: await count(pool, 'ad_groups'),
    ads: await count(pool, 'ads'),
    dailyRows: await count(pool, 'metrics_daily'),
    hourlyRows: await count(pool, 'metrics_hourly'),
    firstDay,
    today,
  };
}

/**
 * A database seeded before (`--keep`), made ready to run again: the earlier runs' rules, runs,
 * changes, notifications and jobs removed (the audit log is append-only: it keeps them); the figures read back.
 */
export async function seededData(pool: pg.Pool, now: Date): Promise<RulesData> {
  const org = await pool.query<{ id: string }>(`SELECT id FROM organizations WHERE name = 'Rules bench'`);
  const orgId = org.rows[0]?.id;
  if (!orgId) throw new Error('--reuse: no rules bench data in that database');
  await pool.query('TRUNCATE rules, rule_runs, rule_run_entities, rule_run_unmatched, rule_jobs, campaign_changes, notifications, notification_events, notification_deliveries CASCADE');
  await pool.query(`DO $$ BEGIN IF to_regclass('pgboss.job') IS NOT NULL THEN TRUNCATE pgboss.job; END IF; END $$`);
  const accounts = await pool.query<{ id: string }>('SELECT id FROM ad_accounts WHERE org_id = $1 ORDER BY platform_account_id', [orgId]);
  const days = await pool.query<{ first: string }>(`SELECT min(date)::text AS first FROM metrics_daily`);
  return {
    orgId,
    accountIds: accounts.rows.map((r) => r.id),
    campaigns: await count(pool, 'campaigns'),
    adGroups: await count(pool, 'ad_groups'),
    ads: await count(pool, 'ads'),
    dailyRows: await count(pool, 'metrics_daily'),
    hourlyRows: await count(pool, 'metrics_hourly'),
    firstDay: days.rows[0]!.first,
    today: now.toISOString().slice(0, 10),
  };
}
