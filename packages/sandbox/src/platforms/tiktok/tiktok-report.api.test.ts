import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../control/start-sandbox.ts';
import { at, postJson, TEST_START, tiktokGet, tiktokToken } from '../../testing/sandbox-test.helpers.ts';

let sandbox: RunningSandbox;
let t: string;
let token: string;
let usd: string;
const list = (body: unknown): unknown[] => { const l = at(body, 'data', 'list'); return Array.isArray(l) ? l : []; };
const report = (params: Record<string, unknown>, tok = token, base = t): Promise<unknown> =>
  tiktokGet(base, 'report/integrated/get/', tok, { report_type: 'BASIC', data_level: 'AUCTION_CAMPAIGN', ...params });

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, clock: TEST_START, settings: { tiktok: { qps: 1000 } } });
  t = sandbox.urls.tiktok;
  usd = [...sandbox.simulator.world().platforms.tiktok.accounts.values()].find((a) => a.currency === 'USD' && !a.isManager)?.id ?? '';
  token = (await tiktokToken(t, [usd])).access_token;
});
afterAll(async () => sandbox.close());

describe('TikTok sandbox: report/integrated/get', () => {
  it('returns daily rows with string metrics in major units and pages to the end', async () => {
    const params = { advertiser_id: usd, dimensions: ['campaign_id', 'stat_time_day'], metrics: ['spend', 'impressions', 'ctr', 'conversion', 'campaign_name', 'adgroup_name'], start_date: '2026-06-01', end_date: '2026-06-10' };
    const first = await report({ ...params, page_size: 7 });
    expect(at(first, 'code')).toBe(0);
    const row = list(first)[0];
    expect(at(row, 'dimensions', 'stat_time_day')).toMatch(/^2026-06-\d{2} 00:00:00$/);
    expect(at(row, 'metrics', 'spend')).toMatch(/^\d+\.\d{2}$/);
    expect(typeof at(row, 'metrics', 'impressions')).toBe('string');
    expect(at(row, 'metrics', 'adgroup_name')).toBe('-');
    const total = Number(at(first, 'data', 'page_info', 'total_number'));
    const pages = Number(at(first, 'data', 'page_info', 'total_page'));
    expect(total).toBe(30);
    let seen = 0;
    for (let page = 1; page <= pages; page++) seen += list(await report({ ...params, page_size: 7, page })).length;
    expect(seen).toBe(total);
    const chunk = await report({ ...params, query_mode: 'CHUNK' });
    expect(list(chunk)).toHaveLength(total);
  });

  it('reports hours of one day in the advertiser time zone and rejects longer hourly spans', async () => {
    const hourly = await report({ advertiser_id: usd, dimensions: ['stat_time_hour'], start_date: '2026-06-14', end_date: '2026-06-14', page_size: 100, enable_total_metrics: true });
    const hours = list(hourly).map((r) => String(at(r, 'dimensions', 'stat_time_hour')));
    expect(hours).toHaveLength(24);
    expect(hours[0]).toBe('2026-06-14 00:00:00');
    const sum = list(hourly).reduce<number>((s, r) => s + Number(at(r, 'metrics', 'spend')), 0);
    expect(Number(at(hourly, 'data', 'total_metrics', 'spend'))).toBeCloseTo(sum, 1);
    const long = await report({ advertiser_id: usd, dimensions: ['stat_time_hour'], start_date: '2026-06-10', end_date: '2026-06-14' });
    expect(at(long, 'code')).toBe(40002);
  });

  it('validates report_type, data_level, dimensions, metrics and dates with 40002 (40009 for unsupported types)', async () => {
    const base = { advertiser_id: usd, dimensions: ['campaign_id'], start_date: '2026-06-01', end_date: '2026-06-02' };
    expect(at(await report({ ...base, data_level: 'CAMPAIGN' }), 'code')).toBe(40002);
    expect(at(await report({ ...base, dimensions: ['ad_id'] }), 'code')).toBe(40002);
    expect(at(await report({ ...base, metrics: ['sales'] }), 'code')).toBe(40002);
    expect(at(await report({ ...base, start_date: '2026/06/01' }), 'code')).toBe(40002);
    expect(at(await report({ ...base, report_type: 'AUDIENCE' }), 'code')).toBe(40009);
    const filtered = await report({ ...base, data_level: 'AUCTION_AD', dimensions: ['ad_id'], filtering: [{ field_name: 'ad_ids', filter_type: 'IN', filter_value: '["1"]' }] });
    expect(list(filtered)).toEqual([]);
  });

  it('a budget change through campaign/update raises later simulated spend', async () => {
    const twin = await startSandbox({ seed: 7, clock: TEST_START, settings: { tiktok: { qps: 1000 } } });
    try {
      const twinToken = (await tiktokToken(twin.urls.tiktok, [usd])).access_token;
      const campaigns = list(await tiktokGet(t, 'campaign/get/', token, { advertiser_id: usd, fields: ['campaign_id', 'budget'] }));
      const id = String(at(campaigns[0], 'campaign_id'));
      const budget = Number(at(campaigns[0], 'budget'));
      const updated = await postJson(`${t}/open_api/v1.3/campaign/update/`, { advertiser_id: usd, campaign_id: id, budget: budget * 2 }, { 'Access-Token': token });
      expect(at(updated.body, 'code')).toBe(0);
      for (const sb of [sandbox, twin]) await postJson(`${sb.urls.control}/control/clock/advance`, { days: 3 });
      const params = { advertiser_id: usd, dimensions: ['campaign_id', 'stat_time_day'], start_date: '2026-06-16', end_date: '2026-06-16', filtering: { campaign_ids: [id] } };
      const changed = Number(at(list(await report(params))[0], 'metrics', 'spend'));
      const unchanged = Number(at(list(await report(params, twinToken, twin.urls.tiktok))[0], 'metrics', 'spend'));
      expect(changed / unchanged).toBeGreaterThan(1.7);
      expect(changed / unchanged).toBeLessThan(2.3);
    } finally {
      await twin.close();
    }
  });
});
