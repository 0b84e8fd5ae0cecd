import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_FAILURE_LIMIT } from '../../apps/server/src/modules/auth/throttle.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser } from '../setup/auth-helpers.ts';

describe('strangers guessing a password do not lock the owner out', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('lets the owner in from a browser that signed in before, while strangers stay limited', async () => {
    const owner = await signUpVerifiedUser(server);
    expect(owner.client.cookies.get('adloop_device')).toMatch(/^[\w-]+\.[\w-]+$/);
    expect((await owner.client.post('/api/v1/auth/sign-out')).status).toBe(204);

    const stranger = server.client();
    for (let i = 0; i < EMAIL_FAILURE_LIMIT; i++) {
      expect((await stranger.post('/api/v1/auth/sign-in', { email: owner.email, password: `Guess-Number-${i}` })).status).toBe(401);
    }
    expect((await stranger.post('/api/v1/auth/sign-in', { email: owner.email, password: owner.password })).status).toBe(429);
    // A new browser (no device cookie) is held back like the stranger.
    expect((await server.client().post('/api/v1/auth/sign-in', { email: owner.email, password: owner.password })).status).toBe(429);

    const back = await owner.client.post('/api/v1/auth/sign-in', { email: owner.email, password: owner.password });
    expect(back.status).toBe(200);
    expect(back.body.status).toBe('signed_in');
  });

  it('does not accept a device cookie made for another account or tampered with', async () => {
    const victim = await signUpVerifiedUser(server);
    const other = await signUpVerifiedUser(server);
    const othersDevice = other.client.cookies.get('adloop_device') ?? '';
    for (let i = 0; i < EMAIL_FAILURE_LIMIT; i++) await server.client().post('/api/v1/auth/sign-in', { email: victim.email, password: `Guess-Number-${i}` });
    for (const cookie of [othersDevice, `${othersDevice}x`, 'forged.value']) {
      const response = await server.client().post('/api/v1/auth/sign-in', { email: victim.email, password: 'Guess-Again-1' }, { cookie: `adloop_device=${cookie}` });
      expect(response.status).toBe(429);
    }
  });
});
