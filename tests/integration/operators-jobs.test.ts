import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob } from '../../apps/server/src/platform/jobs/define-job.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { eventually } from '../setup/connect-helpers.ts';
import { signedInOperator, type OpsClient } from '../setup/ops-helpers.ts';

/** Failed jobs in the console: listed by queue with a payload summary and the error, retried or discarded. */
describe('operators console: dead letters', () => {
  let server: TestServer;
  let onCall: OpsClient;
  let failing = true;
  const done: string[] = [];
  const flaky = defineJob(
    { name: 'test.ops-flaky', payload: z.object({ orgId: z.string(), note: z.string() }), retry: { limit: 0, delaySeconds: 1, backoff: false } },
    {
      handler: async (payload) => {
        if (failing) throw new Error(`platform refused ${payload.note}`);
        done.push(payload.note);
      },
    },
  );

  beforeAll(async () => {
    server = await startTestServer();
    server.ctx.jobs.register(flaky);
    onCall = await signedInOperator(server, 'on_call');
  }, 180_000);
  afterAll(async () => server?.close());

  type Dead = { id: string; queue: string; payloadSummary: string; error: string; attempts: number };
  const deadOfQueue = async () => (await onCall.get<{ items: Dead[] }>('/api/ops/system/dead-letters?queue=test.ops-flaky')).body.items;

  it('lists failed jobs, retries one to success and discards another', async () => {
    await server.ctx.jobs.enqueue(flaky, { orgId: 'org-1', note: 'first' });
    await server.ctx.jobs.enqueue(flaky, { orgId: 'org-2', note: 'second' });
    const dead = await eventually(async () => {
      const items = await deadOfQueue();
      return items.length === 2 && items;
    }, 30_000, 'two failed jobs');
    const first = dead.find((d) => d.payloadSummary.includes('first'))!;
    expect(first).toMatchObject({ queue: 'test.ops-flaky', error: 'platform refused first', attempts: 1 });
    expect(first.payloadSummary.split(', ').sort()).toEqual(['note=first', 'orgId=org-1']);

    const queues = await onCall.get('/api/ops/system/queues');
    const stats = queues.body.items.find((q: { name: string }) => q.name === 'test.ops-flaky');
    expect(stats).toMatchObject({ failed: 2, failedLastHour: 2, failureRate: 1 });

    failing = false;
    expect((await onCall.post(`/api/ops/system/dead-letters/test.ops-flaky/${first.id}/retry`)).status).toBe(204);
    await eventually(async () => done.length > 0, 30_000, 'the retried job to run');
    expect(done).toEqual(['first']);
    const second = dead.find((d) => d.payloadSummary.includes('second'))!;
    expect((await onCall.post(`/api/ops/system/dead-letters/test.ops-flaky/${second.id}/discard`)).status).toBe(204);
    expect(await deadOfQueue()).toEqual([]);
    expect((await onCall.post(`/api/ops/system/dead-letters/test.ops-flaky/${second.id}/retry`)).status).toBe(404);
    expect(done).toEqual(['first']);

    const admin = await signedInOperator(server, 'platform_admin');
    const audit = await admin.get('/api/ops/audit');
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['job.retried', 'job.discarded']));
  });
});
