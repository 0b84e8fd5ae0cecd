/**
 * Scale-out: the same work with 1 and then 2 worker processes (`adloop worker`, real processes) on
 * a throw-away PostgreSQL database each, one API process behind a proxy, shared sandboxes:
 * - sync: `--orgs` organisations (default 4) have each granted every sandbox account (widened to
 *   `--campaigns` campaigns); timed from all of them adding their advertiser accounts at once until
 *   every account's first sync ended (per platform: how long each account's sync took);
 * - evaluation: `--rules` notify rules over every campaign run at once ("run now"), timed until done;
 * - changes: one budget raise per campaign, timed until every change is applied.
 * The ad platforms answer after `--latency-ms` (default 150, the low end of the real APIs' round trips):
 * a worker's throughput is bounded by its jobs in flight, as it is against the real platforms.
 * Throughput per phase is work / seconds; the speedup is the 2-worker total throughput over the
 * 1-worker one (the time of the three phases added). lost = changes the platforms never received,
 * duplicated = extra budget writes beyond one per change (from the sandboxes' change logs).
 * The machine's load average is printed with the figures: other work on it lowers both runs. Each
 * phase also says where its CPU went (Linux): this process (the sandboxes, the proxy and the polling),
 * each API and worker process, PostgreSQL, and the rest of the machine; a phase whose machine is busy
 * all along has no core left for a second worker to use.
 * PostgreSQL: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
 * Prints `scale db=postgres ... speedup_2_workers= lost= duplicated=` last.
 */
import { parseArgs } from 'node:util';
import { availableParallelism, loadavg } from 'node:os';
import { openDatabase, type DbHandle } from '@adloop/db';
import { reachable, throwAwayDatabase } from './support/changes-database.ts';
import { widenWorld } from './support/changes-world.ts';
import { wholeNumberFlag } from './support/options.ts';
import { readFileSync } from 'node:fs';
import { cpuSecondsOf, startCluster, type Cluster } from '../tests/integration/support/process-cluster.ts';
import { addAdvertisers, countBudgetWrites, grantPlatform, PLATFORMS, mutationMarks, onLargestPlan, plannedRaises, requestRaises, signUpOwner, until, waitSettled, waitSynced } from '../tests/integration/support/cluster-world.ts';

