import sdk, { type APIResponse } from 'facebook-nodejs-business-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../control/start-sandbox.ts';
import { at } from '../testing/sandbox-test.helpers.ts';
import { graphErrorOf, metaSdkOnSandbox } from '../testing/meta-sdk-test.helpers.ts';

/**
 * Meta's official Node SDK, unchanged, against the Meta sandbox. The SDK builds every URL from the
 * static getter `FacebookAdsApi.GRAPH` ('https://graph.facebook.com', no setting or constructor
 * option exists); this suite's setup (metaSdkOnSandbox) redefines that one getter to the sandbox URL and restores it after.
 * Covers the calls Adloop's Meta adapter makes and the common ones an integrator makes.
 */
const { FacebookAdsApi, FacebookAdsApiBatch, User, AdAccount, Campaign, AdSet } = sdk;
const HOURLY = 'hourly_stats_aggregated_by_advertiser_time_zone';
let sandbox: RunningSandbox;
let accountId: string;
let api: ReturnType<typeof FacebookAdsApi.init>;
let close: () => Promise<void>;

const account = () => new AdAccount(`act_${accountId}`);
const sum = (rows: Array<{ _data: Record<string, unknown> }>, field: string): number => rows.reduce((s, r) => s + Number(r._data[field] ?? 0), 0);

beforeAll(async () => {
  let token: string;
  ({ sandbox, accountId, token, close } = await metaSdkOnSandbox(7));
  api = FacebookAdsApi.init(token, 'en_US', false);
});
afterAll(() => close());

describe('Meta SDK: accounts and structure', () => {
  it('lists the ad accounts of the user and reads one', async () => {
    const accounts = await new User('me').getAdAccounts(['id', 'account_id', 'name', 'account_status', 'currency', 'timezone_name']);
    expect(accounts.map((a) => a._data.account_id)).toContain(accountId);
    const one = await account().read(['currency', 'timezone_name']);
    expect(one._data.currency).toBe('USD');
    expect(one._data.timezone_name).toMatch(/^[A-Za-z_]+\/[A-Za-z_]+$/);
  });

  it('lists campaigns through the SDK cursor, page by page', async () => {
    expect(FacebookAdsApi.VERSION).toMatch(/^v\d+\.0$/);
    let page = await account().getCampaigns(['id', 'name', 'status', 'daily_budget'], { limit: 2 });
    const names: string[] = page.map((c) => String(c._data.name));
    while (page.hasNext()) {
      page = await page.next();
      names.push(...page.map((c) => String(c._data.name)));
    }
    expect(names).toHaveLength(3);
    expect(page.hasPrevious()).toBe(true);
    expect(page[0]?._data.status).toBe('ACTIVE');
    expect(page[0]?._data.daily_budget).toMatch(/^\d+$/);
  });

  it('lists ad sets and ads with an effective_status array, as the adapter does', async () => {
    const adSets = await account().getAdSets(['id', 'campaign_id', 'name', 'status', 'effective_status', 'daily_budget'], { effective_status: ['ACTIVE', 'PAUSED'], limit: 100 });
    expect(adSets.length).toBe(6);
    const ads = await account().getAds(['id', 'campaign_id', 'adset_id', 'name', 'status', 'effective_status'], { effective_status: ['ACTIVE', 'PAUSED'], limit: 100 });
    expect(ads.length).toBe(12);
    expect(ads.every((ad) => adSets.some((set) => set.id === ad._data.adset_id))).toBe(true);
  });

  it('filters by effective_status in either list form, refuses unknown words, and counts with summary=true', async () => {
    const paused = await account().createCampaign([], { name: 'SDK paused', objective: 'OUTCOME_TRAFFIC', status: 'PAUSED', special_ad_categories: [], daily_budget: 3000 });
    const asArray = await account().getCampaigns(['id'], { effective_status: ['PAUSED'], limit: 100 });
    const asText = await account().getCampaigns(['id'], { effective_status: 'PAUSED', limit: 100 });
    expect(asArray.map((c) => c.id)).toEqual([paused.id]);
    expect(asText.map((c) => c.id)).toEqual([paused.id]);
    const wrong = await graphErrorOf(account().getCampaigns(['id'], { effective_status: ['RUNNING'] }));
    expect(at(wrong, 'code')).toBe(100);
    const counted = await api.call('GET', [`act_${accountId}`, 'campaigns'], { fields: 'id', limit: 1, summary: true });
    expect(at(counted, 'summary', 'total_count')).toBe(4);
    expect(await new Campaign(paused.id).delete([])).toEqual({ success: true });
  });

  it('reads several campaigns in one call with ?ids= (getByIds)', async () => {
    const listed = await account().getCampaigns(['id'], { limit: 10 });
    const ids = listed.map((c) => c.id);
    const byId = await api.call('GET', [''], { ids: ids.join(','), fields: 'id,name,objective' });
    expect(Object.keys(byId as object).sort()).toEqual([...ids].sort());
    expect(at(byId, ids[0] ?? '', 'objective')).toMatch(/^OUTCOME_/);
    // The SDK's own helper: it builds each object as `new Campaign(answer)`, so the answer is in `id`.
    const read = await Campaign.getByIds(ids, ['id', 'name']);
    expect(read.map((c) => at(c.id, 'id')).sort()).toEqual([...ids].sort());
    const missing = await graphErrorOf(Campaign.getByIds([ids[0] ?? '', '999999999'], ['id']));
    expect(at(missing, 'code')).toBe(803);
  });
});

