import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DbHandle } from '@adloop/db';
import { testConfig } from '../../apps/server/src/platform/config.ts';
import { startServer, type RunningServer } from '../../apps/server/src/server.ts';
import { openTestDatabase } from '../setup/db.ts';
import { TestClient } from '../setup/http-client.ts';
import { openEventStream } from '../setup/sse.ts';
import { seedDemoIfEmpty } from '../../apps/server/src/modules/demo/demo.seed.ts';
import { publish } from '../../apps/server/src/platform/live/publish.ts';

const onPostgres = Boolean(inject('runDatabaseUrl'));

describe.skipIf(!onPostgres)('API and worker as separate processes on one PostgreSQL database', () => {
  const opened: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const item of opened.reverse()) await item.close();
  });

  it('the API enqueues, only the worker delivers', async () => {
    const database: DbHandle = await openTestDatabase();
    opened.push(database);
    const workerDb = await openDatabase({ kind: 'postgres', url: database.url ?? '' });
    opened.push(workerDb);
    const secretKey = 'cd'.repeat(32);

    const api: RunningServer = await startServer({ config: testConfig(), dbHandle: database, secretKey, role: 'api' });
    opened.push(api);
    expect(api.url).not.toBe('');
    await api.ctx.mailer.send({ to: 'split@example.com', subject: 'Split delivery', text: 'hi', html: '<p>hi</p>' });

    const client = new TestClient(api.url);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await client.get('/api/v1/dev/mailbox?to=split@example.com')).body.items).toHaveLength(0);

    const worker = await startServer({
      config: testConfig({ smtpUrl: api.smtpSink?.url }),
      dbHandle: workerDb,
      secretKey,
      role: 'worker',
    });
    opened.push(worker);
    expect(worker.app).toBeNull();
    const deadline = Date.now() + 15_000;
    let items: unknown[] = [];
    while (Date.now() < deadline && items.length === 0) {
      items = (await client.get('/api/v1/dev/mailbox?to=split@example.com')).body.items;
      if (!items.length) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(items).toHaveLength(1);
  });

  it('an event published by a worker process reaches an event stream served by an API process (LISTEN/NOTIFY)', async () => {
    const database: DbHandle = await openTestDatabase();
    opened.push(database);
    const workerDb = await openDatabase({ kind: 'postgres', url: database.url ?? '' });
    opened.push(workerDb);
    const secretKey = 'ef'.repeat(32);
    const demo = await seedDemoIfEmpty(database.db, secretKey);
    const api = await startServer({ config: testConfig(), dbHandle: database, secretKey, role: 'api' });
    opened.push(api);
    const worker = await startServer({ config: testConfig({ smtpUrl: api.smtpSink?.url }), dbHandle: workerDb, secretKey, role: 'worker' });
    opened.push(worker);

    const client = new TestClient(api.url);
    expect((await client.post('/api/v1/auth/sign-in', { email: demo?.email, password: demo?.password })).status).toBe(200);
    const orgId = (await client.get('/api/v1/me')).body.organizations[0].id as string;
    const stream = await openEventStream(client, `/api/v1/orgs/${orgId}/events`);
    opened.push({ close: async () => stream.close() });
    expect(stream.status).toBe(200);

    await publish(worker.ctx, orgId, { type: 'notification' });
    await publish(worker.ctx, randomUUID(), { type: 'notification' });
    await publish(worker.ctx, orgId, { type: 'sync', adAccountId: '00000000-0000-4000-8000-00000000000a', state: 'succeeded' });
    const sync = await stream.waitFor((e) => e.event === 'sync', 10_000, 'the worker’s sync event');
    expect(sync.data).toEqual({ type: 'sync', adAccountId: '00000000-0000-4000-8000-00000000000a', state: 'succeeded' });
    // The other organisation's event never arrives; this one's two do, in order.
    expect(stream.events.map((e) => e.event)).toEqual(['notification', 'sync']);

    // The API's LISTEN connection is cut: it reconnects by itself and events flow again.
    const cut = await database.sql.query<{ ok: boolean }>("SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN adloop_live'");
    expect(cut.rows.length).toBeGreaterThan(0);
    const deadline = Date.now() + 20_000;
    while (stream.events.length < 3 && Date.now() < deadline) {
      await publish(worker.ctx, orgId, { type: 'notification' });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(stream.events.length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
