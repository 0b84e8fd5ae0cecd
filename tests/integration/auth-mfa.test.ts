import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@adloop/db';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';

const STEP = 30_000;

describe('two-factor authentication', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  /** The code an authenticator app shows at the server's (manual) time. */
  const totp = (secret: string) => generate({ secret, epoch: Math.floor(server.clock.now().getTime() / 1000) });

  async function enrol(user: SignedUpUser): Promise<{ secret: string; recoveryCodes: string[] }> {
    const setup = await user.client.post('/api/v1/me/mfa/setup');
    expect(setup.status).toBe(200);
    const { secret } = setup.body;
    const enable = await user.client.post('/api/v1/me/mfa/enable', { code: await totp(secret) });
    expect(enable.status).toBe(200);
    return { secret, recoveryCodes: enable.body.recoveryCodes };
  }

  async function passwordStep(user: SignedUpUser) {
    const client = server.client();
    const response = await client.post('/api/v1/auth/sign-in', { email: user.email, password: user.password });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'mfa_required' });
    return client;
  }

  it('enrols with a QR code, keeping the secret encrypted', async () => {
    const user = await signUpVerifiedUser(server);
    const setup = await user.client.post('/api/v1/me/mfa/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(setup.body.otpauthUrl).toContain(`secret=${setup.body.secret}`);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Adloop:/);
    expect(setup.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);

    const [row] = await server.ctx.db.select().from(users).where(eq(users.id, user.user.id));
    expect(row?.mfaSecretEnc).toMatch(/^v1\./);
    expect(row?.mfaSecretEnc).not.toContain(setup.body.secret);

    const bad = await user.client.post('/api/v1/me/mfa/enable', { code: '000000' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].field).toBe('code');
    const enable = await user.client.post('/api/v1/me/mfa/enable', { code: await totp(setup.body.secret) });
    expect(enable.status).toBe(200);
    expect(enable.body.recoveryCodes).toHaveLength(10);
    expect(new Set(enable.body.recoveryCodes).size).toBe(10);
    expect((await user.client.get('/api/v1/me')).body.user.mfaEnabled).toBe(true);
    expect((await user.client.post('/api/v1/me/mfa/setup')).status).toBe(409);
  });

  it('signs in with a TOTP code in a new session, and refuses the same code twice', async () => {
    const user = await signUpVerifiedUser(server);
    const { secret } = await enrol(user);
    server.clock.advance(STEP);

    const client = await passwordStep(user);
    const pendingToken = client.cookies.get('adloop_session');
    expect((await client.get('/api/v1/me')).status).toBe(401);

    const code = await totp(secret);
    const done = await client.post('/api/v1/auth/sign-in/mfa', { code });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'signed_in', user: { email: user.email, mfaEnabled: true } });
    expect(client.cookies.get('adloop_session')).not.toBe(pendingToken);
    expect((await client.get('/api/v1/me')).status).toBe(200);

    const again = await passwordStep(user);
    const replay = await again.post('/api/v1/auth/sign-in/mfa', { code });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('invalid_credentials');
    server.clock.advance(STEP);
    expect((await again.post('/api/v1/auth/sign-in/mfa', { code: await totp(secret) })).status).toBe(200);
  });

  it('accepts each recovery code once', async () => {
    const user = await signUpVerifiedUser(server);
    const { recoveryCodes } = await enrol(user);
    const [first] = recoveryCodes;

    const client = await passwordStep(user);
    expect((await client.post('/api/v1/auth/sign-in/mfa', { code: first?.toUpperCase() })).status).toBe(200);
    const second = await passwordStep(user);
    expect((await second.post('/api/v1/auth/sign-in/mfa', { code: first })).status).toBe(401);
    expect((await second.post('/api/v1/auth/sign-in/mfa', { code: recoveryCodes[1] })).status).toBe(200);
  });

  it('expires the pending sign-in after 10 minutes and needs the CSRF header', async () => {
    const user = await signUpVerifiedUser(server);
    const { secret } = await enrol(user);
    const client = await passwordStep(user);
    const noCsrf = await client.post('/api/v1/auth/sign-in/mfa', { code: '123456' }, { 'x-csrf-token': 'nope' });
    expect(noCsrf.status).toBe(403);
    server.clock.advance(11 * 60_000);
    const late = await client.post('/api/v1/auth/sign-in/mfa', { code: await totp(secret) });
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('unauthenticated');
  });

  it('counts wrong codes toward the throttle', async () => {
    const user = await signUpVerifiedUser(server);
    await enrol(user);
    const client = await passwordStep(user);
    for (let i = 0; i < 10; i++) {
      expect((await client.post('/api/v1/auth/sign-in/mfa', { code: String(100000 + i) })).status).toBe(401);
    }
    const locked = await client.post('/api/v1/auth/sign-in/mfa', { code: '999999' });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    server.clock.advance(16 * 60_000);
  });

  it('disables with the password and a code', async () => {
    const user = await signUpVerifiedUser(server);
    const { secret } = await enrol(user);
    server.clock.advance(STEP);
    const client = await passwordStep(user);
    await client.post('/api/v1/auth/sign-in/mfa', { code: await totp(secret) });
    server.clock.advance(STEP);

    const wrongPassword = await client.post('/api/v1/me/mfa/disable', { password: 'Not-My-Password-1', code: await totp(secret) });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.body.error.details.issues[0].field).toBe('password');
    const wrongCode = await client.post('/api/v1/me/mfa/disable', { password: user.password, code: '000000' });
    expect(wrongCode.body.error.details.issues[0].field).toBe('code');

    const ok = await client.post('/api/v1/me/mfa/disable', { password: user.password, code: await totp(secret) });
    expect(ok.status).toBe(200);
    const signIn = await server.client().post('/api/v1/auth/sign-in', { email: user.email, password: user.password });
    expect(signIn.body.status).toBe('signed_in');
  });
});
