import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../control/start-sandbox.ts';
import { ACCOUNT_SPECS } from '../simulator/world-catalog.ts';
import { DNS, REBINDING_HOST, SITES } from './web-sites.ts';

function get(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('landing-page sandbox', () => {
  let sandbox: RunningSandbox;
  let base = '';
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 5 });
    base = sandbox.urls.web ?? '';
  });
  afterAll(async () => sandbox?.close());

  it('starts with the platform sandboxes', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.web.url).toBe(base);
  });

  it('has a site for every seeded advertiser brand, each with a DNS record', () => {
    const brands = new Set(Object.values(ACCOUNT_SPECS).flat().map((spec) => spec.name.split(/ (?:Outdoor|Skincare|Tea|Bikes|Coffee)\b/)[0]?.toLowerCase()));
    for (const brand of brands) expect(SITES.some((site) => site.host.startsWith(`${brand}-`)), String(brand)).toBe(true);
    for (const site of SITES) expect(DNS[site.host] !== undefined || site.host === REBINDING_HOST, site.host).toBe(true);
  });

  it('answers DNS for its names and 404 for others', async () => {
    const found = await get(base, '/dns?name=lumen-skincare.example');
    expect(found.status).toBe(200);
    expect(JSON.parse(found.body)).toEqual({ name: 'lumen-skincare.example', addresses: [{ address: '93.184.215.20', family: 4 }, { address: '2606:2800:21f:cb07::20', family: 6 }] });
    expect((await get(base, '/dns?name=nowhere.example')).status).toBe(404);
  });

  it('serves a page by Host header and logs what it was asked', async () => {
    const page = await get(base, '/matcha', { host: 'sakura-tea.example', 'x-sandbox-scheme': 'https', 'x-sandbox-address': '93.184.215.30' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<title>Ceremonial Matcha | Sakura Tea</title>');
    expect(sandbox.web.requests.at(-1)).toEqual({ host: 'sakura-tea.example', path: '/matcha', scheme: 'https', address: '93.184.215.30' });
    expect((await get(base, '/nope', { host: 'sakura-tea.example' })).status).toBe(404);
  });

  it('misbehaves on cue: redirects, http-only, other content types', async () => {
    const moved = await get(base, '/old-sale', { host: 'northwind-outdoor.example', 'x-sandbox-scheme': 'https' });
    expect(moved).toMatchObject({ status: 301, headers: expect.objectContaining({ location: '/sale' }) });
    await expect(get(base, '/', { host: 'pacific-bikes.example', 'x-sandbox-scheme': 'https' })).rejects.toThrow();
    expect((await get(base, '/', { host: 'pacific-bikes.example', 'x-sandbox-scheme': 'http' })).status).toBe(200);
    expect((await get(base, '/price-list.pdf', { host: 'sakura-tea.example' })).headers['content-type']).toBe('application/pdf');
  });
});
