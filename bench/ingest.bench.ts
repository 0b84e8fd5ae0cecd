/**
 * Metrics ingest: rows/s of the sync path's writer (`createMetricsRepository(db).upsert`, JSON +
 * json_to_recordset in chunks of 2,000, ON CONFLICT) into an empty metrics_hourly, against a raw
 * `COPY metrics_hourly FROM STDIN` of the same rows into the same (truncated) table on the same
 * database; then the same upsert again (a re-sync where nothing changed).
 * PostgreSQL when DATABASE_URL is set (a throwaway database, dropped at the end), else in-memory PGlite.
 * Both timings start from MetricsRow objects (serialising to JSON or COPY text is part of each); each
 * is taken ROUNDS times (table truncated, dirty pages flushed before each) and the best counts.
 * Prints `ingest db= rows= upsert_rows_per_s= copy_rows_per_s= ratio_vs_copy= resync_rows_per_s=`.
 */
import { adAccounts, openDatabase, organizations, platformConnections, type DbHandle } from '@adloop/db';
import { createRunDatabase, dropRunDatabase } from '@adloop/db/testing';
import { migrate } from '@adloop/db';
import type { MetricsRow } from '@adloop/platforms';
import pg from 'pg';
import { createMetricsRepository } from '../apps/server/src/modules/metrics/metrics.repository.ts';
import { copyFrom } from './support/pg-copy.ts';

const CAMPAIGNS = 300;
const HOURS = 24;
/** 300 × 30 × 24 = 216,000 rows, on both databases (PGlite manages them in ~15 s all told). */
const DAYS = 30;
const LAST_DAY = '2026-06-15';
const DAY_MS = 86_400_000;
/** Each measurement is taken this many times; the best counts (the machine is shared and noisy). */
const ROUNDS = 2;
const COLUMNS = 'org_id, ad_account_id, level, entity_id, campaign_id, date, hour, time_basis, impressions, clicks, spend_micros, conversions, conversion_value_micros, currency, synced_at';

const log = (message: string) => process.stdout.write(`  ${message}\n`);

/** Deterministic PRNG (mulberry32), so every run ingests the same numbers. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hourly campaign rows as a Google Ads pull returns them: a daily curve, some idle hours, fractional conversions. */
function generateRows(days: number): MetricsRow[] {
  const rand = random(42);
  const rows: MetricsRow[] = [];
  const last = Date.parse(`${LAST_DAY}T00:00:00Z`);
  for (let c = 0; c < CAMPAIGNS; c++) {
    const campaignId = String(21_000_000_000 + c * 7919);
    const scale = 0.2 + rand() * 3;
    for (let d = days - 1; d >= 0; d--) {
      const date = new Date(last - d * DAY_MS).toISOString().slice(0, 10);
      for (let hour = 0; hour < HOURS; hour++) {
        const curve = 0.3 + Math.sin((Math.PI * hour) / 24) ** 2;
        const impressions = rand() < 0.05 ? 0 : Math.round(scale * curve * (200 + rand() * 1800));
        const clicks = Math.round(impressions * (0.005 + rand() * 0.04));
        const spend = clicks * Math.round(150_000 + rand() * 1_500_000);
        const conversions = clicks === 0 ? 0 : Math.round(clicks * rand() * 0.08 * 100) / 100;
        rows.push({
          level: 'campaign', entityPlatformId: campaignId, campaignPlatformId: campaignId, date, hour, timeBasis: 'account',
          impressions, clicks, spend: { micros: spend, currency: 'USD' }, conversions, conversionValue: { micros: Math.round(conversions * 42_500_000), currency: 'USD' },
        });
      }
    }
  }
  return rows;
}

/** COPY text format: tab-separated, backslash escapes for the few characters that need them. */
const escape = (value: string) => (/[\\\t\n\r]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value);

function copyLine(orgId: string, adAccountId: string, syncedAt: string, r: MetricsRow): string {
  return `${orgId}\t${adAccountId}\t${r.level}\t${escape(r.entityPlatformId)}\t${escape(r.campaignPlatformId)}\t${r.date}\t${r.hour ?? 0}\t${r.timeBasis}\t${r.impressions}\t${r.clicks}\t${r.spend.micros}\t${r.conversions}\t${r.conversionValue.micros}\t${escape(r.spend.currency)}\t${syncedAt}\n`;
}

/** The rows as COPY text, 2,000 lines a buffer (serialised lazily, so the COPY timing includes it). */
function* copyChunks(orgId: string, adAccountId: string, syncedAt: Date, rows: readonly MetricsRow[]): Generator<Buffer> {
  const at = syncedAt.toISOString();
  for (let i = 0; i < rows.length; i += 2000) {
    let text = '';
    for (const row of rows.slice(i, i + 2000)) text += copyLine(orgId, adAccountId, at, row);
    yield Buffer.from(text);
  }
}

