import { and, eq, or } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, linkedIdentities, oidcSignInRequests, users } from '@adloop/db';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, tokenFromLink, uniqueEmail } from '../setup/auth-helpers.ts';
import { continueWithGoogle } from '../setup/google-sign-in.ts';

describe('Sign in with Google', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  /** What the user did and what was done to their account, e.g. `user.signed_in` with its method. */
  const actions = async (userId: string) =>
    (await server.ctx.db.select().from(auditLog).where(or(eq(auditLog.targetId, userId), eq(auditLog.actorId, userId))))
      .map((row) => (row.action === 'user.signed_in' ? `${row.action}:${String((row.after as { method?: string } | null)?.method)}` : row.action));
  const identitiesOf = (userId: string) => server.ctx.db.select().from(linkedIdentities).where(eq(linkedIdentities.userId, userId));

  it('says it is offered, through the Google sandbox in sandbox mode', async () => {
    expect((await server.client().get('/api/v1/auth/google')).body).toEqual({ enabled: true });
  });

  it('creates a verified account for a new email and signs it in; the same Google account signs in again', async () => {
    const email = uniqueEmail('google-new');
    const client = server.client();
    const { location, authorizeUrl } = await continueWithGoogle(client, { email, name: 'Grace Hopper' }, { redirect: '/settings' });
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('nonce')).toBeTruthy();
    expect(location).toBe('/settings');
    const me = await client.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email, name: 'Grace Hopper', emailVerified: true });
    expect(await actions(me.body.user.id)).toEqual(expect.arrayContaining(['user.signed_up', 'user.identity_linked', 'user.signed_in:google']));

    const again = server.client();
    const second = await continueWithGoogle(again, { email, name: 'Grace Hopper' });
    expect(second.location).toBe('/');
    expect((await again.get('/api/v1/me')).body.user.id).toBe(me.body.user.id);
    expect(await identitiesOf(me.body.user.id)).toHaveLength(1);
  });

  it('links to an existing account only after its password confirms, never silently', async () => {
    const owner = await signUpVerifiedUser(server);
    const browser = server.client();
    const { location } = await continueWithGoogle(browser, { email: owner.email, name: 'Someone' });
    expect(location).toBe('/link-google');
    expect((await browser.get('/api/v1/me')).status).toBe(401);
    expect(await identitiesOf(owner.user.id)).toHaveLength(0);
    expect((await browser.get('/api/v1/auth/google/link')).body).toMatchObject({ email: owner.email });

    const wrong = await browser.post('/api/v1/auth/google/link', { password: 'Not-The-Password-99' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.issues[0].field).toBe('password');
    expect(await identitiesOf(owner.user.id)).toHaveLength(0);

    const confirmed = await browser.post('/api/v1/auth/google/link', { password: owner.password });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'signed_in', user: { id: owner.user.id } });
    expect(await identitiesOf(owner.user.id)).toHaveLength(1);
    expect(await actions(owner.user.id)).toContain('user.identity_linked');
    // The request is used up.
    expect((await browser.post('/api/v1/auth/google/link', { password: owner.password })).status).toBe(410);

    // From now on the Google account signs in directly.
    const later = server.client();
    expect((await continueWithGoogle(later, { email: owner.email, name: 'Someone' })).location).toBe('/');
    expect((await later.get('/api/v1/me')).body.user.id).toBe(owner.user.id);
  });

  it('links after the emailed confirmation instead of the password, even opened in another browser', async () => {
    const owner = await signUpVerifiedUser(server);
    const browser = server.client();
    await continueWithGoogle(browser, { email: owner.email, name: 'Someone' });
    expect((await browser.post('/api/v1/auth/google/link/email')).status).toBe(202);
    const mail = await server.waitForEmail(owner.email, /Link your Google account/);
    const token = tokenFromLink(mail.links, '/link-google/confirm');
    expect(await identitiesOf(owner.user.id)).toHaveLength(0);
    const confirmed = await server.client().post('/api/v1/auth/google/link/confirm', { token });
    expect(confirmed.status).toBe(200);
    expect(await identitiesOf(owner.user.id)).toHaveLength(1);
    expect((await server.client().post('/api/v1/auth/google/link/confirm', { token })).status).toBe(400);
  });

  it('still asks for the second factor of an account with MFA', async () => {
    const owner = await signUpVerifiedUser(server);
    const setup = await owner.client.post('/api/v1/me/mfa/setup');
    const totp = () => generate({ secret: setup.body.secret, epoch: Math.floor(server.clock.now().getTime() / 1000) });
    expect((await owner.client.post('/api/v1/me/mfa/enable', { code: await totp() })).status).toBe(200);
    const first = server.client();
    await continueWithGoogle(first, { email: owner.email, name: 'Someone' });
    expect((await first.post('/api/v1/auth/google/link', { password: owner.password })).body).toEqual({ status: 'mfa_required' });

    const browser = server.client();
    const { location } = await continueWithGoogle(browser, { email: owner.email, name: 'Someone' });
    expect(location).toBe('/google-sign-in?step=mfa');
    expect((await browser.get('/api/v1/me')).status).toBe(401);
    server.clock.advance(30_000);
    const mfa = await browser.post('/api/v1/auth/sign-in/mfa', { code: await totp() });
    expect(mfa.status).toBe(200);
    expect((await browser.get('/api/v1/me')).body.user.id).toBe(owner.user.id);
  });

  it('refuses a callback whose state is not this browser’s', async () => {
    const email = uniqueEmail('google-state');
    const attacker = server.client();
    const victim = server.client();
    // The callback lands in a browser that never started this sign-in (login CSRF).
    const { location } = await continueWithGoogle(attacker, { email, name: 'Mallory' }, { callbackClient: victim });
    expect(location).toBe('/google-sign-in?error=mismatch');
    expect((await victim.get('/api/v1/me')).status).toBe(401);
    const [created] = await server.ctx.db.select().from(users).where(eq(users.email, email));
    expect(created).toBeUndefined();
  });

  it('refuses an id_token whose nonce is not the one this sign-in sent', async () => {
    const email = uniqueEmail('google-nonce');
    const { location } = await continueWithGoogle(server.client(), { email, name: 'Nonce' }, { tamper: (url) => url.searchParams.set('nonce', 'another-sign-in') });
    expect(location).toBe('/google-sign-in?error=failed');
    expect(await server.ctx.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it('refuses an id_token issued for another audience', async () => {
    const google = server.sandbox?.context.settings.google;
    if (!google) throw new Error('the test server runs no sandbox');
    google.idTokenAudience = 'another-app.apps.googleusercontent.com';
    try {
      const email = uniqueEmail('google-aud');
      const { location } = await continueWithGoogle(server.client(), { email, name: 'Audience' });
      expect(location).toBe('/google-sign-in?error=failed');
      expect(await server.ctx.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    } finally {
      google.idTokenAudience = null;
    }
  });

  it('refuses an email Google has not verified', async () => {
    const email = uniqueEmail('google-unverified');
    const { location } = await continueWithGoogle(server.client(), { email, name: 'Unverified', verified: false });
    expect(location).toBe('/google-sign-in?error=unverified');
  });

  it('lists and unlinks the Google account in Settings; the audit log keeps both', async () => {
    const email = uniqueEmail('google-unlink');
    const client = server.client();
    await continueWithGoogle(client, { email, name: 'Unlinker' });
    const list = await client.get('/api/v1/me/identities');
    expect(list.body.items).toEqual([expect.objectContaining({ provider: 'google', email })]);
    const id: string = list.body.items[0].id;
    expect((await client.delete(`/api/v1/me/identities/${id}`)).status).toBe(204);
    expect((await client.delete(`/api/v1/me/identities/${id}`)).status).toBe(404);
    expect((await client.get('/api/v1/me/identities')).body.items).toEqual([]);
    const userId: string = (await client.get('/api/v1/me')).body.user.id;
    const rows = await server.ctx.db.select().from(auditLog).where(and(eq(auditLog.targetId, userId), eq(auditLog.action, 'user.identity_unlinked')));
    expect(rows).toHaveLength(1);
    // Unlinked, the same Google account now has to confirm again.
    expect((await continueWithGoogle(server.client(), { email, name: 'Unlinker' })).location).toBe('/link-google');
  });

  it('links a Google account from Settings only after the signed-in account’s password', async () => {
    const owner = await signUpVerifiedUser(server);
    const googleEmail = uniqueEmail('google-settings');
    const { location } = await continueWithGoogle(owner.client, { email: googleEmail, name: 'Owner at Google' }, { intent: 'link', redirect: '/settings' });
    expect(location).toBe('/link-google');
    expect(await identitiesOf(owner.user.id)).toHaveLength(0);
    expect((await owner.client.get('/api/v1/auth/google/link')).body).toMatchObject({ email: googleEmail, accountEmail: owner.email, returnTo: '/settings' });
    const confirmed = await owner.client.post('/api/v1/auth/google/link', { password: owner.password });
    expect(confirmed.body).toMatchObject({ status: 'signed_in', user: { id: owner.user.id } });
    expect((await owner.client.get('/api/v1/me/identities')).body.items).toEqual([expect.objectContaining({ email: googleEmail })]);
    // Linked now, the Google account signs in as the owner though the emails differ.
    const later = server.client();
    expect((await continueWithGoogle(later, { email: googleEmail, name: 'Owner at Google' })).location).toBe('/');
    expect((await later.get('/api/v1/me')).body.user.id).toBe(owner.user.id);

    expect((await continueWithGoogle(owner.client, { email: googleEmail, name: 'x' }, { intent: 'link' })).location).toBe('/google-sign-in?error=linked');
    const other = await signUpVerifiedUser(server);
    expect((await continueWithGoogle(other.client, { email: googleEmail, name: 'x' }, { intent: 'link' })).location).toBe('/google-sign-in?error=taken');
    expect(await identitiesOf(other.user.id)).toHaveLength(0);
  });

  it('sends a signed-out browser that asks to link to the sign-in page', async () => {
    const response = await server.client().get('/api/v1/auth/google/start?intent=link');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/sign-in');
  });

  it.each(['https://evil.example', '//evil.example', '/\\evil.example'])('answers 400 naming the field for a redirect outside the app: %s', async (target) => {
    const response = await server.client().get(`/api/v1/auth/google/start?redirect=${encodeURIComponent(target)}`);
    expect(response.status).toBe(400);
    expect(response.body.error.details.issues[0].field).toBe('redirect');
  });

  // Last: it moves the server's clock two days on.
  it('forgets sign-in requests a day after they ended', async () => {
    await server.client().get('/api/v1/auth/google/start');
    const before = await server.ctx.db.select().from(oidcSignInRequests);
    expect(before.length).toBeGreaterThan(0);
    server.clock.advance(2 * 86_400_000);
    await server.client().get('/api/v1/auth/google/start');
    const after = await server.ctx.db.select().from(oidcSignInRequests);
    expect(after).toHaveLength(1);
    expect(before.map((row) => row.id)).not.toContain(after[0]?.id);
  });
});
