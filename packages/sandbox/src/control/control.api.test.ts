import { afterAll, describe, expect, it } from 'vitest';
import { at, googleTokens, postJson, TEST_START } from '../testing/sandbox-test.helpers.ts';
import { startSandbox, type RunningSandbox } from './start-sandbox.ts';

const running: RunningSandbox[] = [];
afterAll(async () => Promise.all(running.map((s) => s.close())));

async function hourlySpend(seed: number): Promise<unknown> {
  const sandbox = await startSandbox({ seed, clock: TEST_START });
  running.push(sandbox);
  const accounts = await (await fetch(`${sandbox.urls.control}/control/accounts?platform=google`)).json();
  const id = String(at(accounts, 'google', 1, 'id'));
  const { access_token } = await googleTokens(sandbox.urls.googleAds, [id]);
  const res = await postJson(`${sandbox.urls.googleAds}/v21/customers/${id}/googleAds:search`, {
    query: "SELECT campaign.id, segments.date, segments.hour, metrics.cost_micros, metrics.conversions FROM campaign WHERE segments.date DURING LAST_7_DAYS",
  }, { authorization: `Bearer ${access_token}` });
  return res.body;
}

describe('control API', () => {
  it('gives identical metrics across two starts with the same seed', async () => {
    const a = await hourlySpend(5);
    const b = await hourlySpend(5);
    expect(at(a, 'results', 0)).toBeDefined();
    expect(at(a, 'results')).toEqual(at(b, 'results'));
  });

  it('advances the clock, exposes ground truth and labels injected anomalies', async () => {
    const sandbox = await startSandbox({ seed: 9, clock: TEST_START });
    running.push(sandbox);
    const c = sandbox.urls.control;
    const moved = await postJson(`${c}/control/clock/advance`, { hours: 5 });
    expect(at(moved.body, 'now')).toBe('2026-06-15T17:00:00.000Z');
    const accountId = [...sandbox.simulator.world().platforms.tiktok.accounts.values()][1]?.id;
    const injected = await postJson(`${c}/control/anomalies`, { platform: 'tiktok', accountId, kind: 'cpc_spike', durationHours: 12 });
    expect(injected.status).toBe(201);
    const truth: unknown = await (await fetch(`${c}/control/ground-truth?platform=tiktok`)).json();
    expect((at(truth, 'anomalies') as unknown[]).some((a) => at(a, 'kind') === 'cpc_spike' && at(a, 'origin') === 'injected')).toBe(true);
    expect(typeof at(truth, 'campaigns', 0, 'responseCurve', 'halfSaturationMicros')).toBe('number');
    const bad = await postJson(`${c}/control/faults`, { platform: 'nowhere', kind: 'rate_limit' });
    expect(bad.status).toBe(400);
  });

  it('answers every request of a platform after the round trip set for it (one platform or all three)', async () => {
    const sandbox = await startSandbox({ seed: 3, clock: TEST_START });
    running.push(sandbox);
    const c = sandbox.urls.control;
    const put = (body: unknown) => fetch(`${c}/control/latency`, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect((await put({ platform: 'meta', ms: 300 })).status).toBe(200);
    expect(await (await fetch(`${c}/control/latency`)).json()).toEqual({ latencyMs: { google: 0, meta: 300, tiktok: 0 } });
    for (const wrong of [{ platform: 'meta', ms: -5 }, { platform: 'meta', ms: 1.5 }, { platform: 'meta' }, { platform: 'myspace', ms: 10 }]) {
      const res = await put(wrong);
      expect(res.status).toBe(400);
      expect(at(await res.json(), 'error', 'message')).toMatch(wrong.platform === 'myspace' ? /platform/ : /ms/);
    }
    // An unauthenticated Graph call still answers (with Meta's error) only after the round trip.
    let started = performance.now();
    const meta = await fetch(`${sandbox.urls.meta}/v23.0/me/adaccounts`);
    expect(meta.status).toBe(400);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    // Without a platform, all three.
    expect(await (await put({ ms: 200 })).json()).toEqual({ latencyMs: { google: 200, meta: 200, tiktok: 200 } });
    started = performance.now();
    await fetch(`${sandbox.urls.tiktok}/open_api/v1.3/advertiser/info/`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(await (await put({ ms: 0 })).json()).toEqual({ latencyMs: { google: 0, meta: 0, tiktok: 0 } });
  });
});
