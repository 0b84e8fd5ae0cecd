import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../setup/server.ts';

const TOKEN = 'operators-token-0123456789';

describe('API reference in production mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ isProduction: true, mode: 'production', metricsToken: TOKEN });
  });
  afterAll(async () => server?.close());

  it('answers 401 without the token and serves the reference with it', async () => {
    const client = server.client();
    for (const path of ['/api/docs', '/api/v1/openapi.json']) {
      expect((await client.get(path)).status).toBe(401);
      expect((await client.get(path, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    }
    const document = await client.get('/api/v1/openapi.json', { authorization: `Bearer ${TOKEN}` });
    expect(document.status).toBe(200);
    expect(document.text).toContain('"openapi"');
    expect((await client.get('/api/docs', { authorization: `Bearer ${TOKEN}` })).status).toBeLessThan(400);
    expect((await client.get('/api/health')).status).toBe(200);
  });
});
