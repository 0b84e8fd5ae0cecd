import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installCanonicalOrigin } from './canonical-origin.ts';

async function ask(publicUrl: string, host: string, init: { method?: 'GET' | 'HEAD' | 'POST'; accept?: string; navigate?: boolean } = {}) {
  const app = Fastify();
  installCanonicalOrigin(app, publicUrl);
  app.all('/*', async () => 'page');
  const headers = { host, accept: init.accept ?? 'text/html', ...(init.navigate ? { 'sec-fetch-mode': 'navigate' } : {}) };
  const response = await app.inject({ method: init.method ?? 'GET', url: '/campaigns?x=1', headers });
  await app.close();
  return { status: response.statusCode, location: response.headers.location };
}

describe('canonical origin', () => {
  it('redirects page requests for another loopback name on the same port, keeping path and query', async () => {
    expect(await ask('http://localhost:3000', '127.0.0.1:3000')).toEqual({ status: 307, location: 'http://localhost:3000/campaigns?x=1' });
    expect(await ask('http://localhost:3000', '[::1]:3000')).toEqual({ status: 307, location: 'http://localhost:3000/campaigns?x=1' });
    expect(await ask('http://127.0.0.1:3000', 'localhost:3000', { method: 'HEAD' })).toEqual({ status: 307, location: 'http://127.0.0.1:3000/campaigns?x=1' });
    expect(await ask('http://localhost:3000', '127.0.0.1:3000', { accept: '*/*', navigate: true })).toEqual({ status: 307, location: 'http://localhost:3000/campaigns?x=1' });
  });

  it('leaves the public host, other ports, other hosts and API calls alone', async () => {
    expect((await ask('http://localhost:3000', 'localhost:3000')).status).toBe(200);
    expect((await ask('http://localhost:3000', '127.0.0.1:4000')).status).toBe(200);
    expect((await ask('http://localhost:3000', '192.168.1.20:3000')).status).toBe(200);
    expect((await ask('http://localhost:3000', '127.0.0.1:3000', { accept: 'application/json' })).status).toBe(200);
    expect((await ask('http://localhost:3000', '127.0.0.1:3000', { method: 'POST' })).status).toBe(200);
    expect((await ask('https://adloop.example.com', '127.0.0.1:3000')).status).toBe(200);
  });
});
