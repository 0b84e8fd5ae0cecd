import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '@adloop/db';
import { openJobQueue, Payload, until } from '../../../../../tests/setup/job-helpers.ts';
import type { JobDefinition, JobQueue } from './jobs.types.ts';

describe('job queue (pg-boss on this run\'s database)', () => {
  let handle: DbHandle;
  let jobs: JobQueue;
  const seen: number[] = [];
  const attempts = new Map<number, number>();

  const echo: JobDefinition<typeof Payload> = {
    name: 'test.echo',
    payload: Payload,
    retry: { limit: 0, delaySeconds: 0, backoff: false },
    handler: async ({ n }) => void seen.push(n),
  };
  const flaky: JobDefinition<typeof Payload> = {
    name: 'test.flaky',
    payload: Payload,
    retry: { limit: 3, delaySeconds: 1, backoff: false },
    handler: async ({ n }) => {
      const count = (attempts.get(n) ?? 0) + 1;
      attempts.set(n, count);
      if (count < 3) throw new Error(`attempt ${count} fails on purpose`);
    },
  };

  beforeAll(async () => {
    ({ handle, jobs } = await openJobQueue());
    jobs.register(echo);
    jobs.register(flaky);
    await jobs.prepare();
    await jobs.startWorkers();
  });
  afterAll(async () => {
    await jobs?.stop();
    await handle?.close();
  });

  it('runs an enqueued job with its typed payload', async () => {
    await jobs.enqueue(echo, { n: 1 });
    await until(() => seen.includes(1));
  });

  it('refuses to enqueue inside a transaction into a queue that was never prepared', async () => {
    const unknown: JobDefinition<typeof Payload> = { ...echo, name: 'test.unprepared' };
    await expect(handle.db.transaction((tx) => jobs.enqueue(unknown, { n: 0 }, { db: tx }))).rejects.toThrow(/not prepared/);
  });

  it('refuses a payload that does not match the schema', async () => {
    await expect(jobs.enqueue(echo, { n: 'one' } as unknown as { n: number })).rejects.toThrow();
  });

  it('enqueues inside a transaction: committed jobs run, rolled-back ones never exist', async () => {
    await handle.db.transaction(async (tx) => {
      await jobs.enqueue(echo, { n: 2 }, { db: tx });
    });
    await handle.db
      .transaction(async (tx) => {
        await jobs.enqueue(echo, { n: 3 }, { db: tx });
        throw new Error('roll back');
      })
      .catch(() => {});
    await until(() => seen.includes(2));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(seen).not.toContain(3);
    const { rows } = await handle.sql.query<{ count: string | number }>(
      "SELECT count(*) AS count FROM pgboss.job WHERE name = 'test.echo' AND (data->>'n')::int = 3",
    );
    expect(Number(rows[0]?.count)).toBe(0);
  });

  it('retries a failing job until it succeeds', async () => {
    await jobs.enqueue(flaky, { n: 7 });
    await until(() => attempts.get(7) === 3, 20_000);
    const counts = await jobs.counts();
    expect(counts['test.flaky']).toBeDefined();
  });

  it('is reachable by plain SQL on the same database', async () => {
    const result = await handle.db.execute(sql`SELECT count(*) AS n FROM pgboss.queue`);
    expect(result).toBeDefined();
  });
});

describe('job queue batches (jobs enqueued together)', () => {
  let handle: DbHandle;
  let jobs: JobQueue;
  const done = new Map<number, number>();
  let running = 0;
  let mostAtOnce = 0;

  // Polling far slower than the test allows: only a worker that fetches again after a full batch drains in time.
  const batched: JobDefinition<typeof Payload> = {
    name: 'test.batched',
    payload: Payload,
    retry: { limit: 1, delaySeconds: 0, backoff: false },
    batchSize: 4,
    handler: async ({ n }) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
      if (n === 13) throw new Error('this one fails on purpose');
      done.set(n, (done.get(n) ?? 0) + 1);
    },
  };

  // One job per fetch, two workers: each fetches again as soon as its job is done, not a polling interval later.
  const single: JobDefinition<typeof Payload> = {
    name: 'test.single',
    payload: Payload,
    retry: { limit: 0, delaySeconds: 0, backoff: false },
    concurrency: 2,
    handler: async ({ n }) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      singles.add(n);
    },
  };
  const singles = new Set<number>();

  beforeAll(async () => {
    ({ handle, jobs } = await openJobQueue(60));
    jobs.register(batched);
    jobs.register(single);
    await jobs.prepare();
    await jobs.startWorkers();
  });
  afterAll(async () => {
    await jobs?.stop();
    await handle?.close();
  });

  it('drains many jobs from one transaction at the handlers\' pace, side by side, each settled on its own', async () => {
    const numbers = Array.from({ length: 30 }, (_, i) => i);
    await handle.db.transaction(async (tx) => {
      for (const n of numbers) await jobs.enqueue(batched, { n }, { db: tx });
    });
    await until(() => done.size === 29, 20_000);
    expect(mostAtOnce).toBeGreaterThan(1);
    // The failing job's neighbours ran once each: its failure neither failed nor retried them.
    expect([...done.values()].every((count) => count === 1)).toBe(true);
    expect(done.has(13)).toBe(false);
    const { rows } = await handle.sql.query<{ n: number; state: string; retry_count: number }>(
      "SELECT (data->>'n')::int AS n, state, retry_count FROM pgboss.job WHERE name = 'test.batched' ORDER BY 1",
    );
    const failing = rows.filter((row) => row.n === 13);
    expect(failing.length).toBe(1);
    expect(rows.filter((row) => row.n !== 13).every((row) => row.state === 'completed' && row.retry_count === 0)).toBe(true);
  });

  it('drains a backlog of one-job fetches without waiting a polling interval between jobs', async () => {
    const numbers = Array.from({ length: 40 }, (_, i) => i);
    await handle.db.transaction(async (tx) => {
      for (const n of numbers) await jobs.enqueue(single, { n }, { db: tx });
    });
    // 40 jobs of 20 ms on two workers; a worker that slept its 60 s polling interval after each job would take 20 minutes.
    await until(() => singles.size === 40, 20_000);
  });
});
