import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWebSandbox, type RunningWebSandbox } from '@adloop/sandbox';
import { checkLandingPage } from './landing-page.ts';
import { sandboxResolver, type ResolvedAddress } from './resolver.ts';
import { sandboxConnector, type Connector } from './transport.ts';

/** Landing-page checks in sandbox mode: the product's layer over real sockets to the landing-page sandbox. */
describe('checkLandingPage against the landing-page sandbox', () => {
  let web: RunningWebSandbox;
  let ctx: { sandboxUrls: { googleAds: string; meta: string; tiktok: string; control: string; web: string } };
  beforeAll(async () => {
    web = await startWebSandbox();
    ctx = { sandboxUrls: { googleAds: '', meta: '', tiktok: '', control: '', web: web.url } };
  });
  afterAll(async () => web?.close());
  beforeEach(() => {
    web.requests.length = 0;
  });

  it('reads a working page: status, title and visible text', async () => {
    const result = await checkLandingPage(ctx, 'https://northwind-outdoor.example/tents');
    expect(result).toMatchObject({
      url: 'https://northwind-outdoor.example/tents', ok: true, https: true, status: 200,
      finalUrl: 'https://northwind-outdoor.example/tents', title: 'Ultralight Tents | Northwind Outdoor', message: null,
    });
    expect(result.text).toContain('Two-person tents from 1.2 kg.');
    expect(result.text).not.toMatch(/dataLayer|font-family/);
    expect(web.requests).toEqual([{ host: 'northwind-outdoor.example', path: '/tents', scheme: 'https', address: '93.184.215.10' }]);
  });

  it('caps the text it returns', async () => {
    const result = await checkLandingPage(ctx, 'https://lumen-skincare.example/de/', { maxTextChars: 40 });
    expect(result.ok).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(40);
  });

  it('follows a redirect on the same site and one to another host, each checked again', async () => {
    const same = await checkLandingPage(ctx, 'https://northwind-outdoor.example/old-sale');
    expect(same).toMatchObject({ ok: true, status: 200, finalUrl: 'https://northwind-outdoor.example/sale', title: 'Summer Sale – Northwind Outdoor' });
    expect(same.message).toContain('redirects to https://northwind-outdoor.example/sale');
    const other = await checkLandingPage(ctx, 'https://northwind-outdoor.example/spring');
    expect(other).toMatchObject({ ok: true, finalUrl: 'https://www.northwind-outdoor.example/spring-collection' });
    expect(web.requests.at(-1)).toMatchObject({ host: 'www.northwind-outdoor.example', address: '93.184.215.11' });
  });

  it('stops after 5 redirects', async () => {
    const result = await checkLandingPage(ctx, 'https://northwind-outdoor.example/loop');
    expect(result).toMatchObject({ ok: false, status: 302, message: 'The landing page redirects more than 5 times.' });
    expect(web.requests).toHaveLength(6);
  });

  it('refuses a redirect from https to http', async () => {
    const result = await checkLandingPage(ctx, 'https://lumen-skincare.example/angebot');
    expect(result).toMatchObject({ ok: false, https: false, finalUrl: 'http://lumen-skincare.example/angebot' });
    expect(result.message).toMatch(/from https to an insecure http page/);
    expect(web.requests).toHaveLength(1);
  });

  it('refuses redirects into a private network or to the metadata service, without connecting', async () => {
    const intranet = await checkLandingPage(ctx, 'https://northwind-outdoor.example/intranet-link');
    expect(intranet).toMatchObject({ ok: false, finalUrl: 'https://intranet.northwind-outdoor.example/' });
    expect(intranet.message).toMatch(/resolves to 10\.0\.0\.12, which is a private network/);
    const metadata = await checkLandingPage(ctx, 'https://northwind-outdoor.example/metadata-link-https');
    expect(metadata.message).toMatch(/169\.254\.169\.254.*cloud metadata service/);
    const metadataHttp = await checkLandingPage(ctx, 'https://northwind-outdoor.example/metadata-link');
    expect(metadataHttp).toMatchObject({ ok: false, https: false });
    expect(web.requests.map((r) => r.host)).toEqual(['northwind-outdoor.example', 'northwind-outdoor.example', 'northwind-outdoor.example']);
  });

  it.each([
    ['https://admin.lumen-skincare.example/', /127\.0\.0\.1, which is loopback/],
    ['https://metadata.sakura-tea.example/latest/meta-data/', /169\.254\.169\.254, which is the cloud metadata service/],
    ['https://mapped.sakura-tea.example/', /::ffff:192\.168\.1\.20, which is a private network \(IPv4-mapped\)/],
    ['https://ula.harbor-coffee.example/', /fd00:ec2::254, which is a unique local/],
    ['https://mixed.harbor-coffee.example/', /172\.16\.5\.4, which is a private network/],
  ])('refuses %s by its DNS answer, before connecting', async (url, message) => {
    const result = await checkLandingPage(ctx, url);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(message);
    expect(web.requests).toEqual([]);
  });

  it('connects to the address it checked: a name that rebinds to loopback cannot steer the connection', async () => {
    const lookups: string[] = [];
    const resolve = sandboxResolver(web.url);
    const connected: ResolvedAddress[] = [];
    const connect = sandboxConnector(web.url);
    const recording: Connector = (hop) => {
      connected.push(hop.address);
      return connect(hop);
    };
    const options = { resolver: async (name: string, signal: AbortSignal) => (lookups.push(name), resolve(name, signal)), connector: recording };
    const first = await checkLandingPage(ctx, 'https://promo.harbor-coffee.example/', options);
    expect(first).toMatchObject({ ok: true, title: 'Harbor Coffee – Winter Blend' });
    expect(lookups).toEqual(['promo.harbor-coffee.example']);
    expect(connected).toEqual([{ address: '93.184.215.52', family: 4 }]);
    expect(web.requests).toEqual([expect.objectContaining({ host: 'promo.harbor-coffee.example', address: '93.184.215.52' })]);
    const second = await checkLandingPage(ctx, 'https://promo.harbor-coffee.example/', options);
    expect(second.message).toMatch(/resolves to 127\.0\.0\.1, which is loopback/);
    expect(connected).toHaveLength(1);
  });

  it('reads a site over IPv6', async () => {
    const result = await checkLandingPage(ctx, 'https://v6.sakura-tea.example/');
    expect(result).toMatchObject({ ok: true, title: 'Sakura Tea over IPv6' });
    expect(web.requests[0]?.address).toBe('2606:2800:21f:cb07::30');
  });

  it('says when a page is gone or broken', async () => {
    expect(await checkLandingPage(ctx, 'https://northwind-outdoor.example/discontinued')).toMatchObject({ ok: false, https: true, status: 404, message: expect.stringMatching(/answered 404 Not Found/) });
    expect(await checkLandingPage(ctx, 'https://northwind-outdoor.example/checkout-down')).toMatchObject({ ok: false, status: 503 });
  });

  it('says when the site does not exist', async () => {
    const result = await checkLandingPage(ctx, 'https://no-such-shop.example/');
    expect(result).toMatchObject({ ok: false, status: null, message: 'no-such-shop.example was not found (no DNS record): check the address.' });
  });

  it('refuses a site that only serves plain http', async () => {
    const result = await checkLandingPage(ctx, 'https://pacific-bikes.example/e-bikes');
    expect(result).toMatchObject({ ok: false, https: false });
    expect(result.message).toMatch(/closed the connection before answering \(it may not serve https\)/);
    expect(await checkLandingPage(ctx, 'http://pacific-bikes.example/e-bikes')).toMatchObject({ ok: false, https: false, message: expect.stringMatching(/must use https/) });
  });

  it('gives up on a slow page at the deadline', async () => {
    const started = Date.now();
    const result = await checkLandingPage(ctx, 'https://northwind-outdoor.example/slow', { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result).toMatchObject({ ok: false, https: true, message: 'northwind-outdoor.example did not answer within 0.3 s.' });
  });

  it('refuses what is not a web page', async () => {
    expect((await checkLandingPage(ctx, 'https://sakura-tea.example/price-list.pdf')).message).toBe('The landing page is not a web page (it is application/pdf).');
    expect((await checkLandingPage(ctx, 'https://harbor-coffee.example/menu.json')).ok).toBe(false);
  });

  it('reads no more than the size cap of a huge page', async () => {
    const result = await checkLandingPage(ctx, 'https://sakura-tea.example/catalogue', { maxBytes: 64 * 1024 });
    expect(result).toMatchObject({ ok: true, title: 'Full catalogue | Sakura Tea' });
    expect(result.message).toMatch(/larger than 64 KB; only the first part was read/);
    expect(result.text.length).toBeLessThanOrEqual(4_000);
  });

  it('never throws on bad input', async () => {
    for (const input of [null, undefined, 7, {}, [], '', '   ', 'not a url', 'https://', 'https://[::1', '\u0000']) {
      const result = await checkLandingPage(ctx, input);
      expect(result.ok).toBe(false);
      expect(result.message).toEqual(expect.any(String));
    }
    expect(web.requests).toEqual([]);
  });
});

describe('checkLandingPage on the real network path', () => {
  const ctx = { sandboxUrls: null };

  it.each([
    ['https://localhost/', /not a public site name/],
    ['https://127.0.0.1/', /loopback/],
    ['https://[::1]/', /loopback/],
    ['https://[::ffff:127.0.0.1]/', /loopback/],
    ['https://169.254.169.254/latest/meta-data/', /metadata/],
    ['https://[fd00:ec2::254]/', /unique local/],
  ])('refuses %s before any connection', async (url, message) => {
    const result = await checkLandingPage(ctx, url);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(message);
  });

  it('refuses a public-looking name whose DNS answer is private (the resolver decides, then the guard)', async () => {
    const result = await checkLandingPage(ctx, 'https://shop.example.com/', {
      resolver: () => Promise.resolve([{ address: '192.168.0.7', family: 4 }]),
      connector: () => Promise.reject(new Error('must not connect')),
    });
    expect(result.message).toMatch(/resolves to 192\.168\.0\.7, which is a private network/);
  });
});
