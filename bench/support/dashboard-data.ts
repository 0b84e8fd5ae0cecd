/**
 * Test data for bench/dashboard.bench.ts: one organisation, 10 ad accounts over the 3 platforms in
 * USD/EUR/JPY, 100 campaigns each, a year of hourly campaign metrics generated in SQL (partition by
 * partition), metrics_daily aggregated from them in SQL, the rollups written by the product's
 * `refreshRollups`, and an ECB-style rate set (base EUR, the sandbox's 20 currencies) for every day.
 * All numbers are derived from a multiplicative hash of (campaign, day, hour): every run is identical.
 */
import { adAccounts, organizations, platformConnections, type DbHandle } from '@adloop/db';
import type pg from 'pg';
import { createMetricsRepository } from '../../apps/server/src/modules/metrics/metrics.repository.ts';

export const PLATFORM_IDS = ['google_ads', 'meta', 'tiktok'] as const;
type Platform = (typeof PLATFORM_IDS)[number];

/** 10 accounts over 3 platforms and 3 currencies (4 Google Ads, 3 Meta, 3 TikTok). */
const ACCOUNTS: { platform: Platform; currency: 'USD' | 'EUR' | 'JPY'; timeZone: string }[] = [
  { platform: 'google_ads', currency: 'USD', timeZone: 'America/New_York' },
  { platform: 'google_ads', currency: 'EUR', timeZone: 'Europe/Berlin' },
  { platform: 'google_ads', currency: 'JPY', timeZone: 'Asia/Tokyo' },
  { platform: 'google_ads', currency: 'USD', timeZone: 'America/Los_Angeles' },
  { platform: 'meta', currency: 'USD', timeZone: 'America/Chicago' },
  { platform: 'meta', currency: 'EUR', timeZone: 'Europe/Paris' },
  { platform: 'meta', currency: 'JPY', timeZone: 'Asia/Tokyo' },
  { platform: 'tiktok', currency: 'USD', timeZone: 'America/New_York' },
  { platform: 'tiktok', currency: 'EUR', timeZone: 'Europe/Madrid' },
  { platform: 'tiktok', currency: 'JPY', timeZone: 'Asia/Tokyo' },
];

/** Units per 1 EUR around which the daily rates move (as packages/sandbox/src/control/fx.ts). */
const FX_BASE: Record<string, number> = {
  EUR: 1, USD: 1.08, GBP: 0.85, JPY: 162, CHF: 0.95, CAD: 1.47, AUD: 1.65, SEK: 11.4, NOK: 11.6, DKK: 7.46,
  PLN: 4.3, BRL: 5.9, MXN: 19.5, INR: 90, KRW: 1450, KWD: 0.33, BHD: 0.41, SGD: 1.45, HKD: 8.45, NZD: 1.8,
};

export interface DataSpec {
  campaignsPerAccount: number;
  /** Hours per day written to metrics_hourly (24, or fewer spread over the day on PGlite). */
  hoursPerDay: number;
  /** First and last day of the metrics (inclusive). */
  firstDay: string;
  lastDay: string;
  /** Time of the (manual) clock the product runs with: the accounts synced 10 minutes before. */
  now: Date;
}

export interface Seeded {
  orgId: string;
  accounts: { id: string; platform: Platform; currency: string }[];
  campaigns: number;
  hourlyRows: number;
  dailyRows: number;
  fxRows: number;
}

/** Runs SQL on the generation connections: one per core on PostgreSQL, the single PGlite otherwise. */
export interface Runner {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

const log = (message: string) => process.stdout.write(`  ${message}\n`);

/** Start of each month touching [first, last], with the part of it inside the range. */
function months(first: string, last: string): { month: string; from: string; to: string }[] {
  const out: { month: string; from: string; to: string }[] = [];
  let cursor = new Date(`${first.slice(0, 7)}-01T00:00:00Z`);
  while (cursor.toISOString().slice(0, 10) <= last) {
    const next = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1));
    const start = cursor.toISOString().slice(0, 10);
    const end = new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
    out.push({ month: start.slice(0, 7).replace('-', ''), from: start < first ? first : start, to: end > last ? last : end });
    cursor = next;
  }
  return out;
}

/** Runs `jobs` on the runners, each runner taking the next job when it is free. */
async function spread<T>(runners: readonly Runner[], jobs: readonly T[], work: (runner: Runner, job: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    runners.map(async (runner) => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        await work(runner, job);
      }
    }),
  );
}

/** A uniform [0, 1) from a bigint SQL expression `k` and a multiplier (Weyl / multiplicative hashing). */
const unit = (k: string, mul: number, add: number) => `(((${k}) * ${mul}::bigint + ${add}::bigint) % 4294967296) / 4294967296.0`;

/**
 * One month of hourly campaign rows straight into the partition: a daily curve, ~5 % idle hours,
 * click-through 0.5-4.5 %, CPC around 0.15-1.65 units, fractional conversions. JPY amounts are ~160×.
 */
