import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { addOperator, operatorCode, OpsClient, signedInOperator } from '../setup/ops-helpers.ts';

const STEP = 30_000;

/** Operator accounts: the one-time password is changed at first sign-in, and a Platform Admin can disable another operator. */
describe('operator accounts', () => {
  let server: TestServer;
  let admin: OpsClient;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await signedInOperator(server, 'platform_admin');
  }, 120_000);
  afterAll(async () => server?.close());

  it('an operator made by `adloop operators add` must choose their own password before anything else', async () => {
    server.clock.advance(STEP);
    const account = await addOperator(server, 'support');
    const client = new OpsClient(server.client(), account);
    const signIn = await client.http.post('/api/ops/session', { email: account.email, password: account.password, code: await operatorCode(server, account.totpSecret) });
    expect(signIn.status).toBe(200);
    expect(signIn.body).toMatchObject({ passwordChangeRequired: true });
    expect((await client.get('/api/ops/session')).body.passwordChangeRequired).toBe(true);
    const refused = await client.get('/api/ops/tenants?q=a');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('password_change_required');

    expect((await client.post('/api/ops/session/password', { currentPassword: 'wrong password', newPassword: 'a brand new passphrase' })).status).toBe(400);
    const same = await client.post('/api/ops/session/password', { currentPassword: account.password, newPassword: account.password });
    expect(same.status).toBe(400);
    expect(same.text).toContain('newPassword');
    expect((await client.post('/api/ops/session/password', { currentPassword: account.password, newPassword: 'a brand new passphrase' })).status).toBe(204);
    expect((await client.get('/api/ops/session')).body.passwordChangeRequired).toBe(false);
    expect((await client.get('/api/ops/tenants?q=a')).status).toBe(200);

    // The one-time password no longer signs in; the new one does.
    server.clock.advance(STEP);
    const code = await operatorCode(server, account.totpSecret);
    expect((await server.client().post('/api/ops/session', { email: account.email, password: account.password, code })).status).toBe(401);
    server.clock.advance(STEP);
    const again = await server.client().post('/api/ops/session', { email: account.email, password: 'a brand new passphrase', code: await operatorCode(server, account.totpSecret) });
    expect(again.status).toBe(200);
    expect(again.body.passwordChangeRequired).toBe(false);
    const audit = await admin.get('/api/ops/audit');
    expect(audit.body.items.some((e: { action: string; operatorEmail: string }) => e.action === 'operator.password_changed' && e.operatorEmail === account.email)).toBe(true);
  });

  it('a Platform Admin disables another operator: their sessions end and they cannot sign in again', async () => {
    server.clock.advance(STEP);
    const target = await signedInOperator(server, 'on_call');
    expect((await target.get('/api/ops/system/queues')).status).toBe(200);

    // Only a Platform Admin, never themselves, always with a reason.
    expect((await target.post(`/api/ops/operators/${admin.account.id}/disable`, { reason: 'Leaving the team' })).status).toBe(403);
    expect((await target.get('/api/ops/operators')).status).toBe(403);
    expect((await admin.post(`/api/ops/operators/${admin.account.id}/disable`, { reason: 'Leaving the team' })).status).toBe(409);
    expect((await admin.post(`/api/ops/operators/${target.account.id}/disable`, {})).status).toBe(400);

    expect((await admin.post(`/api/ops/operators/${target.account.id}/disable`, { reason: 'Left the company' })).status).toBe(204);
    expect((await target.get('/api/ops/system/queues')).status).toBe(401);
    expect((await target.get('/api/ops/session')).status).toBe(401);
    server.clock.advance(STEP);
    const signIn = await server.client().post('/api/ops/session', { email: target.account.email, password: target.account.password, code: await operatorCode(server, target.account.totpSecret) });
    expect(signIn.status).toBe(401);
    expect((await admin.post(`/api/ops/operators/${target.account.id}/disable`, { reason: 'Left the company' })).status).toBe(409);

    const list = await admin.get('/api/ops/operators');
    expect(list.status).toBe(200);
    const row = list.body.items.find((o: { id: string }) => o.id === target.account.id);
    expect(row).toMatchObject({ email: target.account.email, role: 'on_call', passwordChangeRequired: false, disabledAt: expect.any(String) });
    const audit = await admin.get('/api/ops/audit');
    expect(audit.body.items.find((e: { action: string }) => e.action === 'operator.disabled')).toMatchObject({ operatorEmail: admin.account.email, reason: 'Left the company', details: { operatorId: target.account.id, sessionsEnded: 1 } });
  });
});