describe('Meta SDK: insights', () => {
  const range = { since: '2026-06-01', until: '2026-06-07' };

  it('reads daily campaign insights with string metrics and actions', async () => {
    const rows = await account().getInsights(['campaign_id', 'impressions', 'spend', 'actions'], { level: 'campaign', time_range: range, time_increment: 1, limit: 100 });
    expect(rows).toHaveLength(21);
    const first = rows[0]?._data ?? {};
    expect(first.date_start).toBe('2026-06-01');
    expect(typeof first.spend).toBe('string');
    expect(at(first.actions, 0, 'action_type')).toBe('link_click');
  });

  it('takes breakdowns as a JSON array (what the SDK sends for an array) as well as comma separated', async () => {
    const params = { level: 'account', time_range: { since: '2026-06-02', until: '2026-06-02' }, time_increment: 1, limit: 100 };
    const asArray = await account().getInsights(['spend', 'impressions'], { ...params, breakdowns: [HOURLY] });
    const asText = await account().getInsights(['spend', 'impressions'], { ...params, breakdowns: HOURLY });
    expect(asArray.length).toBeGreaterThanOrEqual(23);
    expect(asArray[0]?._data[HOURLY]).toBe('00:00:00 - 00:59:59');
    expect(asArray.map((r) => r._data.spend)).toEqual(asText.map((r) => r._data.spend));
    const daily = await account().getInsights(['spend'], params);
    expect(sum(asArray, 'spend')).toBeCloseTo(Number(daily[0]?._data.spend), 2);
  });

  it('breaks insights down by age and gender, and by placement, with parts that add up to the whole', async () => {
    const params = { level: 'campaign', time_range: range, limit: 500 };
    const whole = await account().getInsights(['campaign_id', 'impressions', 'clicks', 'spend'], params);
    const byAgeGender = await account().getInsights(['campaign_id', 'impressions', 'clicks', 'spend'], { ...params, breakdowns: ['age', 'gender'] });
    expect(byAgeGender).toHaveLength(whole.length * 6 * 3);
    expect(byAgeGender[0]?._data).toMatchObject({ age: '18-24', gender: 'female' });
    const campaignId = String(whole[0]?._data.campaign_id);
    const parts = byAgeGender.filter((r) => r._data.campaign_id === campaignId);
    expect(sum(parts, 'impressions')).toBe(Number(whole[0]?._data.impressions));
    expect(sum(parts, 'spend')).toBeCloseTo(Number(whole[0]?._data.spend), 2);
    const byPlacement = await account().getInsights(['spend'], { level: 'account', time_range: range, breakdowns: 'publisher_platform,device_platform' });
    expect(new Set(byPlacement.map((r) => r._data.publisher_platform))).toEqual(new Set(['facebook', 'instagram', 'audience_network', 'messenger']));
    const mixed = await graphErrorOf(account().getInsights(['spend'], { ...params, breakdowns: ['age', HOURLY] }));
    expect(at(mixed, 'code')).toBe(100);
    const unknown = await graphErrorOf(account().getInsights(['spend'], { ...params, breakdowns: ['shoe_size'] }));
    expect(at(unknown, 'message')).toMatch(/breakdowns\[0\]/);
  });

  it('filters by campaign and spans a week with time_increment 7', async () => {
    const campaignId = (await account().getCampaigns(['id'], { limit: 1 }))[0]?.id ?? '';
    const weekly = await account().getInsights(['campaign_id', 'spend'], {
      level: 'campaign', time_range: range, time_increment: 7, filtering: [{ field: 'campaign.id', operator: 'IN', value: [campaignId] }],
    });
    expect(weekly).toHaveLength(1);
    expect(weekly[0]?._data).toMatchObject({ campaign_id: campaignId, date_start: '2026-06-01', date_stop: '2026-06-07' });
    const onCampaign = await new Campaign(campaignId).getInsights(['spend'], { time_range: range });
    expect(onCampaign[0]?._data.spend).toBe(weekly[0]?._data.spend);
  });

  it('sorts insights rows with sort=["<field>_descending"]', async () => {
    const rows = await account().getInsights(['campaign_id', 'spend'], { level: 'campaign', time_range: range, time_increment: 1, sort: ['spend_descending'], limit: 100 });
    const spend = rows.map((r) => Number(r._data.spend));
    expect(spend).toEqual([...spend].sort((a, b) => b - a));
    expect(new Set(spend).size).toBeGreaterThan(1);
    const wrong = await graphErrorOf(account().getInsights(['spend'], { sort: ['spend_sideways'] }));
    expect(at(wrong, 'code')).toBe(100);
  });

  it('takes Graph\'s date presets and refuses ones Graph does not have', async () => {
    const week = await account().getInsights(['spend'], { level: 'account', date_preset: 'last_week_mon_sun', time_increment: 1 });
    expect(week.map((r) => r._data.date_start)).toEqual(['2026-06-08', '2026-06-09', '2026-06-10', '2026-06-11', '2026-06-12', '2026-06-13', '2026-06-14']);
    const quarter = await account().getInsights(['spend'], { level: 'account', date_preset: 'this_quarter' });
    expect(quarter[0]?._data).toMatchObject({ date_start: '2026-04-01', date_stop: '2026-06-15' });
    const odd = await graphErrorOf(account().getInsights(['spend'], { date_preset: 'last_5d' }));
    expect(at(odd, 'code')).toBe(100);
  });

  it('runs an async report: report_run_id, polled AdReportRun, then its insights', async () => {
    const started = await account().getInsightsAsync(['campaign_id', 'spend'], { level: 'campaign', time_range: range, time_increment: 1 });
    // Graph answers {report_run_id}; the SDK's AdReportRun takes it as its id (and only from there, so the run object is reused).
    expect(started.id).toMatch(/^\d+$/);
    let run = await started.get(['async_status', 'async_percent_completion']);
    for (let i = 0; i < 10 && run._data.async_status !== 'Job Completed'; i += 1) run = await started.get(['async_status', 'async_percent_completion']);
    expect(run._data.async_percent_completion).toBe(100);
    const rows = await started.getInsights([], { limit: 100 });
    expect(rows).toHaveLength(21);
  });
});

