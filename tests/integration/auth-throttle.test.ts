import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, uniqueEmail } from '../setup/auth-helpers.ts';

const MINUTE = 60_000;

describe('sign-in throttling', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  // Every test starts with a clean 15-minute window (all requests come from 127.0.0.1).
  beforeEach(() => server.clock.advance(16 * MINUTE));
  afterAll(async () => server?.close());

  it('locks an account after 10 failures, with Retry-After, and lets it in after the window', async () => {
    const { email, password } = await signUpVerifiedUser(server);
    const client = server.client();
    for (let i = 0; i < 10; i++) {
      expect((await client.post('/api/v1/auth/sign-in', { email, password: `Wrong-Password-${i}` })).status).toBe(401);
      server.clock.advance(1000);
    }
    const locked = await client.post('/api/v1/auth/sign-in', { email, password });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    // Said as people write it: "15 minutes", never "15 minute(s)".
    expect(locked.body.error.message).toMatch(/Try again in 15 minutes\.$/);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60 - 15);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    // Other accounts are not affected.
    const other = await signUpVerifiedUser(server);
    expect((await server.client().post('/api/v1/auth/sign-in', { email: other.email, password: other.password })).status).toBe(200);

    server.clock.advance(retryAfter * 1000);
    expect((await client.post('/api/v1/auth/sign-in', { email, password })).status).toBe(200);
  });

  it('throttles unknown emails the same way, so lockouts reveal nothing', async () => {
    const email = uniqueEmail('ghost');
    for (let i = 0; i < 10; i++) await server.client().post('/api/v1/auth/sign-in', { email, password: 'Wrong-Password-1' });
    const response = await server.client().post('/api/v1/auth/sign-in', { email, password: 'Wrong-Password-1' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('locks an IP after 30 failures across accounts', async () => {
    for (let i = 0; i < 30; i++) {
      const response = await server.client().post('/api/v1/auth/sign-in', { email: uniqueEmail(`spray${i}`), password: 'Wrong-Password-1' });
      expect(response.status).toBe(401);
    }
    const { email, password } = { email: uniqueEmail('next'), password: 'Whatever-Password-1' };
    const response = await server.client().post('/api/v1/auth/sign-in', { email, password });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    server.clock.advance(16 * MINUTE);
    expect((await server.client().post('/api/v1/auth/sign-in', { email, password })).status).toBe(401);
  });
});
