/**
 * Scale-out proof: 2 API and 2 worker processes (the real `adloop` entry point) on one PostgreSQL
 * database behind a proxy. A sync storm (every sandbox account connected at once), rule ticks and
 * a batch of budget changes run; one worker is SIGKILLed while changes are being applied, the other
 * SIGTERMed (it must exit within 30 s), fresh workers take over. Every change reaches the platform
 * exactly once (the sandboxes' change logs), and the API answered through the proxy all along.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { DbHandle } from '@adloop/db';
import { openTestDatabase } from '../setup/db.ts';
import { startCluster, type Cluster } from './support/process-cluster.ts';
import { connectEverything, countBudgetWrites, mutationMarks, onLargestPlan, plannedRaises, requestRaises, signUpOwner, until, waitSettled, waitSynced } from './support/cluster-world.ts';
import { createJobQueue } from '../../apps/server/src/platform/jobs/job-queue.ts';
import { createLogger } from '../../apps/server/src/platform/logger.ts';
import { RULES_TICK } from '../../apps/server/src/modules/rules/rules.jobs.ts';
import { SYNC_TICK } from '../../apps/server/src/modules/sync/sync.jobs.ts';

const onPostgres = Boolean(inject('runDatabaseUrl'));
const CHANGES = 60;

describe.skipIf(!onPostgres)('scale-out: API and worker processes on one PostgreSQL database (skipped on PGlite: the embedded database is one process’s own)', () => {
  let cluster: Cluster | null = null;
  let database: DbHandle | null = null;
  afterAll(async () => {
    await cluster?.close();
    await database?.close();
  }, 60_000);

  it('every job finishes exactly once through a sync storm, rule ticks and changes while workers are killed and stopped; the API stays up', async () => {
    database = await openTestDatabase();
    const db = database;
    cluster = await startCluster(db.url ?? '', { SYNC_INTERVAL_MINUTES: '1440' });
    const c = cluster;
    await Promise.all([c.startProcess('api', 'api-1'), c.startProcess('api', 'api-2'), c.startProcess('worker', 'worker-1'), c.startProcess('worker', 'worker-2')]);

    // The API behind the proxy is polled all along; every answer must be 200.
    const health: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        health.push(await fetch(`${c.proxyUrl}/api/health`).then((r) => r.status, () => 0));
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();

    const owner = await signUpOwner(c, 'Scale-out');
    const orgId = owner.orgId;
    await onLargestPlan(db, orgId);
    const accounts = await connectEverything(c, owner, orgId);
    expect(await waitSynced(db, orgId, accounts, 120_000)).toBe(0);

    // Changes straight from the owner (no approval): each campaign's budget raised to the next whole currency unit.
    const raises = await plannedRaises(db, orgId, CHANGES);
    expect(raises.length).toBeGreaterThan(10);
    const marks = await mutationMarks(c);
    const changeIds = await requestRaises(owner, orgId, raises);

    // Mid-job: as soon as an apply job runs, worker-1 is killed outright and worker-2 asked to stop.
    await until('an apply job running', async () => {
      const { rows } = await db.sql.query<{ n: string }>("SELECT count(*) AS n FROM pgboss.job WHERE state = 'active' AND name LIKE '%change%'");
      return Number(rows[0]?.n) > 0;
    }, 60_000);
    const [worker1, worker2] = c.processes.filter((p) => p.role === 'worker');
    worker1!.child.kill('SIGKILL');
    const stopping = Date.now();
    worker2!.child.kill('SIGTERM');
    const worker2Exit = await worker2!.exited;
    const stopMs = Date.now() - stopping;
    expect(await worker1!.exited).toBe('SIGKILL');
    expect(worker2Exit, worker2!.output().slice(-2000)).toBe('0');
    expect(stopMs).toBeLessThan(30_000);

    // Fresh workers take over what was left, including the killed worker's job.
    await Promise.all([c.startProcess('worker', 'worker-3'), c.startProcess('worker', 'worker-4')]);
    // Rule and sync ticks queued for the fresh workers (their schedules are minutes apart), as a producer only. A tick
    // running on the killed worker would wait for its expiry (ticks have no heartbeat), so they are queued after the kill.
    const producer = await createJobQueue({ dbHandle: db, logger: createLogger({ logLevel: 'silent' }) });
    const tickIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      for (const tick of [RULES_TICK, SYNC_TICK]) {
        const id = await producer.enqueue(tick, {});
        if (id) tickIds.push(id);
      }
    }
    await producer.stop();
    expect(await waitSettled(db, changeIds, 120_000)).toEqual({ applied: changeIds.length });

    // The platforms saw each budget exactly once.
    expect(await countBudgetWrites(c, marks, raises)).toEqual({ lost: 0, duplicated: 0 });

    // The ticks each ran to completion once (a job row is claimed by one worker; retries would show in retry_count).
    expect(tickIds).toHaveLength(10);
    const ticks = await until('every tick done', async () => {
      const { rows } = await db.sql.query<{ id: string; state: string; retry_count: number }>('SELECT id::text AS id, state, retry_count FROM pgboss.job WHERE id::text = ANY($1::text[])', [tickIds]);
      return rows.every((r) => r.state === 'completed') && rows.length === tickIds.length ? rows : null;
    }, 120_000);
    expect(ticks.filter((t) => t.retry_count > 0 && t.state !== 'completed')).toEqual([]);

    polling = false;
    await poller;
    expect(health.length).toBeGreaterThan(10);
    expect(health.filter((status) => status !== 200)).toEqual([]);
  // Each process takes up to a minute and a half to start on a busy machine; the work itself is well under a minute.
  }, 600_000);
});
