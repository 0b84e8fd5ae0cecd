import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DbHandle } from '@adloop/db';
import { testConfig } from '../../apps/server/src/platform/config.ts';
import { startServer, type RunningServer } from '../../apps/server/src/server.ts';
import { openTestDatabase } from '../setup/db.ts';
import { TestClient } from '../setup/http-client.ts';

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
});
