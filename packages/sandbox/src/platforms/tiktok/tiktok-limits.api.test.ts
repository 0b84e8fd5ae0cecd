import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../control/start-sandbox.ts';
import { at, postJson, TEST_START, tiktokGet, tiktokToken } from '../../testing/sandbox-test.helpers.ts';

let sandbox: RunningSandbox;
let t: string;
let token: string;
let usd: string;
const campaigns = (): Promise<unknown> => tiktokGet(t, 'campaign/get/', token, { advertiser_id: usd });
const fault = (body: Record<string, unknown>): Promise<unknown> => postJson(`${sandbox.urls.control}/control/faults`, { platform: 'tiktok', count: 1, ...body });

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, clock: TEST_START, settings: { tiktok: { qps: 3, qpm: 1000 } } });
  t = sandbox.urls.tiktok;
  usd = [...sandbox.simulator.world().platforms.tiktok.accounts.values()].find((a) => a.currency === 'USD' && !a.isManager)?.id ?? '';
  token = (await tiktokToken(t, [usd])).access_token;
});
afterAll(async () => sandbox.close());

describe('TikTok sandbox: rate limits and faults', () => {
  it('throttles past the per-endpoint QPS with code 40100, HTTP 200 and no rate headers, then recovers', async () => {
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
    // Four requests at once, so a slow machine cannot spread them over two one-second windows.
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => fetch(`${t}/open_api/v1.3/campaign/get/?advertiser_id=${usd}`, { headers: { 'Access-Token': token } })),
    );
    const results = [];
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(res.headers.get('retry-after')).toBeNull();
      results.push(at(await res.json(), 'code'));
    }
    expect(results.sort()).toEqual([0, 0, 0, 40100]);
    expect(at(await tiktokGet(t, 'adgroup/get/', token, { advertiser_id: usd }), 'code')).toBe(0);
    await new Promise((r) => setTimeout(r, 1050));
    expect(at(await campaigns(), 'code')).toBe(0);
  });

  it('answers injected faults in the envelope, and outages with HTTP 503', async () => {
    await fault({ kind: 'rate_limit', accountId: usd, code: 40133 });
    expect(at(await tiktokGet(t, 'ad/get/', token, { advertiser_id: usd }), 'code')).toBe(40133);
    await fault({ kind: 'server_error' });
    expect(at(await tiktokGet(t, 'ad/get/', token, { advertiser_id: usd }), 'code')).toBe(50000);
    await fault({ kind: 'server_error', code: 40202 });
    expect(at(await tiktokGet(t, 'ad/get/', token, { advertiser_id: usd }), 'code')).toBe(40202);
    await fault({ kind: 'platform_down' });
    expect((await fetch(`${t}/open_api/v1.3/ad/get/?advertiser_id=${usd}`, { headers: { 'Access-Token': token } })).status).toBe(503);
    await fault({ kind: 'token_expired' });
    expect(at(await tiktokGet(t, 'ad/get/', token, { advertiser_id: usd }), 'code')).toBe(40102);
    await fault({ kind: 'token_revoked', accountId: usd });
    expect(at(await tiktokGet(t, 'ad/get/', token, { advertiser_id: usd }), 'code')).toBe(40105);
    expect(at(await tiktokGet(t, 'ad/get/', token, { advertiser_id: usd }), 'code')).toBe(40105);
  });
});