describe('Meta SDK: creation, changes and errors', () => {
  it('creates campaign → ad set → creative → ad with the adapter\'s parameters', async () => {
    const campaign = await account().createCampaign([], {
      name: 'SDK traffic', objective: 'OUTCOME_TRAFFIC', status: 'PAUSED', special_ad_categories: [], buying_type: 'AUCTION', bid_strategy: 'LOWEST_COST_WITHOUT_CAP', daily_budget: 5000,
    });
    expect(campaign.id).toMatch(/^\d+$/);
    const adSet = await account().createAdSet([], {
      name: 'SDK ad set', campaign_id: campaign.id, billing_event: 'IMPRESSIONS', optimization_goal: 'LINK_CLICKS', destination_type: 'WEBSITE',
      targeting: { geo_locations: { countries: ['US'] }, age_min: 25, age_max: 54 }, status: 'ACTIVE',
    });
    const pageId = (await account().getPromotePages(['id', 'name']))[0]?.id ?? '';
    const creative = await account().createAdCreative([], {
      name: 'SDK creative', object_story_spec: { page_id: pageId, link_data: { link: 'https://example.com', name: 'Headline', message: 'Primary text', call_to_action: { type: 'LEARN_MORE', value: { link: 'https://example.com' } } } },
    });
    const ad = await account().createAd([], { name: 'SDK ad', adset_id: adSet.id, creative: { creative_id: creative.id }, status: 'ACTIVE' });
    const read = await new AdSet(adSet.id).get(['campaign_id', 'status', 'targeting']);
    expect(read._data.campaign_id).toBe(campaign.id);
    expect(at(read._data.targeting, 'geo_locations', 'countries')).toEqual(['US']);
    expect(ad.id).toMatch(/^\d+$/);
  });

  it('pauses a campaign, changes its budget and deletes it through update() and delete()', async () => {
    const campaign = await account().createCampaign([], { name: 'SDK changes', objective: 'OUTCOME_AWARENESS', status: 'ACTIVE', special_ad_categories: [], daily_budget: 4000 });
    expect(await new Campaign(campaign.id).update([], { status: 'PAUSED', daily_budget: 7500 })).toEqual({ success: true });
    const changed = await new Campaign(campaign.id).get(['status', 'daily_budget']);
    expect(changed._data).toMatchObject({ status: 'PAUSED', daily_budget: '7500' });
    expect(await new Campaign(campaign.id).delete([])).toEqual({ success: true });
    const listed = await account().getCampaigns(['id'], { limit: 100 });
    expect(listed.map((c) => c.id)).not.toContain(campaign.id);
  });

  it('takes a lifetime budget spread over the ad set schedule, and refuses switching budget kinds', async () => {
    const campaign = await account().createCampaign([], { name: 'SDK lifetime', objective: 'OUTCOME_TRAFFIC', status: 'ACTIVE', special_ad_categories: [], lifetime_budget: 70000 });
    const noEnd = await graphErrorOf(account().createAdSet([], { name: 'No end', campaign_id: campaign.id, billing_event: 'IMPRESSIONS', targeting: { geo_locations: { countries: ['US'] } } }));
    expect(at(noEnd, 'code')).toBe(100);
    const adSet = await account().createAdSet([], {
      name: 'One week', campaign_id: campaign.id, billing_event: 'IMPRESSIONS', optimization_goal: 'LINK_CLICKS', targeting: { geo_locations: { countries: ['US'] } },
      start_time: '2026-06-15T12:00:00+0000', end_time: '2026-06-22T12:00:00+0000', status: 'ACTIVE',
    });
    const read = await new Campaign(campaign.id).get(['lifetime_budget', 'daily_budget']);
    expect(read._data).toMatchObject({ lifetime_budget: '70000', daily_budget: '0' });
    expect((await new AdSet(adSet.id).get(['end_time']))._data.end_time).toBe('2026-06-22T12:00:00.000Z');
    const budget = sandbox.simulator.world().platforms.meta.campaigns.get(campaign.id)?.budgetId ?? '';
    expect(sandbox.simulator.world().platforms.meta.budgets.get(budget)?.amountMicros.points.at(-2)?.value).toBe(100_000_000);
    const switched = await graphErrorOf(new Campaign(campaign.id).update([], { daily_budget: 5000 }));
    expect(at(switched, 'error_user_title')).toBe('Budget type cannot be changed');
    expect(await new Campaign(campaign.id).update([], { lifetime_budget: 140000 })).toEqual({ success: true });
    expect((await new Campaign(campaign.id).get(['lifetime_budget']))._data.lifetime_budget).toBe('140000');
  });

  it('answers refused calls with Graph errors the SDK raises', async () => {
    const objective = await graphErrorOf(account().createCampaign([], { name: 'Bad', objective: 'OUTCOME_NOPE', status: 'PAUSED', special_ad_categories: [] }));
    expect(at(objective, 'code')).toBe(100);
    expect(at(objective, 'type')).toBe('OAuthException');
    const missing = await graphErrorOf(new Campaign('999999999').get(['id']));
    expect(at(missing, 'error_subcode')).toBe(33);
  });
});

