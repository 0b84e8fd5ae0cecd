import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, emailTokens, users } from '@adloop/db';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { GOOD_PASSWORD, signUpVerifiedUser, tokenFromLink, uniqueEmail, waitForNextEmail } from '../setup/auth-helpers.ts';

const HOUR = 3_600_000;

describe('sign-up and email verification', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('goes sign-up → verification email → verify → sign-in → me, with the organisation', async () => {
    const client = server.client();
    const email = uniqueEmail('ann');
    const signUp = await client.post('/api/v1/auth/sign-up', { email: `  ${email.toUpperCase()} `, password: GOOD_PASSWORD, name: 'Ann', organizationName: 'Ann Co' });
    expect(signUp.status).toBe(201);
    expect(signUp.body.user).toMatchObject({ email, name: 'Ann', emailVerified: false, mfaEnabled: false });
    expect(client.cookies.has('adloop_session')).toBe(false);

    const mail = await server.waitForEmail(email, /verify/i);
    expect(mail.links[0]).toMatch(/^http:\/\/localhost:3000\/verify-email\?token=[\w-]{43}$/);
    expect(mail.html).toContain('/verify-email?token=');
    const token = tokenFromLink(mail.links, '/verify-email');

    expect((await client.post('/api/v1/auth/verify-email', { token })).body).toEqual({ ok: true });
    const again = await client.post('/api/v1/auth/verify-email', { token });
    expect(again.status).toBe(400);
    expect(again.body.error.details.issues[0].field).toBe('token');

    const signIn = await client.post('/api/v1/auth/sign-in', { email, password: GOOD_PASSWORD });
    expect(signIn.status).toBe(200);
    expect(signIn.body).toMatchObject({ status: 'signed_in', user: { email, emailVerified: true } });
    const cookies = signIn.headers.getSetCookie().join('\n');
    expect(cookies).toMatch(/adloop_session=[^;]+;.*HttpOnly/i);
    expect(cookies).toMatch(/SameSite=Lax/i);

    const me = await client.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email, name: 'Ann', emailVerified: true });
    expect(me.body.organizations).toEqual([{ id: expect.any(String), name: 'Ann Co', role: 'owner', requireMfa: false }]);

    const actions = await server.ctx.db.select({ action: auditLog.action, orgId: auditLog.orgId }).from(auditLog).where(eq(auditLog.actorId, signUp.body.user.id));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['user.signed_up', 'org.created', 'user.email_verified', 'user.signed_in']));
  });

  it('stores only hashes of tokens and passwords', async () => {
    const { user } = await signUpVerifiedUser(server);
    const [row] = await server.ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    const tokens = await server.ctx.db.select().from(emailTokens).where(eq(emailTokens.userId, user.id));
    for (const t of tokens) expect(t.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('creates no organisation for a blank organisation name', async () => {
    const { orgId, client } = await signUpVerifiedUser(server, { organizationName: '   ' });
    expect(orgId).toBeUndefined();
    expect((await client.get('/api/v1/me')).body.organizations).toEqual([]);
  });

  it('refuses an unverified account only once the password is right', async () => {
    const client = server.client();
    const email = uniqueEmail('unverified');
    await client.post('/api/v1/auth/sign-up', { email, password: GOOD_PASSWORD, name: 'Una' });
    const wrong = await client.post('/api/v1/auth/sign-in', { email, password: 'not-the-password-1' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const right = await client.post('/api/v1/auth/sign-in', { email, password: GOOD_PASSWORD });
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('email_not_verified');
    expect(client.cookies.has('adloop_session')).toBe(false);
  });

  it('answers a duplicate sign-up like a new one and warns the owner of the address', async () => {
    const { email } = await signUpVerifiedUser(server);
    const response = await server.client().post('/api/v1/auth/sign-up', { email, password: 'Another-Long-Password-9', name: 'Mallory' });
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ email, name: 'Mallory', emailVerified: false });
    const warning = await server.waitForEmail(email, /tried to sign up/);
    expect(warning.text).toContain('/forgot-password');
    const signIn = await server.client().post('/api/v1/auth/sign-in', { email, password: 'Another-Long-Password-9' });
    expect(signIn.status).toBe(401);
  });

  it('resends verification (always 202), invalidating the older link', async () => {
    const client = server.client();
    const email = uniqueEmail('resend');
    await client.post('/api/v1/auth/sign-up', { email, password: GOOD_PASSWORD, name: 'Rae' });
    const first = await server.waitForEmail(email, /verify/i);
    server.clock.advance(2 * 60_000);
    expect((await client.post('/api/v1/auth/resend-verification', { email })).status).toBe(202);
    expect((await client.post('/api/v1/auth/resend-verification', { email: uniqueEmail('nobody') })).status).toBe(202);
    const second = await waitForNextEmail(server, email, /verify/i, first);
    const old = await client.post('/api/v1/auth/verify-email', { token: tokenFromLink(first.links, '/verify-email') });
    expect(old.status).toBe(400);
    expect((await client.post('/api/v1/auth/verify-email', { token: tokenFromLink(second.links, '/verify-email') })).status).toBe(200);
  });

  it('expires verification links after 24 hours', async () => {
    const client = server.client();
    const email = uniqueEmail('late');
    await client.post('/api/v1/auth/sign-up', { email, password: GOOD_PASSWORD, name: 'Lee' });
    const mail = await server.waitForEmail(email, /verify/i);
    server.clock.advance(24 * HOUR + 1000);
    expect((await client.post('/api/v1/auth/verify-email', { token: tokenFromLink(mail.links, '/verify-email') })).status).toBe(400);
    const [row] = await server.ctx.db.select().from(users).where(and(eq(users.email, email)));
    expect(row?.emailVerifiedAt).toBeNull();
  });

  it('rejects a common password, naming the field', async () => {
    const response = await server.client().post('/api/v1/auth/sign-up', { email: uniqueEmail(), password: 'QWERTY123456', name: 'Pat' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.details.issues).toEqual([{ location: 'body', field: 'password', message: expect.stringMatching(/common/) }]);
  });

  it('names each invalid field and refuses unknown fields', async () => {
    const bad = await server.client().post('/api/v1/auth/sign-up', { email: 'nope', password: 'short', name: '' });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.issues.map((i: { field: string }) => i.field).sort();
    expect(fields).toEqual(['email', 'name', 'password']);

    const unknown = await server.client().post('/api/v1/auth/sign-up', { email: uniqueEmail(), password: GOOD_PASSWORD, name: 'X', isAdmin: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues).toEqual([{ location: 'body', field: 'isAdmin', message: 'Unknown field' }]);
  });
});
