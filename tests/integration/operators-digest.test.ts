import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob } from '../../apps/server/src/platform/jobs/define-job.ts';
import { sendFailedJobsDigest } from '../../apps/server/src/modules/operators/failed-jobs.digest.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { eventually } from '../setup/connect-helpers.ts';
import { addOperator } from '../setup/ops-helpers.ts';

/** The daily failed-jobs digest: each queue's failures of the last day, by e-mail, to Platform Admins and On-Call only. */
describe('operators console: failed-jobs digest', () => {
  let server: TestServer;
  const broken = defineJob(
    { name: 'test.ops-digest-broken', payload: z.object({ orgId: z.string() }), retry: { limit: 0, delaySeconds: 1, backoff: false } },
    { handler: async (payload) => { throw new Error(`sync refused for ${payload.orgId}`); } },
  );

  beforeAll(async () => {
    server = await startTestServer();
    server.ctx.jobs.register(broken);
  }, 180_000);
  afterAll(async () => server?.close());

  it('lists the queue, its count and latest error to admins and on-call, not to support or finance; nothing on a quiet day', async () => {
    expect(await sendFailedJobsDigest(server.ctx)).toMatchObject({ failed: 0, recipients: 0 });
    const admin = await addOperator(server, 'platform_admin');
    const onCall = await addOperator(server, 'on_call');
    const support = await addOperator(server, 'support');
    await server.ctx.jobs.enqueue(broken, { orgId: 'org-a' });
    await server.ctx.jobs.enqueue(broken, { orgId: 'org-b' });
    const sent = await eventually(async () => {
      const result = await sendFailedJobsDigest(server.ctx);
      return result.failed === 2 && result;
    }, 30_000, 'two failed jobs in the digest');
    expect(sent).toMatchObject({ queues: 1, failed: 2, recipients: 2 });
    for (const to of [admin.email, onCall.email]) {
      const mail = await server.waitForEmail(to, /2 failed jobs in 1 queue/);
      expect(mail.text).toContain('test.ops-digest-broken: 2 failed');
      expect(mail.text).toMatch(/Latest error: sync refused for org-[ab] \(payload orgId=org-[ab]\)/);
      expect(mail.text).toContain('/ops/system?queue=test.ops-digest-broken');
    }
    const toSupport = await server.waitForEmail(support.email, /failed job/, 10_000).then(() => true, () => false);
    expect(toSupport).toBe(false);
  });
});
