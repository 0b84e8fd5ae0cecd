import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../setup/server.ts';

describe('platform over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('answers liveness and readiness', async () => {
    const client = server.client();
    expect((await client.get('/api/health')).body).toEqual({ status: 'ok' });
    const ready = await client.get('/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: true, migrations: true } });
  });

  it('sends security headers and a request id', async () => {
    const response = await server.client().get('/api/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });

  it('answers unknown routes with the error shape', async () => {
    const response = await server.client().get('/api/v1/nope');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'not_found', message: 'No route for GET /api/v1/nope' } });
  });

  it('rejects malformed JSON, other media types and oversized bodies', async () => {
    const client = server.client();
    const bad = await client.request('DELETE', '/api/v1/dev/mailbox', '{"x":', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_json');
    const form = await client.request('DELETE', '/api/v1/dev/mailbox', 'a=b', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const huge = await client.request('DELETE', '/api/v1/dev/mailbox', JSON.stringify({ x: 'a'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('names the bad field in validation errors', async () => {
    const response = await server.client().get('/api/v1/dev/mailbox?limit=1000');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.details.issues[0]).toMatchObject({ location: 'querystring', field: 'limit' });
  });

  it('rejects unknown query fields', async () => {
    const response = await server.client().get('/api/v1/dev/mailbox?bogus=1');
    expect(response.status).toBe(400);
    expect(response.body.error.details.issues[0]).toMatchObject({ field: 'bogus', message: 'Unknown field' });
  });

  it('serves Prometheus metrics including request and job counts', async () => {
    await server.ctx.mailer.send({ to: 'metrics@example.com', subject: 'Hello', text: 'Hi', html: '<p>Hi</p>' });
    await server.waitForEmail('metrics@example.com');
    const response = await server.client().get('/metrics');
    expect(response.text).toContain('adloop_http_requests_total');
    expect(response.text).toMatch(/adloop_jobs\{queue="email.send",state="total"\}/);
  });

  it('runs the ad-platform sandboxes beside the product in sandbox mode', async () => {
    const urls = server.ctx.sandboxUrls;
    expect(urls).not.toBeNull();
    const state = await fetch(`${urls?.control}/control/state`).then((r) => r.json());
    expect(state).toMatchObject({ seed: 42 });
  });

  it('publishes the OpenAPI document and readable docs', async () => {
    const doc = await server.client().get('/api/v1/openapi.json');
    expect(doc.body.openapi).toBe('3.0.3');
    expect(Object.keys(doc.body.paths)).toContain('/api/ready');
    // Every $ref resolves inside the document, so generated clients and validators can read it.
    const refs = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.add(value);
          else walk(value);
        }
      }
    };
    walk(doc.body);
    expect(refs.size).toBeGreaterThan(10);
    const schemas = doc.body.components.schemas as Record<string, unknown>;
    const dangling = [...refs].filter((ref) => !(ref.startsWith('#/components/schemas/') && ref.slice('#/components/schemas/'.length) in schemas));
    expect(dangling).toEqual([]);
    const docs = await server.client().get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger');
  });
});

describe('platform behind https', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ publicUrl: 'https://adloop.example.com', isHttps: true });
  });
  afterAll(async () => server?.close());

  it('sends HSTS and marks cookies Secure', async () => {
    const response = await server.client().get('/api/health');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=31536000');
    const email = `https-${Date.now()}@example.com`;
    await server.client().post('/api/v1/auth/sign-up', { email, password: 'correct horse battery staple 9', name: 'Hana' });
    const verification = await server.waitForEmail(email);
    const token = new URL(verification.links[0] ?? '').searchParams.get('token');
    await server.client().post('/api/v1/auth/verify-email', { token });
    const signIn = await server.client().post('/api/v1/auth/sign-in', { email, password: 'correct horse battery staple 9' });
    const cookies = signIn.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure/i);
    expect(cookies.find((c) => c.startsWith('adloop_session='))).toMatch(/HttpOnly/i);
    expect(cookies.find((c) => c.startsWith('adloop_session='))).toMatch(/SameSite=Lax/i);
  });
});
