import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions } from '@adloop/db';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, uniqueEmail } from '../setup/auth-helpers.ts';

describe('sign-in, sessions and password change', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('answers a wrong password and an unknown email identically', async () => {
    const { email } = await signUpVerifiedUser(server);
    const wrong = await server.client().post('/api/v1/auth/sign-in', { email, password: 'Wrong-Password-123' });
    const unknown = await server.client().post('/api/v1/auth/sign-in', { email: uniqueEmail('ghost'), password: 'Wrong-Password-123' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error).toEqual({ code: 'invalid_credentials', message: expect.any(String) });
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('issues a new session token on every sign-in and stores only its hash', async () => {
    const { client, email, password, user } = await signUpVerifiedUser(server);
    const first = client.cookies.get('adloop_session');
    await client.post('/api/v1/auth/sign-in', { email, password });
    const second = client.cookies.get('adloop_session');
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const rows = await server.ctx.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.map((r) => r.tokenHash)).not.toContain(second);
    // The session the browser had before is ended, not left behind.
    expect(rows.filter((r) => r.revokedAt === null)).toHaveLength(1);
  });

  it('refuses a cookie POST without the CSRF header', async () => {
    const { client } = await signUpVerifiedUser(server);
    const response = await client.patch('/api/v1/me', { name: 'New' }, { 'x-csrf-token': 'wrong' });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('csrf_failed');
    const noHeader = await fetch(new URL('/api/v1/auth/sign-out', server.url), {
      method: 'POST',
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noHeader.status).toBe(403);
    expect((await client.get('/api/v1/me')).status).toBe(200);
  });

  it('updates the profile and audits it', async () => {
    const { client, user } = await signUpVerifiedUser(server, { name: 'Old Name' });
    const response = await client.patch('/api/v1/me', { name: 'New Name' });
    expect(response.status).toBe(200);
    expect(response.body.user.name).toBe('New Name');
    const [entry] = await server.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'user.updated'));
    expect(entry).toMatchObject({ actorId: user.id, orgId: null, before: { name: 'Old Name' }, after: { name: 'New Name' } });
  });

  it('lists sessions with the current one flagged and revokes another', async () => {
    const { client, email, password } = await signUpVerifiedUser(server);
    const laptop = server.client();
    await laptop.post('/api/v1/auth/sign-in', { email, password }, { 'user-agent': 'Laptop/1.0' });

    const list = await client.get('/api/v1/me/sessions');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const current = list.body.items.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    const other = list.body.items.find((s: { current: boolean }) => !s.current);
    expect(other).toMatchObject({ userAgent: 'Laptop/1.0', ip: expect.any(String) });

    expect((await client.delete(`/api/v1/me/sessions/${other.id}`)).status).toBe(204);
    expect((await laptop.get('/api/v1/me')).status).toBe(401);
    expect((await client.delete(`/api/v1/me/sessions/${other.id}`)).status).toBe(404);
    expect((await client.get('/api/v1/me/sessions')).body.items).toHaveLength(1);
  });

  it('will not revoke another user’s session', async () => {
    const alice = await signUpVerifiedUser(server);
    const bob = await signUpVerifiedUser(server);
    const [bobSession] = (await bob.client.get('/api/v1/me/sessions')).body.items;
    expect((await alice.client.delete(`/api/v1/me/sessions/${bobSession.id}`)).status).toBe(404);
    expect((await bob.client.get('/api/v1/me')).status).toBe(200);
  });

  it('signs out, ending the session for good', async () => {
    const { client } = await signUpVerifiedUser(server);
    const cookies = new Map(client.cookies);
    expect((await client.post('/api/v1/auth/sign-out')).status).toBe(204);
    expect(client.cookies.has('adloop_session')).toBe(false);
    const replay = server.client();
    for (const [k, v] of cookies) replay.cookies.set(k, v);
    expect((await replay.get('/api/v1/me')).status).toBe(401);
  });

  it('expires sessions after the idle limit', async () => {
    const { client } = await signUpVerifiedUser(server);
    server.clock.advance((server.ctx.config.sessionIdleMinutes + 1) * 60_000);
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });

  it('ends a session at its absolute limit even when it is used every day', async () => {
    const { client } = await signUpVerifiedUser(server);
    const { sessionIdleMinutes, sessionAbsoluteHours } = server.ctx.config;
    const step = Math.min(sessionIdleMinutes * 60_000 - 60_000, 24 * 3600_000);
    let elapsed = 0;
    while (elapsed + step < sessionAbsoluteHours * 3600_000) {
      server.clock.advance(step);
      elapsed += step;
      expect((await client.get('/api/v1/me')).status).toBe(200);
    }
    server.clock.advance(sessionAbsoluteHours * 3600_000 - elapsed + 1000);
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });

  it('changes the password with the current one and ends every other session', async () => {
    const { client, email, password } = await signUpVerifiedUser(server);
    const phone = server.client();
    await phone.post('/api/v1/auth/sign-in', { email, password });

    const wrong = await client.post('/api/v1/me/password', { currentPassword: 'Not-My-Password-1', newPassword: 'Brand-New-Secret-77' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.issues[0].field).toBe('currentPassword');
    const common = await client.post('/api/v1/me/password', { currentPassword: password, newPassword: 'Qwerty123456' });
    expect(common.body.error.details.issues[0].field).toBe('newPassword');

    const ok = await client.post('/api/v1/me/password', { currentPassword: password, newPassword: 'Brand-New-Secret-77' });
    expect(ok.status).toBe(200);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    await server.waitForEmail(email, /password was changed/);
    expect((await server.client().post('/api/v1/auth/sign-in', { email, password })).status).toBe(401);
    expect((await server.client().post('/api/v1/auth/sign-in', { email, password: 'Brand-New-Secret-77' })).status).toBe(200);
  });

  it('needs a signed-in person for /me', async () => {
    const response = await server.client().get('/api/v1/me');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthenticated');
  });
});
