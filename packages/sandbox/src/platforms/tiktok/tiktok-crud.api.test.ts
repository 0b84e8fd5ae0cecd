import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../control/start-sandbox.ts';
import { at, postJson, TEST_START, tiktokGet, tiktokToken } from '../../testing/sandbox-test.helpers.ts';

let sandbox: RunningSandbox;
let t: string;
let token: string;
let usd: string;
let jpy: string;

const post = async (path: string, body: Record<string, unknown>): Promise<unknown> => (await postJson(`${t}/open_api/v1.3/${path}`, body, { 'Access-Token': token })).body;
const get = (path: string, params: Record<string, unknown>): Promise<unknown> => tiktokGet(t, path, token, params);
const list = (body: unknown): unknown[] => { const l = at(body, 'data', 'list'); return Array.isArray(l) ? l : []; };

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, clock: TEST_START, settings: { tiktok: { qps: 1000, endpointLimits: { 'ad/create/': { qps: 20, qpm: 150, qpd: 86_400 } } } } });
  t = sandbox.urls.tiktok;
  const accounts = [...sandbox.simulator.world().platforms.tiktok.accounts.values()].filter((a) => !a.isManager);
  usd = accounts.find((a) => a.currency === 'USD')?.id ?? '';
  jpy = accounts.find((a) => a.currency === 'JPY')?.id ?? '';
  token = (await tiktokToken(t, [usd, jpy])).access_token;
});
afterAll(async () => sandbox.close());

