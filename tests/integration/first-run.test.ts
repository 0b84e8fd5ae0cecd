import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoOfferResponse } from '@adloop/contracts';
import { seedDemoIfEmpty } from '../../apps/server/src/modules/demo/demo.seed.ts';
import { testConfig } from '../../apps/server/src/platform/config.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser } from '../setup/auth-helpers.ts';
import { TestClient } from '../setup/http-client.ts';
import { sandboxAccounts } from '../setup/connect-helpers.ts';
import { freePort } from '../setup/ports.ts';


const PAGE = { accept: 'text/html,application/xhtml+xml' };

describe('first run in sandbox mode', () => {
  let server: TestServer;
  let canonical: string;
  let other: string;

  beforeAll(async () => {
    const port = await freePort();
    canonical = `http://localhost:${port}`;
    other = `http://127.0.0.1:${port}`;
    // As `npm start` runs it: listening on 127.0.0.1, PUBLIC_URL defaulting to localhost on the same port.
    server = await startTestServer({ port, host: '127.0.0.1', publicUrl: canonical });
  }, 180_000);
  afterAll(async () => server?.close());

  it('offers the demo sign-in on the sign-in page once the demo exists, and it signs in', async () => {
    const before = await server.client().get<DemoOfferResponse>('/api/v1/demo');
    expect(before.body).toEqual({ sandboxMode: true, demo: null });
    const seeded = await seedDemoIfEmpty(server.ctx.db, server.ctx.secretKey);
    const offer = (await server.client().get<DemoOfferResponse>('/api/v1/demo')).body;
    expect(offer).toEqual({ sandboxMode: true, demo: { email: seeded?.email, password: seeded?.password } });
    const signIn = await server.client().post('/api/v1/auth/sign-in', { email: offer.demo?.email, password: offer.demo?.password });
    expect(signIn.status).toBe(200);
  });

  it('sends a browser that opens the other loopback address to the public URL, keeping path and query', async () => {
    for (const method of ['GET', 'HEAD']) {
      const page = await fetch(`${other}/orgs/x/campaigns?status=active&q=a%20b`, { method, headers: PAGE, redirect: 'manual' });
      expect(page.status).toBe(307);
      expect(page.headers.get('location')).toBe(`${canonical}/orgs/x/campaigns?status=active&q=a%20b`);
    }
  });

  it('leaves the public URL itself and programs calling the API alone', async () => {
    const onCanonical = await fetch(`${canonical}/api/health`, { headers: PAGE, redirect: 'manual' });
    expect(onCanonical.status).toBe(200);
    const program = await fetch(`${other}/api/health`, { redirect: 'manual' });
    expect(program.status).toBe(200);
  });

  it('completes a connection started on the public URL, with verification links on it too', async () => {
    const person = await signUpVerifiedUser(server, { organizationName: 'Origin Checks' });
    const mail = await server.waitForEmail(person.email, /verify/i);
    expect(mail.links.every((link) => new URL(link).origin === canonical)).toBe(true);

    const browser = new TestClient(canonical);
    expect((await browser.post('/api/v1/auth/sign-in', { email: person.email, password: person.password })).status).toBe(200);
    const orgId = person.orgId!;
    const started = await browser.post<{ authorizeUrl: string }>(`/api/v1/orgs/${orgId}/connections/authorize`, { platform: 'meta' });
    expect(started.status).toBe(201);
    const authorizeUrl = new URL(started.body.authorizeUrl);
    expect(new URL(authorizeUrl.searchParams.get('redirect_uri') ?? '').origin).toBe(canonical);

    const form = new URLSearchParams(authorizeUrl.searchParams);
    form.append('account', sandboxAccounts(server, 'meta').filter((a) => !a.isManager)[0]!.id);
    form.set('decision', 'allow');
    const consent = await fetch(`${authorizeUrl.origin}${authorizeUrl.pathname}`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const back = new URL(consent.headers.get('location') ?? '');
    expect(back.origin).toBe(canonical);
    const landed = await browser.get(`${back.pathname}${back.search}`, PAGE);
    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toMatch(new RegExp(`^/orgs/${orgId}/connections\\?pick=[0-9a-f-]{36}$`));
  });

});

describe('the demo offer in production mode', () => {
  let production: TestServer;
  beforeAll(async () => {
    production = await startTestServer({ mode: 'production', isProduction: true, sandboxPlatforms: { ...testConfig().sandboxPlatforms, enabled: false } });
  }, 180_000);
  afterAll(async () => production?.close());

  it('is never made, even with a demo user in the database', async () => {
    await seedDemoIfEmpty(production.ctx.db, production.ctx.secretKey);
    const offer = await production.client().get<DemoOfferResponse>('/api/v1/demo');
    expect(offer.status).toBe(200);
    expect(offer.body).toEqual({ sandboxMode: false, demo: null });
  });
});
