import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser } from '../setup/auth-helpers.ts';

const METRICS_TOKEN = 'metrics-token-0123456789';

describe('HTTP policies', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ metricsToken: METRICS_TOKEN });
  });
  afterAll(async () => server?.close());

  it('asks for the metrics token and keeps health checks open', async () => {
    const client = server.client();
    expect((await client.get('/metrics')).status).toBe(401);
    expect((await client.get('/metrics', { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    const allowed = await client.get('/metrics', { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('adloop_');
    expect((await client.get('/api/health')).status).toBe(200);
  });

  it('marks authenticated API answers no-store', async () => {
    const user = await signUpVerifiedUser(server);
    const me = await user.client.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect((await user.client.get('/api/v1/me/sessions')).headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a CSRF cookie and header pair that was planted instead of issued for the session', async () => {
    const user = await signUpVerifiedUser(server);
    const planted = 'planted-by-someone-else';
    // A fresh client: only the headers below, as the victim's browser would send them.
    const response = await server.client().request('PATCH', '/api/v1/me', { name: 'Renamed' }, {
      cookie: `adloop_session=${user.client.cookies.get('adloop_session')}; adloop_csrf=${planted}`,
      'x-csrf-token': planted,
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('csrf_failed');
    // The token issued with the session still works.
    expect((await user.client.request('PATCH', '/api/v1/me', { name: 'Renamed' })).status).toBe(200);
  });
});