function hourlyInsert(partition: string, hoursPerDay: number): string {
  const step = 24 / hoursPerDay;
  return `
    INSERT INTO ${partition} (org_id, ad_account_id, level, entity_id, campaign_id, date, hour, time_basis, impressions, clicks, spend_micros, conversions, conversion_value_micros, currency, synced_at)
    SELECT org_id, ad_account_id, 'campaign', platform_id, platform_id, day, hour, time_basis, impressions, clicks,
           clicks * round(150000 + r3 * 1500000)::bigint * mult AS spend_micros, conversions,
           round(conversions * 42500000 * mult)::bigint AS conversion_value_micros, currency, $4::timestamptz
    FROM (
      SELECT org_id, ad_account_id, platform_id, day, hour, time_basis, currency, mult, r3, impressions,
             round(impressions * (0.005 + r2 * 0.04))::bigint AS clicks,
             round(round(impressions * (0.005 + r2 * 0.04)) * r3 * 8)::float8 / 100 AS conversions
      FROM (
        SELECT c.org_id, c.ad_account_id, c.platform_id, d::date AS day, h::smallint AS hour, c.time_basis, c.currency, c.mult,
               ${unit('k', 2246822519, 3266489917)} AS r2, ${unit('k', 3266489917, 668265263)} AS r3,
               CASE WHEN ${unit('k', 2654435761, 0)} < 0.05 THEN 0
                    ELSE round(c.scale * (0.3 + sin(pi() * h / 24) ^ 2) * (200 + ${unit('k', 2654435761, 0)} * 1800))::bigint END AS impressions
        FROM (
          SELECT c.org_id, c.ad_account_id, c.platform_id, c.currency,
                 CASE WHEN a.platform = 'tiktok' THEN 'utc' ELSE 'account' END AS time_basis,
                 CASE c.currency WHEN 'JPY' THEN 160 ELSE 1 END AS mult,
                 row_number() OVER (ORDER BY c.platform_id) - 1 AS n,
                 0.2 + ((row_number() OVER (ORDER BY c.platform_id) * 7919) % 1000) / 1000.0 * 3 AS scale
          FROM campaigns c JOIN ad_accounts a ON a.id = c.ad_account_id
          WHERE c.org_id = $1::uuid
        ) c
        CROSS JOIN generate_series($2::date, $3::date, interval '1 day') d
        CROSS JOIN generate_series(0, 23, ${step}) h
        CROSS JOIN LATERAL (SELECT c.n * 8784 + (d::date - $5::date) * 24 + h AS k) key
      ) x
    ) y`;
}

/** The campaign-level daily rows of one month, aggregated from its hourly partition. */
const dailyInsert = (month: string) => `
  INSERT INTO metrics_daily_${month} (org_id, ad_account_id, level, entity_id, campaign_id, date, time_basis, impressions, clicks, spend_micros, conversions, conversion_value_micros, currency, synced_at)
  SELECT org_id, ad_account_id, level, entity_id, min(campaign_id), date, min(time_basis), sum(impressions), sum(clicks), sum(spend_micros),
         sum(conversions), sum(conversion_value_micros), min(currency), max(synced_at)
  FROM metrics_hourly_${month}
  GROUP BY org_id, ad_account_id, level, entity_id, date`;

const count = async (handle: DbHandle, table: string) => Number((await handle.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0]!.n);

