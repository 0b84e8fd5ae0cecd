import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMAIL_REQUEST_LIMITS } from '../../apps/server/src/modules/auth/email-requests.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { GOOD_PASSWORD, signUpVerifiedUser, uniqueEmail } from '../setup/auth-helpers.ts';

const MINUTE = 60_000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe('requests that send email', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  beforeEach(() => server.clock.advance(16 * MINUTE));
  afterAll(async () => server?.close());

  const post = (path: string, body: object) => server.client().post(path, body);

  it('stops reset emails to one address after the limit, known or not', async () => {
    const { email } = await signUpVerifiedUser(server);
    // The known address already had its sign-up email.
    for (const [address, allowed] of [[email, EMAIL_REQUEST_LIMITS.perEmail - 1], [uniqueEmail('nobody'), EMAIL_REQUEST_LIMITS.perEmail]] as const) {
      const statuses: number[] = [];
      for (let i = 0; i <= allowed; i++) statuses.push((await post('/api/v1/auth/forgot-password', { email: address })).status);
      expect(statuses.slice(0, -1).every((status) => status === 202)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    }
  });

  it('counts verification resends and sign-ups toward the same limit', async () => {
    const email = uniqueEmail('flood');
    expect((await post('/api/v1/auth/sign-up', { email, password: GOOD_PASSWORD, name: 'Flood' })).status).toBe(201);
    for (let i = 1; i < EMAIL_REQUEST_LIMITS.perEmail; i++) expect((await post('/api/v1/auth/resend-verification', { email })).status).toBe(202);
    const refused = await post('/api/v1/auth/sign-up', { email, password: GOOD_PASSWORD, name: 'Flood' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post('/api/v1/auth/resend-verification', { email })).status).toBe(429);
  });

  it('answers forgot-password as fast for a known address as for an unknown one', async () => {
    const known: string[] = [];
    for (let i = 0; i < 12; i++) {
      const email = uniqueEmail(`known${i}`);
      expect((await post('/api/v1/auth/sign-up', { email, password: GOOD_PASSWORD, name: 'Known' })).status).toBe(201);
      known.push(email);
    }
    const timed = async (email: string) => {
      const started = performance.now();
      expect((await post('/api/v1/auth/forgot-password', { email })).status).toBe(202);
      return performance.now() - started;
    };
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (const email of known) {
      knownMs.push(await timed(email));
      unknownMs.push(await timed(uniqueEmail('ghost')));
      // Let the previous request's email work finish, so neither kind waits behind it.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    // The probe told them apart at 9 ms against 4 ms; the same work leaves only noise.
    expect(median(knownMs)).toBeLessThan(median(unknownMs) * 1.5 + 5);
  });
});
