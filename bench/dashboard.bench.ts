/**
 * The dashboard and campaign table over a year of metrics: one organisation, 10 ad accounts on the
 * 3 platforms in USD/EUR/JPY, 1,000 campaigns, 1,000 × 365 × 24 = 8.76 M hourly rows (generated in
 * SQL, partition by partition), metrics_daily aggregated from them, the rollups, daily FX rates.
 * Times, after ANALYZE and a warm-up:
 *  (a) the product's `dashboard()` for 90 days (plus the previous 90),
 *  (b) the product's `campaignTable()` first page, 90 days, sort=spend desc, limit 50,
 *  (c) the SQL they wrap: the metrics reader's series with the day's rates, and the table's one
 *      statement (same totals / same top 50, checked),
 *  (d) the dashboard totals computed from metrics_hourly directly,
 *  (e), (f) the dashboard's other requests: top movers and freshness.
 * PostgreSQL when DATABASE_URL is set (a throwaway database, dropped at the end; BENCH_KEEP_DB=1
 * keeps it for inspection, and BENCH_REUSE_DB=<its url> measures it again without generating),
 * else in-memory PGlite with fewer hours a day (printed).
 * Prints `dashboard db= rows= gen_s= p50_ms= p95_ms= sql_p95_ms= ratio_vs_sql= table_p50_ms=
 * table_p95_ms= table_sql_p95_ms= table_ratio_vs_sql= raw_scan_p95_ms=` last.
 */
import { openDatabase, type DbHandle } from '@adloop/db';
import { createRunDatabase, dropRunDatabase } from '@adloop/db/testing';
import { migrate } from '@adloop/db';
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { ManualClock } from '../apps/server/src/platform/clock.ts';
import { testConfig } from '../apps/server/src/platform/config.ts';
import { resolveKeyring } from '../apps/server/src/platform/vault/keyring.ts';
import type { AppContext } from '../apps/server/src/platform/context.ts';
import { createContext } from '../apps/server/src/runtime.ts';
import { dashboard, freshness, topMovers } from '../apps/server/src/modules/metrics/dashboard.queries.ts';
import { campaignTable, tableQuery } from '../apps/server/src/modules/metrics/campaign-table.queries.ts';
import { createMetricsReader } from '../apps/server/src/modules/metrics/metrics.reader.ts';
import { conversionFactors, latestFactors } from '../apps/server/src/modules/metrics/fx.service.ts';
import { rowsOf } from '../apps/server/src/modules/metrics/report-scope.ts';
import { addDays } from '@adloop/engine';
import { pgRunners, seed, seeded, type Runner } from './support/dashboard-data.ts';
import { RAW_SCAN_SQL, explain, grouped, seriesRows, label, median, pct, periodTotals, relDiff, time, traceStatements, type Statement } from './support/dashboard-sql.ts';

const LAST_DAY = '2026-06-15';
const FIRST_DAY = addDays(LAST_DAY, -364);
const NOW = new Date(`${addDays(LAST_DAY, 1)}T06:00:00Z`);
const RANGE = { since: addDays(LAST_DAY, -89), until: LAST_DAY };
const PREVIOUS_SINCE = addDays(RANGE.since, -90);
const REPORTING = 'USD';
const CAMPAIGNS_PER_ACCOUNT = 100;
/** PGlite (single-threaded WebAssembly, in memory) gets 3 of the 24 hours a day: 1.1 M hourly rows. */
const PGLITE_HOURS_PER_DAY = 3;
const RUNS = 100;
const RAW_RUNS = 30;
const WARMUP = 3;
const TARGET_P95_MS = 100;
const TARGET_RATIO = 1.3;

const log = (message: string) => process.stdout.write(`  ${message}\n`);
const ms = (v: number) => v.toFixed(2);

interface Sample {
  sorted: number[];
  p50: number;
  p95: number;
}
const sample = (values: number[]): Sample => {
  const sorted = [...values].sort((a, b) => a - b);
  return { sorted, p50: pct(sorted, 50), p95: pct(sorted, 95) };
};