const TARGET = 1.6;
/** Google Ads, Meta and TikTok answer in 100 ms–1 s; the low end, so the product's own CPU weighs as much as it can. */
const LATENCY_MS = 150;
const log = (message: string) => process.stdout.write(`  ${message}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join('/');

interface RunFigures {
  workers: number;
  syncS: number;
  evalS: number;
  changeS: number;
  accounts: number;
  campaigns: number;
  evaluated: number;
  changes: number;
  lost: number;
  duplicated: number;
}

interface Size {
  campaigns: number;
  rules: number;
  /** The ad platforms' round trip (the sandboxes answer after it, as the real APIs do). */
  latencyMs: number;
  /** Organisations whose accounts sync at once (each connects every sandbox account). */
  orgs: number;
}

function options(): Size {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: { campaigns: { type: 'string' }, rules: { type: 'string' }, 'latency-ms': { type: 'string' }, orgs: { type: 'string' }, quick: { type: 'boolean', default: false } },
  });
  const base = values.quick ? { campaigns: 60, rules: 6, orgs: 2 } : { campaigns: 300, rules: 20, orgs: 4 };
  return {
    campaigns: wholeNumberFlag('campaigns', values.campaigns, base.campaigns),
    rules: wholeNumberFlag('rules', values.rules, base.rules),
    latencyMs: wholeNumberFlag('latency-ms', values['latency-ms'], LATENCY_MS, 0),
    orgs: wholeNumberFlag('orgs', values.orgs, base.orgs),
  };
}

/** Job runs that failed in a run (retried or not), per job type, from pg-boss's records: a retry's wait would distort the figures. */
async function failedJobs(db: DbHandle): Promise<string | null> {
  const { rows } = await db.sql.query<{ name: string; n: string; message: string | null }>(
    `SELECT name, count(*) AS n, max(output->>'message') AS message FROM pgboss.job WHERE retry_count > 0 OR state = 'failed' GROUP BY name ORDER BY name`,
  );
  return rows.length ? rows.map((r) => `${r.name} ${r.n}${r.message ? ` (${r.message.slice(0, 300)})` : ''}`).join('; ') : null;
}

/** The whole machine's busy CPU seconds so far (every core; /proc/stat), null without /proc. */
function machineBusySeconds(): number | null {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return (ticks.reduce((a, b) => a + b, 0) - idle) / 100;
  } catch {
    return null;
  }
}

type CpuSnapshot = { wall: number; machine: number | null; byName: Map<string, number>; postgres: Map<number, number> };

/**
 * Where a phase's CPU went (Linux): this process (the sandboxes, the proxy and the polling), each API
 * and worker process, the database's PostgreSQL backends, and the rest of the machine (other work).
 */
async function cpuSnapshot(c: Cluster, db: DbHandle): Promise<CpuSnapshot> {
  const byName = new Map<string, number>();
  const own = process.cpuUsage();
  byName.set('bench+sandboxes', (own.user + own.system) / 1e6);
  for (const p of c.processes) {
    const used = cpuSecondsOf(p.child.pid);
    if (used !== null) byName.set(p.name, used);
  }
  const { rows } = await db.sql.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  const postgres = new Map<number, number>();
  for (const { pid } of rows) {
    const used = cpuSecondsOf(pid);
    if (used !== null) postgres.set(pid, used);
  }
  return { wall: performance.now() / 1000, machine: machineBusySeconds(), byName, postgres };
}

function cpuWords(before: CpuSnapshot, after: CpuSnapshot): string {
  if (after.machine === null || before.machine === null || after.postgres.size === 0) return 'CPU: not measured (no /proc)';
  const parts: string[] = [];
  let mine = 0;
  for (const [name, used] of after.byName) {
    const spent = used - (before.byName.get(name) ?? 0);
    mine += spent;
    parts.push(`${name} ${spent.toFixed(1)}`);
  }
  let postgres = 0;
  for (const [pid, used] of after.postgres) postgres += used - (before.postgres.get(pid) ?? 0);
  mine += postgres;
  parts.push(`postgres ${postgres.toFixed(1)}`);
  const machine = after.machine - before.machine;
  const wall = after.wall - before.wall;
  return `CPU s: ${parts.join(', ')}; others on the machine ${Math.max(0, machine - mine).toFixed(1)}; machine busy ${machine.toFixed(1)} of ${(wall * availableParallelism()).toFixed(1)}`;
}

async function timed(c: Cluster, db: DbHandle, what: () => Promise<unknown>): Promise<{ seconds: number; cpu: string }> {
  const before = await cpuSnapshot(c, db);
  const started = performance.now();
  await what();
  const seconds = (performance.now() - started) / 1000;
  return { seconds, cpu: cpuWords(before, await cpuSnapshot(c, db)) };
}

/** Each account's first sync (its runs' first start to last end) by platform: what the sync phase waited on. */
async function syncByPlatform(db: DbHandle): Promise<string> {
  const { rows } = await db.sql.query<{ platform: string; accounts: string; mean: string; longest: string }>(
    `SELECT a.platform, count(*) AS accounts, avg(s.seconds) AS mean, max(s.seconds) AS longest
       FROM (SELECT ad_account_id, extract(epoch FROM max(finished_at) - min(started_at)) AS seconds FROM sync_runs GROUP BY ad_account_id) s
       JOIN ad_accounts a ON a.id = s.ad_account_id GROUP BY a.platform ORDER BY a.platform`,
  );
  return `account syncs: ${rows.map((r) => `${r.platform} ${r.accounts} × mean ${Number(r.mean).toFixed(1)} s, longest ${Number(r.longest).toFixed(1)} s`).join('; ')}`;
}

async function runWith(workers: number, serverUrl: string, size: Size): Promise<RunFigures> {
  const database = await throwAwayDatabase(serverUrl);
  let handle: DbHandle | null = null;
  let cluster: Cluster | null = null;
  try {
    handle = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 4 });
    const db = handle;
    cluster = await startCluster(database.url, { SYNC_INTERVAL_MINUTES: '1440', DATABASE_POOL_SIZE: '10' });
    const c = cluster;
    widenWorld(c.sandbox, size.campaigns);
    const latency = await fetch(`${c.sandbox.urls.control}/control/latency`, { method: 'PUT', body: JSON.stringify({ ms: size.latencyMs }), headers: { 'content-type': 'application/json' } });
    if (latency.status !== 200) throw new Error(`setting the platforms' round trip: HTTP ${latency.status}`);
    await c.startProcess('api', 'api-1');
    await Promise.all(Array.from({ length: workers }, (_, i) => c.startProcess('worker', `worker-${i + 1}`)));
    // The first organisation's rules and changes are timed after the sync storm of all of them.
    const owners = await Promise.all(Array.from({ length: size.orgs }, (_, i) => signUpOwner(c, `Scale ${workers} · ${i + 1}`)));
    for (const o of owners) await onLargestPlan(db, o.orgId);
    const owner = owners[0]!;
    const orgId = owner.orgId;

    // Consent (the API's work) before the clock starts; the storm is every organisation adding its accounts at once.
    const granted = await Promise.all(owners.map(async (o) => ({ owner: o, paths: await Promise.all(PLATFORMS.map((p) => grantPlatform(c.sandbox, o, o.orgId, p))) })));
    let accounts = 0;
    const sync = await timed(c, db, async () => {
      const connected = await Promise.all(granted.map(async ({ owner: o, paths }) => (await Promise.all(paths.map((path) => addAdvertisers(o, path)))).reduce((a, b) => a + b, 0)));
      accounts = connected.reduce((a, b) => a + b, 0);
      const failed = await Promise.all(owners.map((o, i) => waitSynced(db, o.orgId, connected[i]!, 15 * 60_000)));
      const failures = failed.reduce((a, b) => a + b, 0);
      if (failures) throw new Error(`${failures} accounts failed their first sync`);
    });
    const { rows: counted } = await db.sql.query<{ n: string }>('SELECT count(*) AS n FROM campaigns WHERE org_id = $1', [orgId]);
    const campaigns = Number(counted[0]?.n);
    log(`${workers} worker(s): sync of ${accounts} accounts in ${size.orgs} organisations, ${campaigns * size.orgs} campaigns: ${sync.seconds.toFixed(1)} s (load ${load()})`);
    log(`  ${sync.cpu}`);
    log(`  ${await syncByPlatform(db)}`);

    const ruleIds: string[] = [];
    for (let i = 0; i < size.rules; i++) {
      const created = await owner.client.post<{ id: string }>(`/api/v1/orgs/${orgId}/rules`, {
        name: `Spend check ${i + 1}`,
        mode: 'notify',
        definition: {
          scope: { level: 'campaign', statuses: ['active', 'paused'] },
          when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', window: { kind: 'last_days', days: 7, includeToday: false }, operator: 'gte', compare: { kind: 'value', value: 0 } }] },
          then: [{ type: 'notify', channels: ['in_app'], message: 'Spend check.' }],
          limits: { cooldownHours: 0, skipLearning: false, overrideHours: 72 },
        },
      });
      if (created.status !== 201) throw new Error(`creating a rule: HTTP ${created.status}: ${created.text.slice(0, 300)}`);
      ruleIds.push(created.body.id);
    }
    const evaluation = await timed(c, db, async () => {
      const jobs: string[] = [];
      for (const ruleId of ruleIds) {
        const started = await owner.client.post<{ id: string }>(`/api/v1/orgs/${orgId}/rules/${ruleId}/run`, {});
        if (started.status !== 202) throw new Error(`running a rule: HTTP ${started.status}: ${started.text.slice(0, 300)}`);
        jobs.push(started.body.id);
      }
      for (const jobId of jobs) {
        const job = await until('a rule run', async () => {
          const found = (await owner.client.get<{ state: string; error: string | null }>(`/api/v1/orgs/${orgId}/rules/jobs/${jobId}`)).body;
          return found.state === 'done' || found.state === 'failed' ? found : null;
        }, 10 * 60_000, 200);
        if (job.state !== 'done') throw new Error(`a rule run failed: ${job.error ?? ''}`);
      }
    });
    const evaluated = size.rules * campaigns;
    log(`${workers} worker(s): ${size.rules} rule runs over ${campaigns} campaigns: ${evaluation.seconds.toFixed(1)} s (load ${load()})`);
    log(`  ${evaluation.cpu}`);

    const raises = await plannedRaises(db, orgId, size.campaigns);
    const marks = await mutationMarks(c);
    const changing = await timed(c, db, async () => {
      const ids = await requestRaises(owner, orgId, raises);
      const states = await waitSettled(db, ids, 15 * 60_000);
      if (states.applied !== ids.length) log(`changes ended ${JSON.stringify(states)}`);
    });
    const { lost, duplicated } = await countBudgetWrites(c, marks, raises);
    log(`${workers} worker(s): ${raises.length} changes: ${changing.seconds.toFixed(1)} s, lost ${lost}, duplicated ${duplicated} (load ${load()})`);
    log(`  ${changing.cpu}`);
    const failed = await failedJobs(db);
    if (failed) log(`${workers} worker(s): jobs that failed: ${failed}`);
    return { workers, syncS: sync.seconds, evalS: evaluation.seconds, changeS: changing.seconds, accounts, campaigns, evaluated, changes: raises.length, lost, duplicated };
  } finally {
    await cluster?.close().catch(() => undefined);
    await handle?.close().catch(() => undefined);
    await database.drop().catch(() => undefined);
  }
}

