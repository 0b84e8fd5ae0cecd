import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../control/start-sandbox.ts';
import { DEFAULT_SETTINGS } from '../../sandbox-options.ts';
import { at, postJson, REDIRECT, submitConsent, TEST_START } from '../../testing/sandbox-test.helpers.ts';

let sandbox: RunningSandbox;
let m: string;
let token: string;
let accountId: string;
const s = DEFAULT_SETTINGS.meta;

async function get(path: string, params: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const url = new URL(`${m}/v25.0${path}`);
  Object.entries({ access_token: token, ...params }).forEach(([k, v]) => url.searchParams.set(k, v));
  const res = await fetch(url);
  return { status: res.status, body: await res.json(), headers: res.headers };
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, clock: TEST_START, settings: { meta: { managementCallsPerHour: 40 } } });
  m = sandbox.urls.meta;
  accountId = [...sandbox.simulator.world().platforms.meta.accounts.values()].find((a) => a.currency === 'JPY')?.id ?? '';
  const back = await submitConsent(`${m}/v25.0/dialog/oauth`, { client_id: s.appId, redirect_uri: REDIRECT, state: 'st', scope: 'ads_read,ads_management' }, [accountId], 'allow');
  const code = back.searchParams.get('code') ?? '';
  const exchange = await fetch(`${m}/v25.0/oauth/access_token?client_id=${s.appId}&client_secret=${s.appSecret}&redirect_uri=${encodeURIComponent(REDIRECT)}&code=${code}`);
  const short = String(at(await exchange.json(), 'access_token'));
  const long = await fetch(`${m}/v25.0/oauth/access_token?grant_type=fb_exchange_token&client_id=${s.appId}&client_secret=${s.appSecret}&fb_exchange_token=${short}`);
  const longBody: unknown = await long.json();
  expect(at(longBody, 'expires_in')).toBe(5_184_000);
  token = String(at(longBody, 'access_token'));
});
afterAll(async () => sandbox.close());

describe('Meta sandbox', () => {
  it('introspects tokens with debug_token and lists granted ad accounts', async () => {
    const debug = await get('/debug_token', { input_token: token, access_token: `${s.appId}|${s.appSecret}` });
    expect(at(debug.body, 'data', 'is_valid')).toBe(true);
    const accounts = await get('/me/adaccounts', { fields: 'id,account_id,currency,timezone_name' });
    expect(at(accounts.body, 'data', 0, 'id')).toBe(`act_${accountId}`);
    expect(at(accounts.body, 'data', 0, 'currency')).toBe('JPY');
  });

  it('pages campaigns to the end with paging.next and filters by effective_status', async () => {
    let url: string | undefined = `${m}/v25.0/act_${accountId}/ads?fields=id,effective_status&limit=5&access_token=${token}`;
    const ids: string[] = [];
    while (url) {
      const res = await fetch(url);
      const body: unknown = await res.json();
      (at(body, 'data') as unknown[]).forEach((d) => ids.push(String(at(d, 'id'))));
      url = at(body, 'paging', 'next') as string | undefined;
    }
    expect(ids).toHaveLength(12);
    const paused = await get(`/act_${accountId}/campaigns`, { effective_status: '["PAUSED"]' });
    expect(at(paused.body, 'data')).toEqual([]);
  });

  it('creates a campaign with a JPY budget in whole yen and rejects missing special_ad_categories', async () => {
    const missing = await fetch(`${m}/v25.0/act_${accountId}/campaigns`, { method: 'POST', body: new URLSearchParams({ access_token: token, name: 'x', objective: 'OUTCOME_SALES' }) });
    expect(at(await missing.json(), 'error', 'code')).toBe(100);
    const created = await fetch(`${m}/v25.0/act_${accountId}/campaigns`, { method: 'POST', body: new URLSearchParams({ access_token: token, name: 'Yen', objective: 'OUTCOME_SALES', special_ad_categories: '[]', status: 'PAUSED', daily_budget: '5000' }) });
    const id = String(at(await created.json(), 'id'));
    const read = await get(`/${id}`, { fields: 'daily_budget,status,effective_status' });
    expect(at(read.body, 'daily_budget')).toBe('5000');
    expect(at(read.body, 'status')).toBe('PAUSED');
  });

  it('returns insights by hour with string metrics and actions', async () => {
    const res = await get(`/act_${accountId}/insights`, {
      level: 'campaign', fields: 'campaign_id,impressions,spend,actions', time_range: '{"since":"2026-06-01","until":"2026-06-01"}',
      time_increment: '1', breakdowns: 'hourly_stats_aggregated_by_advertiser_time_zone', limit: '500',
    });
    const first = at(res.body, 'data', 0);
    expect(typeof at(first, 'impressions')).toBe('string');
    expect(at(first, 'hourly_stats_aggregated_by_advertiser_time_zone')).toMatch(/^\d{2}:00:00 - \d{2}:59:59$/);
    expect(typeof at(first, 'actions', 0, 'value')).toBe('string');
    expect(res.headers.get('x-business-use-case-usage')).toContain('ads_insights');
  });

  it('runs async reports that progress over polls', async () => {
    const start = await fetch(`${m}/v25.0/act_${accountId}/insights`, { method: 'POST', body: new URLSearchParams({ access_token: token, level: 'account', date_preset: 'last_7d', time_increment: '1' }) });
    const run = String(at(await start.json(), 'report_run_id'));
    const statuses: unknown[] = [];
    for (let i = 0; i < 3; i++) statuses.push(at((await get(`/${run}`)).body, 'async_status'));
    expect(statuses).toEqual(['Job Not Started', 'Job Running', 'Job Completed']);
    expect((at((await get(`/${run}/insights`)).body, 'data') as unknown[]).length).toBe(7);
  });

  it('answers injected faults and usage exhaustion with Graph error codes', async () => {
    await postJson(`${sandbox.urls.control}/control/faults`, { platform: 'meta', accountId, kind: 'rate_limit', count: 1 });
    const limited = await get(`/act_${accountId}/campaigns`);
    expect(at(limited.body, 'error', 'code')).toBe(17);
    expect(at(limited.body, 'error', 'error_subcode')).toBe(2446079);
    let last: unknown;
    for (let i = 0; i < 45; i++) last = (await get(`/act_${accountId}/campaigns`)).body;
    expect(at(last, 'error', 'code')).toBe(80004);
  });
});
