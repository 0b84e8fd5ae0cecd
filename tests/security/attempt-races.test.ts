import { generate } from 'otplib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMAIL_FAILURE_LIMIT } from '../../apps/server/src/modules/auth/throttle.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser } from '../setup/auth-helpers.ts';
import type { TestResponse } from '../setup/http-client.ts';

const MINUTE = 60_000;
/** Answers that were not refused by the throttle: the secret was checked for each of them. */
const checked = (responses: TestResponse[]) => responses.filter((r) => r.status !== 429).length;

describe('parallel guesses stay within the attempt limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  beforeEach(() => server.clock.advance(16 * MINUTE));
  afterAll(async () => server?.close());

  it('checks at most the allowed number of 50 concurrent passwords, even when one is right', async () => {
    const { email, password } = await signUpVerifiedUser(server);
    const guesses = Array.from({ length: 50 }, (_, i) => (i === 37 ? password : `Wrong-Password-${i}`));
    const responses = await Promise.all(guesses.map((guess) => server.client().post('/api/v1/auth/sign-in', { email, password: guess })));
    expect(checked(responses)).toBe(EMAIL_FAILURE_LIMIT);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(50 - EMAIL_FAILURE_LIMIT);
  });

  it('checks at most the allowed number of 60 concurrent second-factor codes', async () => {
    const user = await signUpVerifiedUser(server);
    const setup = await user.client.post('/api/v1/me/mfa/setup');
    const epoch = Math.floor(server.clock.now().getTime() / 1000);
    expect((await user.client.post('/api/v1/me/mfa/enable', { code: await generate({ secret: setup.body.secret, epoch }) })).status).toBe(200);
    server.clock.advance(16 * MINUTE);
    const pending = server.client();
    expect((await pending.post('/api/v1/auth/sign-in', { email: user.email, password: user.password })).body.status).toBe('mfa_required');
    const codes = Array.from({ length: 60 }, (_, i) => (i % 2 ? String(100000 + i) : `wrong-recovery-${i}`));
    const responses = await Promise.all(codes.map((code) => pending.post('/api/v1/auth/sign-in/mfa', { code })));
    expect(checked(responses)).toBe(EMAIL_FAILURE_LIMIT);
  });

  it('checks at most the allowed number of 50 concurrent password re-checks', async () => {
    const user = await signUpVerifiedUser(server);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        user.client.post('/api/v1/me/password', { currentPassword: `Wrong-Password-${i}`, newPassword: 'Another-Long-Lantern-77' }),
      ),
    );
    expect(checked(responses)).toBe(EMAIL_FAILURE_LIMIT);
    expect(responses.filter((r) => r.status === 400).every((r) => r.body.error.details.issues[0].field === 'currentPassword')).toBe(true);
  });
});
