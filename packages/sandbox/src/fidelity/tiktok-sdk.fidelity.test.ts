import {
  AccountManagementApi, AdApi, AdgroupApi, AuthenticationApi, CampaignCreationApi, FileApi, IdentityApi, ReportingApi,
} from 'tiktok-business-api-sdk-official';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../sandbox-options.ts';
import { at } from '../testing/sandbox-test.helpers.ts';
import { codeOf, list, sdkCall, tiktokSdkOnSandbox } from '../testing/tiktok-sdk-test.helpers.ts';

/**
 * TikTok's official JavaScript SDK, unchanged, against the TikTok sandbox: `ApiClient.instance.basePath`
 * (the SDK's documented setting) points it at the sandbox. Covers the calls Adloop's TikTok adapter
 * makes and the common ones an integrator makes.
 */
let token: string;
let usd: string;
let close: () => Promise<void>;

const campaigns = new CampaignCreationApi();
const adGroups = new AdgroupApi();
const ads = new AdApi();
const reports = new ReportingApi();

beforeAll(async () => {
  ({ token, usd, close } = await tiktokSdkOnSandbox({ qps: 1000, endpointLimits: { 'ad/create/': { qps: 20, qpm: 150, qpd: 86_400 } } }));
});
afterAll(() => close());

describe('TikTok SDK: accounts and structure', () => {
  it('lists the authorised advertisers and reads their currency and time zone', async () => {
    const s = DEFAULT_SETTINGS.tiktok;
    const advertisers = await sdkCall((cb) => new AuthenticationApi().oauth2AdvertiserGet(s.appId, s.secret, token, cb));
    expect(list(advertisers).map((a) => a.advertiser_id)).toEqual([usd]);
    const info = await sdkCall((cb) => new AccountManagementApi().advertiserInfo([usd], token, { fields: ['advertiser_id', 'currency', 'timezone'] }, cb));
    expect(list(info)[0]).toMatchObject({ advertiser_id: usd, currency: 'USD' });
  });

  it('pages campaigns, ad groups and ads with page_info, fields and filtering', async () => {
    const first = await sdkCall((cb) => campaigns.campaignGet(usd, token, { page: 1, page_size: 2, fields: ['campaign_id', 'campaign_name', 'budget', 'operation_status'] }, cb));
    expect(at(first, 'page_info')).toMatchObject({ page: 1, page_size: 2, total_number: 3, total_page: 2 });
    expect(Object.keys(list(first)[0] ?? {})).toEqual(['campaign_id', 'campaign_name', 'budget', 'operation_status']);
    const second = await sdkCall((cb) => campaigns.campaignGet(usd, token, { page: 2, page_size: 2 }, cb));
    expect(list(second)).toHaveLength(1);
    const campaignId = String(list(first)[0]?.campaign_id);
    const groups = await sdkCall((cb) => adGroups.adgroupGet(usd, token, { filtering: { campaign_ids: [campaignId] }, page_size: 100 }, cb));
    expect(list(groups).map((g) => g.campaign_id)).toEqual([campaignId, campaignId]);
    const allAds = await sdkCall((cb) => ads.adGet(usd, token, { page_size: 100 }, cb));
    expect(at(allAds, 'page_info', 'total_number')).toBe(12);
  });
});

describe('TikTok SDK: report/integrated/get', () => {
  const base = { service_type: 'AUCTION', start_date: '2026-06-01', end_date: '2026-06-07' };

  it('keeps advertiser_id in the rows of an advertiser-level daily report', async () => {
    const data = await sdkCall((cb) => reports.reportIntegratedGet('BASIC', token, {
      ...base, advertiser_id: usd, data_level: 'AUCTION_ADVERTISER', dimensions: ['advertiser_id', 'stat_time_day'], metrics: ['spend', 'impressions'], page_size: 100,
    }, cb));
    const rows = list(data);
    expect(rows).toHaveLength(7);
    expect(at(rows[0], 'dimensions')).toEqual({ advertiser_id: usd, stat_time_day: expect.stringMatching(/^2026-06-0\d 00:00:00$/) });
  });

  it('reads the adapter\'s campaign and ad reports by day and by hour, paged', async () => {
    const byDay = await sdkCall((cb) => reports.reportIntegratedGet('BASIC', token, {
      ...base, advertiser_id: usd, data_level: 'AUCTION_AD', dimensions: ['ad_id', 'stat_time_day'], metrics: ['spend', 'impressions', 'clicks', 'conversion', 'total_complete_payment_rate', 'campaign_id'], page: 1, page_size: 50,
    }, cb));
    expect(at(byDay, 'page_info', 'total_number')).toBe(84);
    expect(at(list(byDay)[0], 'metrics', 'campaign_id')).toMatch(/^\d+$/);
    const byHour = await sdkCall((cb) => reports.reportIntegratedGet('BASIC', token, {
      advertiser_id: usd, data_level: 'AUCTION_CAMPAIGN', dimensions: ['campaign_id', 'stat_time_hour'], metrics: ['spend'], start_date: '2026-06-02', end_date: '2026-06-02', page_size: 1000,
    }, cb));
    expect(list(byHour).length).toBeGreaterThan(48);
    expect(at(list(byHour)[0], 'dimensions', 'stat_time_hour')).toMatch(/^2026-06-02 \d{2}:00:00$/);
  });

  it('filters with the v1.3 filter list and totals with enable_total_metrics', async () => {
    const campaignId = String(list(await sdkCall((cb) => campaigns.campaignGet(usd, token, { page_size: 1 }, cb)))[0]?.campaign_id);
    const data = await sdkCall((cb) => reports.reportIntegratedGet('BASIC', token, {
      ...base, advertiser_id: usd, data_level: 'AUCTION_CAMPAIGN', dimensions: ['campaign_id', 'stat_time_day'], metrics: ['spend'], enable_total_metrics: true, page_size: 100,
      filtering: [{ field_name: 'campaign_ids', filter_type: 'IN', filter_value: JSON.stringify([campaignId]) }],
    }, cb));
    expect(new Set(list(data).map((r) => at(r, 'dimensions', 'campaign_id')))).toEqual(new Set([campaignId]));
    const summed = list(data).reduce((s, r) => s + Number(at(r, 'metrics', 'spend')), 0);
    expect(Number(at(data, 'total_metrics', 'spend'))).toBeCloseTo(summed, 1);
  });

  it('refuses a bad report with a non-zero code the SDK raises', async () => {
    expect(await codeOf(sdkCall((cb) => reports.reportIntegratedGet('BASIC', token, { ...base, advertiser_id: usd, data_level: 'AUCTION_CAMPAIGN', dimensions: ['campaign_id'], metrics: ['nope'] }, cb)))).toBe(40002);
    expect(await codeOf(sdkCall((cb) => reports.reportIntegratedGet('BASIC', 'not-a-token', { ...base, advertiser_id: usd, data_level: 'AUCTION_CAMPAIGN', dimensions: ['campaign_id'] }, cb)))).toBe(40105);
  });
});