describe('TikTok sandbox: campaigns, ad groups and ads', () => {
  it('pages ad/get to the end with page_info and projects fields', async () => {
    const ids: string[] = [];
    let page = 1;
    let totalPage = 1;
    do {
      const body = await get('ad/get/', { advertiser_id: usd, page, page_size: 5, fields: ['ad_id', 'operation_status'] });
      expect(Object.keys(list(body)[0] ?? {})).toEqual(['ad_id', 'operation_status']);
      list(body).forEach((ad) => ids.push(String(at(ad, 'ad_id'))));
      totalPage = Number(at(body, 'data', 'page_info', 'total_page'));
      expect(at(body, 'data', 'page_info', 'total_number')).toBe(12);
      page += 1;
    } while (page <= totalPage);
    expect(new Set(ids).size).toBe(12);
    expect(list(await get('ad/get/', { advertiser_id: usd, page: 99 }))).toEqual([]);
    expect(at(await get('ad/get/', { advertiser_id: usd, page_size: 1001 }), 'code')).toBe(40002);
    expect(at(await get('ad/get/', { advertiser_id: usd, fields: ['nope'] }), 'code')).toBe(40002);
  });

  it('filters with a JSON-encoded filtering object', async () => {
    const campaigns = list(await get('campaign/get/', { advertiser_id: usd }));
    const first = String(at(campaigns[0], 'campaign_id'));
    const groups = list(await get('adgroup/get/', { advertiser_id: usd, filtering: { campaign_ids: [first] } }));
    expect(groups).toHaveLength(2);
    groups.forEach((g) => expect(at(g, 'campaign_id')).toBe(first));
    expect(at(await get('adgroup/get/', { advertiser_id: usd, filtering: { colour: 'red' } }), 'code')).toBe(40002);
  });

  it('validates campaigns: required fields, enums, minimum budgets, CBO ⇒ DAY, names', async () => {
    const base = { advertiser_id: usd, objective_type: 'TRAFFIC', budget_mode: 'BUDGET_MODE_DAY', budget: 60 };
    expect(at(await post('campaign/create/', { ...base }), 'message')).toMatch(/^campaign_name: Missing data/);
    expect(at(await post('campaign/create/', { ...base, campaign_name: 'a', objective_type: 'SALES' }), 'code')).toBe(40002);
    expect(at(await post('campaign/create/', { ...base, campaign_name: 'a', budget: 49.99 }), 'message')).toMatch(/at least 50 USD/);
    expect(at(await post('campaign/create/', { ...base, campaign_name: 'a', budget_mode: 'BUDGET_MODE_TOTAL', budget: 500, budget_optimize_on: true }), 'code')).toBe(40002);
    expect(at(await post('campaign/create/', { ...base, campaign_name: 'x'.repeat(513) }), 'code')).toBe(40002);
    expect(at(await post('campaign/create/', { ...base, campaign_name: '夏'.repeat(257) }), 'code')).toBe(40002);
    expect(at(await post('campaign/create/', { ...base, campaign_name: 'Sale 🔥' }), 'code')).toBe(40002);
  });

  it('creates campaign → ad group → ad with major-unit float budgets (JPY in whole yen)', async () => {
    const campaign = await post('campaign/create/', { advertiser_id: jpy, campaign_name: 'Yen', objective_type: 'TRAFFIC', budget_mode: 'BUDGET_MODE_INFINITE' });
    const campaignId = String(at(campaign, 'data', 'campaign_id'));
    expect(at(campaign, 'data', 'operation_status')).toBe('ENABLE');
    const groupBody = { advertiser_id: jpy, campaign_id: campaignId, adgroup_name: 'G', billing_event: 'CPC', budget_mode: 'BUDGET_MODE_DAY' };
    expect(at(await post('adgroup/create/', { ...groupBody, budget: 1999 }), 'message')).toMatch(/at least 2000 JPY/);
    expect(at(await post('adgroup/create/', { ...groupBody, budget: 2500.5 }), 'code')).toBe(40002);
    const group = await post('adgroup/create/', { ...groupBody, budget: 2500 });
    expect(at(group, 'data', 'budget')).toBe(2500);
    const identityId = String(at(await get('identity/get/', { advertiser_id: jpy, identity_type: 'CUSTOMIZED_USER' }), 'data', 'identity_list', 0, 'identity_id'));
    const videoId = String(at(list(await get('file/video/ad/search/', { advertiser_id: jpy }))[0], 'video_id'));
    const creative = { ad_name: 'A', identity_type: 'CUSTOMIZED_USER', identity_id: identityId, ad_format: 'SINGLE_VIDEO', video_id: videoId, ad_text: 'Hello', landing_page_url: 'https://example.com/', display_name: 'Brand' };
    const adBody = { advertiser_id: jpy, adgroup_id: at(group, 'data', 'adgroup_id') };
    expect(at(await post('ad/create/', { ...adBody, creatives: [{ ...creative, video_id: 'v10033g50000unknown' }] }), 'message')).toMatch(/^creatives\[0\]\.video_id: Video v10033g50000unknown does not exist/);
    expect(at(await post('ad/create/', { ...adBody, creatives: [{ ...creative, identity_id: '1' }] }), 'message')).toMatch(/^creatives\[0\]\.identity_id/);
    expect(at(await post('ad/create/', { ...adBody, creatives: [{ ...creative, ad_text: 'x'.repeat(101) }] }), 'message')).toMatch(/^creatives\[0\]\.ad_text/);
    expect(at(await post('ad/create/', { ...adBody, creatives: [{ ...creative, ad_text: '茶'.repeat(51) }] }), 'code')).toBe(40002);
    expect(at(await post('ad/create/', { ...adBody, creatives: [{ ...creative, display_name: 'B' }] }), 'code')).toBe(40002);
    const ad = await post('ad/create/', { ...adBody, creatives: [creative] });
    expect(at(ad, 'code')).toBe(0);
    expect(at(ad, 'data', 'ad_ids', 0)).toMatch(/^\d{19}$/);
    const tooMany = await post('ad/create/', { ...adBody, creatives: Array.from({ length: 20 }, () => creative) });
    expect(at(tooMany, 'code')).toBe(40502);
  });

  it('lists the advertiser’s library videos with file/video/ad/search/, paged and filtered', async () => {
    const first = await get('file/video/ad/search/', { advertiser_id: usd, page_size: 3 });
    expect(at(first, 'data', 'page_info')).toEqual({ page: 1, page_size: 3, total_number: 4, total_page: 2 });
    const second = await get('file/video/ad/search/', { advertiser_id: usd, page: 2, page_size: 3 });
    const videos = [...list(first), ...list(second)];
    expect(videos).toHaveLength(4);
    for (const v of videos) {
      expect(at(v, 'video_id')).toMatch(/^v10033g50000\d{20}$/);
      expect(at(v, 'file_name')).toMatch(/^Northwind Outdoor – .+\.mp4$/);
      expect(at(v, 'video_cover_url')).toMatch(/^https:\/\//);
      expect(typeof at(v, 'duration')).toBe('number');
      expect(at(v, 'width')).toBeGreaterThan(0);
      expect(at(v, 'height')).toBeGreaterThan(0);
    }
    expect(at(await get('file/video/ad/search/', { advertiser_id: usd }), 'data', 'page_info', 'page_size')).toBe(20);
    const wanted = String(at(videos[1], 'video_id'));
    expect(list(await get('file/video/ad/search/', { advertiser_id: usd, filtering: { video_ids: [wanted] } })).map((v) => at(v, 'video_id'))).toEqual([wanted]);
    expect(list(await get('file/video/ad/search/', { advertiser_id: jpy })).map((v) => at(v, 'video_id'))).not.toContain(wanted);
    expect(at(await get('file/video/ad/search/', { advertiser_id: usd, page_size: 101 }), 'code')).toBe(40002);
    expect(at(await get('file/video/ad/search/', { advertiser_id: usd, filtering: { colour: 'red' } }), 'code')).toBe(40002);
    expect(at(await get('file/video/ad/search/', {}), 'code')).toBe(40002);
  });

  it('disables and deletes with status/update; DELETE is terminal and hidden by default', async () => {
    const groups = list(await get('adgroup/get/', { advertiser_id: usd }));
    const id = String(at(groups[0], 'adgroup_id'));
    const disabled = await post('adgroup/status/update/', { advertiser_id: usd, adgroup_ids: [id], operation_status: 'DISABLE' });
    expect(at(disabled, 'data', 'adgroup_ids')).toEqual([id]);
    const ads = list(await get('ad/get/', { advertiser_id: usd, filtering: { adgroup_ids: [id] } }));
    expect(at(ads[0], 'secondary_status')).toBe('AD_STATUS_ADGROUP_DISABLE');
    await post('adgroup/status/update/', { advertiser_id: usd, adgroup_ids: [id], operation_status: 'DELETE' });
    expect(at(await post('adgroup/status/update/', { advertiser_id: usd, adgroup_ids: [id], operation_status: 'ENABLE' }), 'code')).toBe(40002);
    expect(at(await post('adgroup/update/', { advertiser_id: usd, adgroup_id: id, adgroup_name: 'again' }), 'code')).toBe(40002);
    expect(list(await get('adgroup/get/', { advertiser_id: usd, filtering: { adgroup_ids: [id] } }))).toEqual([]);
    const all = list(await get('adgroup/get/', { advertiser_id: usd, filtering: { adgroup_ids: [id], primary_status: 'STATUS_ALL' } }));
    expect(at(all[0], 'operation_status')).toBe('DELETE');
    const tooMany = await post('campaign/status/update/', { advertiser_id: usd, campaign_ids: Array.from({ length: 21 }, (_, i) => String(i)), operation_status: 'DISABLE' });
    expect(at(tooMany, 'code')).toBe(40011);
    expect(at(await post('campaign/status/update/', { advertiser_id: usd, campaign_ids: ['123'], operation_status: 'PAUSE' }), 'code')).toBe(40002);
  });

  it('refuses to switch budget_mode and updates the campaign budget as a float', async () => {
    const campaigns = list(await get('campaign/get/', { advertiser_id: usd }));
    const id = String(at(campaigns[1], 'campaign_id'));
    expect(at(await post('campaign/update/', { advertiser_id: usd, campaign_id: id, budget_mode: 'BUDGET_MODE_TOTAL' }), 'code')).toBe(40002);
    const updated = await post('campaign/update/', { advertiser_id: usd, campaign_id: id, budget: 123.45 });
    expect(at(updated, 'data', 'budget')).toBe(123.45);
  });
});
