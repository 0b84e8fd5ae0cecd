import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@adloop/db';
import { openJobQueue, Payload, until } from '../../../../../tests/setup/job-helpers.ts';
import type { JobDefinition, JobQueue } from './jobs.types.ts';

describe('jobs left running by a worker that died', () => {
  let handle: DbHandle;
  let jobs: JobQueue;
  const ran: number[] = [];
  const recovered: number[] = [];
  const change: JobDefinition<typeof Payload> = {
    name: 'test.change',
    payload: Payload,
    retry: { limit: 3, delaySeconds: 0, backoff: false },
    expireInSeconds: 120,
    heartbeatSeconds: 10,
    handler: async ({ n }) => void ran.push(n),
    onRecovered: async ({ n }) => void recovered.push(n),
  };

  /** As a worker that claimed the job and then stopped would leave it: active, heartbeat `ageSeconds` old. */
  async function leaveActive(n: number, ageSeconds: number): Promise<void> {
    await handle.sql.query(
      `UPDATE pgboss.job SET state = 'active', started_on = now() - make_interval(secs => $2), heartbeat_on = now() - make_interval(secs => $2), heartbeat_seconds = 10
        WHERE name = 'test.change' AND (data->>'n')::int = $1`,
      [n, ageSeconds],
    );
  }

  beforeAll(async () => {
    ({ handle, jobs } = await openJobQueue());
    jobs.register(change);
    await jobs.prepare();
    await jobs.enqueue(change, { n: 1 });
    await jobs.enqueue(change, { n: 2 });
    await leaveActive(1, 60);
    await leaveActive(2, 0);
    await jobs.startWorkers();
  });
  afterAll(async () => {
    await jobs?.stop();
    await handle?.close();
  });

  it('retries a job whose heartbeat stopped within seconds, not at the 15-minute expiry, releasing what it held', async () => {
    await until(() => ran.includes(1));
    expect(recovered).toContain(1);
  });

  it('on the embedded database, retries every job left active at start-up (only this process can work on it)', async () => {
    if (!handle.pglite) {
      // On a PostgreSQL server another live worker may own a fresh job: it is left to its heartbeat.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(ran).not.toContain(2);
      return;
    }
    await until(() => ran.includes(2));
    expect(recovered).toContain(2);
  });

  it('keeps the queue\'s short expiry and heartbeat', async () => {
    const { rows } = await handle.sql.query<{ expire_seconds: number; heartbeat_seconds: number }>("SELECT expire_seconds, heartbeat_seconds FROM pgboss.queue WHERE name = 'test.change'");
    expect(rows[0]).toEqual({ expire_seconds: 120, heartbeat_seconds: 10 });
  });
});