/** Seeds the organisation and generates every table; `runners` write the partitions in parallel. */
export async function seed(handle: DbHandle, runners: readonly Runner[], spec: DataSpec): Promise<Seeded> {
  const syncedAt = new Date(spec.now.getTime() - 10 * 60_000);
  const [org] = await handle.db.insert(organizations).values({ name: 'Dashboard bench', reportingCurrency: 'USD', timeZone: 'UTC' }).returning();
  const orgId = org!.id;
  const connections = new Map<Platform, string>();
  for (const platform of PLATFORM_IDS) {
    const [connection] = await handle.db.insert(platformConnections).values({ orgId, platform, externalLabel: `bench ${platform}` }).returning();
    connections.set(platform, connection!.id);
  }
  const accounts: Seeded['accounts'] = [];
  for (const [i, spec2] of ACCOUNTS.entries()) {
    const [account] = await handle.db
      .insert(adAccounts)
      .values({
        orgId,
        connectionId: connections.get(spec2.platform)!,
        platform: spec2.platform,
        platformAccountId: String(7_000_000_000 + i * 1_111),
        name: `${spec2.platform} ${spec2.currency} ${i + 1}`,
        currency: spec2.currency,
        timeZone: spec2.timeZone,
        selected: true,
        structureSyncedAt: syncedAt,
        metricsSyncedAt: syncedAt,
        newestHourAt: new Date(`${spec.lastDay}T23:00:00Z`),
      })
      .returning();
    accounts.push({ id: account!.id, platform: spec2.platform, currency: spec2.currency });
  }
  // 100 campaigns per account (platform ids 21000000000 + account × 100000 + n), budgets in the account currency.
  await handle.sql.query(
    `INSERT INTO campaigns (org_id, ad_account_id, platform_id, name, status, raw_status, objective, daily_budget_micros, currency, synced_at)
     SELECT a.org_id, a.id, (21000000000 + a.k * 100000 + n)::text, 'Campaign ' || a.k || '-' || lpad(n::text, 3, '0'),
            CASE WHEN n % 10 = 9 THEN 'paused' ELSE 'active' END, CASE WHEN n % 10 = 9 THEN 'PAUSED' ELSE 'ENABLED' END,
            (ARRAY['SALES', 'LEADS', 'TRAFFIC', 'AWARENESS'])[1 + n % 4],
            (20 + (n * 37) % 400) * 1000000::bigint * CASE a.currency WHEN 'JPY' THEN 160 ELSE 1 END, a.currency, $2::timestamptz
     FROM (SELECT id, org_id, currency, row_number() OVER (ORDER BY platform_account_id) - 1 AS k FROM ad_accounts WHERE org_id = $1::uuid) a
     CROSS JOIN generate_series(0, ${spec.campaignsPerAccount - 1}) n`,
    [orgId, syncedAt.toISOString()],
  );

  const parts = months(spec.firstDay, spec.lastDay);
  await handle.sql.query('SELECT adloop_ensure_month_partitions($1, $2::date, $3::date)', ['metrics_hourly', spec.firstDay, spec.lastDay]);
  await handle.sql.query('SELECT adloop_ensure_month_partitions($1, $2::date, $3::date)', ['metrics_daily', spec.firstDay, spec.lastDay]);

  let started = performance.now();
  await spread(runners, parts, async (runner, part) => {
    const t = performance.now();
    await runner.query(hourlyInsert(`metrics_hourly_${part.month}`, spec.hoursPerDay), [orgId, part.from, part.to, syncedAt.toISOString(), spec.firstDay]);
    log(`metrics_hourly_${part.month}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  });
  const hourlyRows = await count(handle, 'metrics_hourly');
  log(`metrics_hourly: ${hourlyRows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s (${parts.length} partitions, ${runners.length} connection(s))`);

  started = performance.now();
  await spread(runners, parts, (runner, part) => runner.query(dailyInsert(part.month)).then(() => undefined));
  const dailyRows = await count(handle, 'metrics_daily');
  log(`metrics_daily: ${dailyRows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  const metrics = createMetricsRepository(handle.db);
  for (const account of accounts) await metrics.refreshRollups(orgId, account.id, account.platform, spec.firstDay, spec.lastDay);
  log(`rollups (product refreshRollups × ${accounts.length}): ${await count(handle, 'metrics_account_daily')} account-days, ${await count(handle, 'metrics_org_daily')} org-days in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Rate sets for every day of the data (and the day after), EUR = 1, moving ±1 % around the base.
  const currencies = Object.entries(FX_BASE);
  await handle.sql.query(
    `INSERT INTO fx_rates (date, currency, rate, source, fetched_at)
     SELECT d::date, f.currency,
            CASE WHEN f.currency = 'EUR' THEN 1 ELSE round((f.base * (1 + (${unit(`(d::date - $1::date) * 64 + f.i`, 2654435761, 12345)} - 0.5) * 0.02))::numeric, 4)::float8 END,
            'bench', now()
     FROM generate_series($1::date, $2::date + 1, interval '1 day') d
     CROSS JOIN (SELECT * FROM json_to_recordset($3::json) AS r(currency text, base float8, i int)) f`,
    [spec.firstDay, spec.lastDay, JSON.stringify(currencies.map(([currency, base], i) => ({ currency, base, i })))],
  );
  const fxRows = await count(handle, 'fx_rates');
  const campaigns = await count(handle, 'campaigns');
  return { orgId, accounts, campaigns, hourlyRows, dailyRows, fxRows };
}

/** A database seeded by an earlier run (kept with BENCH_KEEP_DB=1), or null when it holds none. */
export async function seeded(handle: DbHandle): Promise<Seeded | null> {
  const { rows } = await handle.sql.query<{ id: string }>(`SELECT id FROM organizations WHERE name = 'Dashboard bench' ORDER BY created_at DESC LIMIT 1`);
  const orgId = rows[0]?.id;
  if (!orgId) return null;
  const accounts = (await handle.sql.query<{ id: string; platform: Platform; currency: string }>('SELECT id, platform, currency FROM ad_accounts WHERE org_id = $1::uuid', [orgId])).rows;
  return {
    orgId,
    accounts,
    campaigns: await count(handle, 'campaigns'),
    hourlyRows: await count(handle, 'metrics_hourly'),
    dailyRows: await count(handle, 'metrics_daily'),
    fxRows: await count(handle, 'fx_rates'),
  };
}

/** Generation connections on PostgreSQL (one per core, so two partitions load at once). */
export function pgRunners(clients: readonly pg.Client[]): Runner[] {
  return clients.map((client) => ({ query: (text, values) => client.query(text, values) }));
}