export async function run(): Promise<void> {
  const size = options();
  const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await reachable(serverUrl))) {
    process.stdout.write(`scale skipped=postgresql_unreachable host=${new URL(serverUrl).host}\n`);
    return;
  }
  log(`load average ${load()} (1/5/15 min) on ${availableParallelism()} cores; ${size.campaigns} extra campaigns, ${size.rules} rules; ${size.orgs} organisations sync at once; the platforms answer after ${size.latencyMs} ms`);
  const one = await runWith(1, serverUrl, size);
  const two = await runWith(2, serverUrl, size);
  const per = (r: RunFigures) => ({ sync: (r.campaigns * size.orgs) / r.syncS, evaluation: r.evaluated / r.evalS, changes: r.changes / r.changeS });
  const [a, b] = [per(one), per(two)];
  const speedup = (one.syncS + one.evalS + one.changeS) / (two.syncS + two.evalS + two.changeS);
  log(`sync campaigns/s ${a.sync.toFixed(1)} → ${b.sync.toFixed(1)}; evaluations/s ${a.evaluation.toFixed(0)} → ${b.evaluation.toFixed(0)}; changes/s ${a.changes.toFixed(1)} → ${b.changes.toFixed(1)}`);
  log(`speedup with 2 workers ${speedup.toFixed(2)} (target ≥ ${TARGET} on 2 free cores)${speedup < TARGET ? ': target missed' : ''}`);
  process.stdout.write(
    `scale db=postgres orgs=${size.orgs} accounts=${two.accounts} campaigns=${two.campaigns} rules=${size.rules} changes=${two.changes} latency_ms=${size.latencyMs} ` +
      `sync_per_s_1=${a.sync.toFixed(1)} sync_per_s_2=${b.sync.toFixed(1)} eval_per_s_1=${a.evaluation.toFixed(0)} eval_per_s_2=${b.evaluation.toFixed(0)} ` +
      `changes_per_s_1=${a.changes.toFixed(1)} changes_per_s_2=${b.changes.toFixed(1)} speedup_2_workers=${speedup.toFixed(2)} ` +
      `lost=${one.lost + two.lost} duplicated=${one.duplicated + two.duplicated} load1=${loadavg()[0]!.toFixed(2)} cores=${availableParallelism()}\n`,
  );
}