describe('TikTok SDK: creation and changes', () => {
  it('creates campaign → ad group → ad with the adapter\'s parameters', async () => {
    const created = await sdkCall((cb) => campaigns.campaignCreate(token, { body: {
      advertiser_id: usd, campaign_name: 'SDK traffic', objective_type: 'TRAFFIC', budget_mode: 'BUDGET_MODE_DAY', budget: 80, budget_optimize_on: true, optimization_goal: 'CLICK',
    } }, cb));
    const campaignId = String(created.campaign_id);
    const group = await sdkCall((cb) => adGroups.adgroupCreate(token, { body: {
      advertiser_id: usd, campaign_id: campaignId, adgroup_name: 'SDK group', promotion_type: 'WEBSITE', placement_type: 'PLACEMENT_TYPE_AUTOMATIC', location_ids: ['6252001'],
      age_groups: ['AGE_25_34'], billing_event: 'CPC', optimization_goal: 'CLICK', bid_type: 'BID_TYPE_NO_BID', pacing: 'PACING_MODE_SMOOTH',
      schedule_type: 'SCHEDULE_FROM_NOW', schedule_start_time: '2026-06-15 12:00:00',
    } }, cb));
    const identity = at(await sdkCall((cb) => new IdentityApi().identityGet(usd, token, { identity_type: 'CUSTOMIZED_USER', page_size: 100 }, cb)), 'identity_list', 0);
    const video = list(await sdkCall((cb) => new FileApi().adVideoSearch(usd, token, { page: 1, page_size: 100 }, cb)))[0];
    const made = await sdkCall((cb) => ads.adCreate(token, { body: {
      advertiser_id: usd, adgroup_id: String(group.adgroup_id), creatives: [{
        ad_name: 'SDK ad', identity_type: 'CUSTOMIZED_USER', identity_id: at(identity, 'identity_id'), display_name: 'Sandbox', ad_format: 'SINGLE_VIDEO',
        video_id: video?.video_id, ad_text: 'Fresh coffee every morning', landing_page_url: 'https://example.com', call_to_action: 'LEARN_MORE',
      }],
    } }, cb));
    expect(made.ad_ids).toEqual([expect.stringMatching(/^\d+$/)]);
  });

  it('pauses a campaign and changes its budget, and keeps a deleted campaign deleted', async () => {
    const campaignId = String(list(await sdkCall((cb) => campaigns.campaignGet(usd, token, { page_size: 1 }, cb)))[0]?.campaign_id);
    const paused = await sdkCall((cb) => campaigns.campaignStatusUpdate(token, { body: { advertiser_id: usd, campaign_ids: [campaignId], operation_status: 'DISABLE' } }, cb));
    expect(paused.campaign_ids).toEqual([campaignId]);
    await sdkCall((cb) => campaigns.campaignUpdate(token, { body: { advertiser_id: usd, campaign_id: campaignId, budget: 123.45 } }, cb));
    const read = list(await sdkCall((cb) => campaigns.campaignGet(usd, token, { filtering: { campaign_ids: [campaignId] }, fields: ['operation_status', 'budget'] }, cb)))[0];
    expect(read).toMatchObject({ operation_status: 'DISABLE', budget: 123.45 });
    await sdkCall((cb) => campaigns.campaignStatusUpdate(token, { body: { advertiser_id: usd, campaign_ids: [campaignId], operation_status: 'DELETE' } }, cb));
    expect(await codeOf(sdkCall((cb) => campaigns.campaignStatusUpdate(token, { body: { advertiser_id: usd, campaign_ids: [campaignId], operation_status: 'ENABLE' } }, cb)))).toBe(40002);
  });
});