async function seedAccount(handle: DbHandle): Promise<{ orgId: string; adAccountId: string }> {
  const [org] = await handle.db.insert(organizations).values({ name: 'Ingest bench' }).returning();
  const [connection] = await handle.db.insert(platformConnections).values({ orgId: org!.id, platform: 'google_ads', externalLabel: 'bench' }).returning();
  const [account] = await handle.db
    .insert(adAccounts)
    .values({ orgId: org!.id, connectionId: connection!.id, platform: 'google_ads', platformAccountId: '1234567890', name: 'Bench account', currency: 'USD', timeZone: 'America/New_York', selected: true })
    .returning();
  return { orgId: org!.id, adAccountId: account!.id };
}

async function count(handle: DbHandle): Promise<number> {
  const { rows } = await handle.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM metrics_hourly');
  return Number(rows[0]!.n);
}

/** Flushes dirty pages on PostgreSQL so one phase's writes are not paid for by the next (no-op on PGlite). */
async function settle(handle: DbHandle): Promise<void> {
  if (handle.kind !== 'postgres') return;
  await handle.sql.query('CHECKPOINT').catch(() => undefined);
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  log(`${label}: ${seconds.toFixed(2)} s`);
  return { seconds, value };
}

export async function run(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const kind = serverUrl ? 'postgres' : 'pglite';
  let runUrl: string | null = null;
  let handle: DbHandle;
  if (serverUrl) {
    runUrl = await createRunDatabase(serverUrl);
    log(`throwaway database ${new URL(runUrl).pathname.slice(1)} on ${new URL(serverUrl).host}`);
    handle = await openDatabase({ kind: 'postgres', url: runUrl, poolSize: 2 });
  } else {
    log('embedded PGlite, in memory');
    handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(handle);
  }

  try {
    const rows = generateRows(DAYS);
    log(`${rows.length} hourly rows: ${CAMPAIGNS} campaigns × ${DAYS} days × ${HOURS} hours`);
    const { orgId, adAccountId } = await seedAccount(handle);
    const first = rows[0]!.date;
    await handle.sql.query('SELECT adloop_ensure_month_partitions($1, $2::date, $3::date)', ['metrics_hourly', first, LAST_DAY]);
    const metrics = createMetricsRepository(handle.db);
    const syncedAt = new Date(`${LAST_DAY}T12:00:00Z`);

    const copySql = `COPY metrics_hourly (${COLUMNS}) FROM STDIN`;
    const copyClient = handle.kind === 'postgres' ? new pg.Client({ connectionString: runUrl! }) : null;
    await copyClient?.connect();
    /** The raw COPY of the same rows: FROM STDIN over the wire on PostgreSQL, FROM '/dev/blob' on PGlite. */
    const copy = async (): Promise<number> => {
      if (copyClient) return copyFrom(copyClient, copySql, copyChunks(orgId, adAccountId, syncedAt, rows));
      const blob = new Blob([...copyChunks(orgId, adAccountId, syncedAt, rows)]);
      const result = await handle.pglite!.query(`COPY metrics_hourly (${COLUMNS}) FROM '/dev/blob'`, [], { blob });
      return result.affectedRows ?? 0;
    };
    const best = { upsert: Infinity, resync: Infinity, copy: Infinity };
    let resyncWritten = 0;
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        await handle.sql.query('TRUNCATE metrics_hourly');
        await settle(handle);
        const upsert = await timed(`round ${round}: upsert into an empty table`, () => metrics.upsert(orgId, adAccountId, rows, syncedAt));
        if ((await count(handle)) !== rows.length) throw new Error(`upsert landed ${upsert.value} rows, expected ${rows.length}`);
        await settle(handle);
        const resync = await timed(`round ${round}: the same upsert again (re-sync, nothing changed)`, () => metrics.upsert(orgId, adAccountId, rows, new Date(syncedAt.getTime() + 3_600_000)));
        resyncWritten = Math.max(resyncWritten, resync.value);
        await handle.sql.query('TRUNCATE metrics_hourly');
        await settle(handle);
        const copied = await timed(`round ${round}: ${copyClient ? 'COPY FROM STDIN' : "COPY FROM '/dev/blob'"}`, copy);
        if ((await count(handle)) !== rows.length) throw new Error(`COPY landed ${copied.value} rows, expected ${rows.length}`);
        best.upsert = Math.min(best.upsert, upsert.seconds);
        best.resync = Math.min(best.resync, resync.seconds);
        best.copy = Math.min(best.copy, copied.seconds);
      }
    } finally {
      await copyClient?.end();
    }

    const upsertRate = rows.length / best.upsert;
    const copyRate = rows.length / best.copy;
    const resyncRate = rows.length / best.resync;
    process.stdout.write(
      `ingest db=${kind} rows=${rows.length} upsert_s=${best.upsert.toFixed(2)} upsert_rows_per_s=${Math.round(upsertRate)} copy_s=${best.copy.toFixed(2)} copy_rows_per_s=${Math.round(copyRate)} ratio_vs_copy=${(upsertRate / copyRate).toFixed(2)} resync_rows_per_s=${Math.round(resyncRate)} resync_written=${resyncWritten}\n`,
    );
  } finally {
    await handle.close();
    if (runUrl) await dropRunDatabase(runUrl);
  }
}