describe('Meta SDK: batch requests', () => {
  it('runs reads and writes in one batch and answers each with its own code and body', async () => {
    const campaignId = (await account().getCampaigns(['id'], { limit: 1 }))[0]?.id ?? '';
    const answers: APIResponse[] = [];
    const failures: APIResponse[] = [];
    const batch = new FacebookAdsApiBatch(api);
    const record = (r: APIResponse): void => { answers.push(r); };
    const fail = (r: APIResponse): void => { failures.push(r); };
    batch.add('GET', [`act_${accountId}`, 'campaigns'], { fields: 'id,name', limit: 2 }, undefined, record, fail);
    batch.add('POST', [campaignId], { name: 'Renamed in a batch' }, undefined, record, fail);
    batch.add('GET', [campaignId], { fields: 'name' }, undefined, record, fail);
    batch.add('GET', ['999999999'], { fields: 'id' }, undefined, record, fail);
    expect(await batch.execute()).toBeNull();
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((at(answers[0]?.body, 'data') as unknown[]).length).toBe(2);
    expect(answers[1]?.body).toEqual({ success: true });
    expect(answers[2]?.body.name).toBe('Renamed in a batch');
    expect(failures[0]?.status).toBe(400);
    expect(at(failures[0]?.body, 'error', 'error_subcode')).toBe(33);
  });

  it('feeds a named answer into a later request with {result=name:$.path}', async () => {
    const res = await api.call('POST', [], {
      batch: [
        { method: 'GET', name: 'first', relative_url: `act_${accountId}/campaigns?fields=id&limit=1` },
        { method: 'GET', relative_url: '?ids={result=first:$.data.*.id}&fields=name' },
      ],
    });
    const second = JSON.parse(String(at(res, 1, 'body'))) as Record<string, unknown>;
    expect(Object.keys(second)).toHaveLength(1);
    expect(at(Object.values(second)[0], 'name')).toEqual(expect.any(String));
  });
});
