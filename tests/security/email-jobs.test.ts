import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, tokenFromLink } from '../setup/auth-helpers.ts';
import { eventually } from '../setup/connect-helpers.ts';

interface JobRow {
  state: string;
  data: string;
}

describe('email jobs carry no usable secret', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  const emailJobs = async () =>
    (await server.ctx.dbHandle.sql.query<JobRow>("SELECT state, data::text AS data FROM pgboss.job WHERE name = 'email.send'")).rows;

  it('keeps no reset link in the job table, before or after delivery', async () => {
    const user = await signUpVerifiedUser(server);
    expect((await server.client().post('/api/v1/auth/forgot-password', { email: user.email })).status).toBe(202);
    const mail = await server.waitForEmail(user.email, /reset/i);
    const token = tokenFromLink(mail.links, '/reset-password');

    const done = await eventually(async () => {
      const rows = await emailJobs();
      return rows.length > 0 && rows.every((row) => row.state === 'completed') ? rows : null;
    }, 20_000, 'email jobs completed');
    expect(done.map((row) => row.data).join('\n')).not.toContain(token);
    // Delivered jobs keep nothing of the message, not even sealed.
    expect(done.every((row) => row.data === '{}')).toBe(true);
  });

  it('stores a queued email sealed: neither the address, the subject nor the link is readable', async () => {
    // Read inside the enqueuing transaction, before a worker can deliver (and blank) it.
    const stored = await server.ctx.dbHandle.db.transaction(async (tx) => {
      await server.ctx.mailer.send({ to: 'sealed@example.test', subject: 'Reset your password', text: 'https://x.test/reset-password?token=plain-token-123', html: '' }, { db: tx });
      const result = await tx.execute(sql`SELECT data::text AS data FROM pgboss.job WHERE name = 'email.send' ORDER BY created_on DESC LIMIT 1`);
      // Both drivers answer { rows }; the row shape is the SELECT above.
      return (result as unknown as { rows: { data: string }[] }).rows[0]?.data ?? '';
    });
    expect(stored).toMatch(/"sealed": ?"v1\./);
    for (const plain of ['sealed@example.test', 'Reset your password', 'plain-token-123']) expect(stored).not.toContain(plain);
    const mail = await server.waitForEmail('sealed@example.test');
    expect(mail.text).toContain('plain-token-123');
  });
});