/** Runs the jobs round-robin `runs` times (so drift hits all alike) and returns each one's latencies. */
async function measure(runs: number, jobs: readonly (() => Promise<unknown>)[]): Promise<Sample[]> {
  const latencies = jobs.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [j, job] of jobs.entries()) latencies[j]!.push(await time(job));
  }
  return latencies.map(sample);
}

/** The product's statements for one call, median of 5 traced calls each, slowest first. */
async function breakdown(handle: DbHandle, name: string, work: () => Promise<unknown>): Promise<Statement[]> {
  const traces: Statement[][] = [];
  for (let i = 0; i < 5; i++) traces.push(await traceStatements(handle, work));
  const statements = traces[0]!.map((s, i) => ({ ...s, ms: median(traces.map((t) => t[i]?.ms ?? 0)) }));
  const total = statements.reduce((a, s) => a + s.ms, 0);
  log(`${name}: ${statements.length} statements, ${ms(total)} ms in SQL (median of 5 traced calls):`);
  for (const s of statements) log(`  ${ms(s.ms).padStart(8)} ms  ${(s.ms / total * 100).toFixed(0).padStart(3)} %  ${label(s.text)}`);
  return [...statements].sort((a, b) => b.ms - a.ms);
}

export async function run(): Promise<void> {
  const reuseUrl = process.env.BENCH_REUSE_DB || null;
  const serverUrl = reuseUrl ?? process.env.DATABASE_URL;
  const keep = process.env.BENCH_KEEP_DB === '1' || reuseUrl !== null;
  const kind = serverUrl ? 'postgres' : 'pglite';
  const benchStarted = performance.now();
  const load = () => loadavg().map((l) => l.toFixed(2)).join('/');
  log(`load average ${load()} (1/5/15 min) on ${availableParallelism()} cores`);
  let runUrl: string | null = null;
  let handle: DbHandle;
  const clients: pg.Client[] = [];
  let runners: Runner[];
  if (serverUrl) {
    runUrl = reuseUrl ?? (await createRunDatabase(serverUrl));
    log(`${reuseUrl ? 'reused' : 'throwaway'} database ${new URL(runUrl).pathname.slice(1)} on ${new URL(serverUrl).host}`);
    handle = await openDatabase({ kind: 'postgres', url: runUrl, poolSize: 4 });
    for (let i = 0; i < 2; i++) {
      const client = new pg.Client({ connectionString: runUrl });
      await client.connect();
      clients.push(client);
    }
    runners = pgRunners(clients);
  } else {
    log('embedded PGlite, in memory');
    handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(handle);
    runners = [{ query: (text, values) => handle.sql.query(text, values) }];
  }

  let ctx: AppContext | null = null;
  try {
    const hoursPerDay = kind === 'postgres' ? 24 : PGLITE_HOURS_PER_DAY;
    log(`generating ${FIRST_DAY} .. ${LAST_DAY}: 10 accounts × ${CAMPAIGNS_PER_ACCOUNT} campaigns × 365 days × ${hoursPerDay} hours`);
    const genStarted = performance.now();
    const earlier = reuseUrl ? await seeded(handle) : null;
    if (reuseUrl && !earlier) throw new Error(`BENCH_REUSE_DB: ${new URL(reuseUrl).pathname.slice(1)} holds no bench data`);
    const data = earlier ?? (await seed(handle, runners, { campaignsPerAccount: CAMPAIGNS_PER_ACCOUNT, hoursPerDay, firstDay: FIRST_DAY, lastDay: LAST_DAY, now: NOW }));
    const generatedS = (performance.now() - genStarted) / 1000;
    let t = performance.now();
    if (earlier) {
      log('reused: no generation, no VACUUM');
    } else if (kind === 'postgres') {
      await handle.sql.query('VACUUM (ANALYZE)');
      await handle.sql.query('CHECKPOINT');
    } else {
      await handle.sql.query('ANALYZE');
    }
    const analyzeS = (performance.now() - t) / 1000;
    log(`generated in ${generatedS.toFixed(1)} s (${data.campaigns} campaigns, ${data.hourlyRows} hourly, ${data.dailyRows} daily, ${data.fxRows} fx rows); ${kind === 'postgres' ? 'VACUUM ANALYZE + CHECKPOINT' : 'ANALYZE'} ${analyzeS.toFixed(1)} s`);
    for (const c of clients) await c.end();
    clients.length = 0;

    // The product's context: no sandboxes; an FX source is configured (as in production) but every
    // rate is stored, so ensureRates only runs its "which days are missing" query and fetches nothing.
    const config = testConfig({ sandboxPlatforms: { ...testConfig().sandboxPlatforms, enabled: false }, fxRatesUrl: 'http://127.0.0.1:9/fx/daily' });
    ctx = await createContext({ config, dbHandle: handle, secretKey: 'ab'.repeat(32), keyring: resolveKeyring(config), smtpUrl: () => 'smtp://127.0.0.1:9', devMailbox: false, clock: new ManualClock(NOW) });
    const app = ctx;
    const orgId = data.orgId;

    const scope = { orgId, accountIds: null };
    const product = () => dashboard(app, scope, RANGE);
    const movers = () => topMovers(app, scope, RANGE);
    const fresh = () => freshness(app, scope);
    const table = () => campaignTable(app, scope, { ...RANGE, sort: 'spend', dir: 'desc', limit: 50 });
    const dashboardValues = [orgId, PREVIOUS_SINCE, RANGE.until, REPORTING];
    const reader = createMetricsReader(app.db);
    const bare = async () => {
      const [points, factorOf] = await Promise.all([
        reader.series(orgId, { level: 'account', granularity: 'day', window: { since: PREVIOUS_SINCE, until: RANGE.until } }),
        conversionFactors(app, PREVIOUS_SINCE, RANGE.until, REPORTING),
      ]);
      return seriesRows(points, factorOf);
    };
    const tableFactors = await latestFactors(app, RANGE.until, REPORTING);
    const bareTable = async () => ({ rows: rowsOf<{ id: string }>(await app.db.execute(tableQuery(orgId, RANGE, tableFactors, { sort: 'spend', dir: 'desc' }, null, 51))).slice(0, 50) });
    const raw = () => grouped(handle, RAW_SCAN_SQL, dashboardValues);

    // Same numbers: the bare SQL and the raw scan must give the product's totals and top 50.
    const result = await product();
    const fromRollup = periodTotals(await bare(), RANGE.since, REPORTING);
    const fromRaw = periodTotals(await raw(), RANGE.since, REPORTING);
    if (result.missingRates.length) throw new Error(`dashboard reports missing rates: ${JSON.stringify(result.missingRates.slice(0, 3))}`);
    for (const [name, totals] of [['rollup SQL', fromRollup], ['raw scan', fromRaw]] as const) {
      const worst = Math.max(
        relDiff(result.totals.spendMicros, totals.now.spendMicros),
        relDiff(result.previousTotals.spendMicros, totals.before.spendMicros),
        relDiff(result.totals.clicks, totals.now.clicks),
        relDiff(result.totals.conversionValueMicros, totals.now.conversionValueMicros),
      );
      if (worst > 1e-9) throw new Error(`${name} totals differ from dashboard() (relative ${worst})`);
    }
    const page = await table();
    const bareIds = (await bareTable()).rows.map((r) => r.id);
    if (page.items.map((i) => i.id).join() !== bareIds.join()) throw new Error('bare table SQL top 50 differs from campaignTable()');
    log(`checked: dashboard() totals = rollup SQL = raw scan (spend ${(result.totals.spendMicros / 1e6).toFixed(2)} ${REPORTING} in 90 days, ${result.series.length} series points); campaignTable() top 50 = bare SQL`);

    t = performance.now();
    await measure(WARMUP, [product, table, bare, bareTable, raw]);
    log(`warm-up (${WARMUP} rounds): ${((performance.now() - t) / 1000).toFixed(1)} s`);

    t = performance.now();
    const [a, b, c, cTable] = await measure(RUNS, [product, table, bare, bareTable]);
    log(`${RUNS} interleaved rounds of (a)-(c): ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const [d, e, f] = await measure(RAW_RUNS, [raw, movers, fresh]);
    log(`${RAW_RUNS} raw scans: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    log(`(a) dashboard()            p50 ${ms(a!.p50)} ms  p95 ${ms(a!.p95)} ms`);
    log(`(b) campaignTable()        p50 ${ms(b!.p50)} ms  p95 ${ms(b!.p95)} ms`);
    log(`(c) reader / table SQL        p50 ${ms(c!.p50)} ms  p95 ${ms(c!.p95)} ms   (table: p50 ${ms(cTable!.p50)} ms  p95 ${ms(cTable!.p95)} ms)`);
    log(`(d) raw metrics_hourly     p50 ${ms(d!.p50)} ms  p95 ${ms(d!.p95)} ms`);
    log(`(e) topMovers() (own request) p50 ${ms(e!.p50)} ms  p95 ${ms(e!.p95)} ms`);
    log(`(f) freshness() (own request) p50 ${ms(f!.p50)} ms  p95 ${ms(f!.p95)} ms`);

    const ratio = a!.p95 / c!.p95;
    const tableRatio = b!.p95 / cTable!.p95;
    const dashboardSlowest = await breakdown(handle, 'dashboard()', product);
    const tableSlowest = await breakdown(handle, 'campaignTable()', table);
    if (kind === 'postgres') {
      const missed: [string, Statement][] = [];
      if (a!.p95 >= TARGET_P95_MS || ratio > TARGET_RATIO) missed.push(['dashboard()', dashboardSlowest[0]!]);
      if (b!.p95 >= TARGET_P95_MS || tableRatio > TARGET_RATIO) missed.push(['campaignTable()', tableSlowest[0]!]);
      for (const [name, statement] of missed) {
        log(`target missed by ${name} (p95 < ${TARGET_P95_MS} ms, ratio ≤ ${TARGET_RATIO}): EXPLAIN ANALYZE of its slowest statement, ${label(statement.text)}:`);
        for (const line of await explain(handle, statement)) log(`  | ${line}`);
      }
    }

    const totalS = (performance.now() - benchStarted) / 1000;
    log(`whole bench: ${totalS.toFixed(1)} s; load average ${load()}`);
    process.stdout.write(
      `dashboard db=${kind} rows=${data.hourlyRows} daily_rows=${data.dailyRows} campaigns=${data.campaigns} gen_s=${generatedS.toFixed(1)} runs=${RUNS} ` +
        `p50_ms=${ms(a!.p50)} p95_ms=${ms(a!.p95)} sql_p95_ms=${ms(c!.p95)} ratio_vs_sql=${ratio.toFixed(2)} ` +
        `table_p50_ms=${ms(b!.p50)} table_p95_ms=${ms(b!.p95)} table_sql_p95_ms=${ms(cTable!.p95)} table_ratio_vs_sql=${tableRatio.toFixed(2)} ` +
        `raw_scan_p95_ms=${ms(d!.p95)} movers_p95_ms=${ms(e!.p95)} freshness_p95_ms=${ms(f!.p95)} load1=${loadavg()[0]!.toFixed(2)} total_s=${totalS.toFixed(0)}\n`,
    );
  } finally {
    if (ctx) {
      await ctx.jobs.stop();
      ctx.platforms.close();
    }
    for (const c of clients) await c.end().catch(() => undefined);
    await handle.close();
    if (runUrl) {
      if (keep) log(`kept ${runUrl} (BENCH_KEEP_DB=1)`);
      else await dropRunDatabase(runUrl);
    }
  }
}
