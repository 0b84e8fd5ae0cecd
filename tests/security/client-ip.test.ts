import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/platform/config.ts';
import { IP_FAILURE_LIMIT } from '../../apps/server/src/modules/auth/throttle.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, uniqueEmail } from '../setup/auth-helpers.ts';

/** What a reverse proxy forwards: whatever the client sent, then the address it saw. */
const forwarded = (clientSent: string, seenByProxy: string) => ({ 'x-forwarded-for': `${clientSent}, ${seenByProxy}` });

describe.each([
  ['TRUST_PROXY=true (one proxy)', 'true'],
  ['TRUST_PROXY=<proxy address>', '127.0.0.1'],
])('a client behind %s cannot choose its IP', (_label, setting) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ trustProxy: loadConfig({ TRUST_PROXY: setting }).trustProxy });
  });
  afterAll(async () => server?.close());

  it('keeps counting failures per real address while the left-most X-Forwarded-For rotates', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= IP_FAILURE_LIMIT; i++) {
      const response = await server.client().post(
        '/api/v1/auth/sign-in',
        { email: uniqueEmail(`rotate${i}`), password: 'Wrong-Password-1' },
        forwarded(`10.9.${i}.${i}`, '198.51.100.7'),
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, IP_FAILURE_LIMIT).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('records the address the proxy saw on the session', async () => {
    const user = await signUpVerifiedUser(server);
    const client = server.client();
    const signIn = await client.post('/api/v1/auth/sign-in', { email: user.email, password: user.password }, forwarded('6.6.6.6', '203.0.113.44'));
    expect(signIn.status).toBe(200);
    const sessions = await client.get('/api/v1/me/sessions');
    const current = sessions.body.items.find((s: { current: boolean }) => s.current);
    expect(current.ip).toBe('203.0.113.44');
  });
});
