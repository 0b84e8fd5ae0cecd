import sdk from 'facebook-nodejs-business-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../control/start-sandbox.ts';
import { DEFAULT_SETTINGS } from '../sandbox-options.ts';
import { at } from '../testing/sandbox-test.helpers.ts';
import { graphErrorOf, metaSdkOnSandbox } from '../testing/meta-sdk-test.helpers.ts';

/**
 * Meta's official Node SDK against the Meta sandbox for the changes beyond campaign status and budget:
 * ad-set budgets and bids (AdSet.update), bid strategies, names, archive, Campaign.createCopy and the
 * ad-set learning stage, each also found in the sandbox's change log. `FacebookAdsApi.GRAPH` is pointed
 * at the sandbox as in meta-sdk.fidelity.test.ts.
 */
const { FacebookAdsApi, AdAccount, Campaign, AdSet } = sdk;
let sandbox: RunningSandbox;
let accountId: string;
let close: () => Promise<void>;
const account = () => new AdAccount(`act_${accountId}`);

async function mutations(): Promise<Array<{ level: string; id: string; field: string; old: unknown; new: unknown; request: string }>> {
  const response = await fetch(`${sandbox.urls.control}/control/mutations?platform=meta&account=${accountId}`);
  return ((await response.json()) as { mutations: Array<{ level: string; id: string; field: string; old: unknown; new: unknown; request: string }> }).mutations;
}

/** A campaign without a campaign budget and one active ad set with its own daily budget. */
async function adSetWithBudget(name: string): Promise<{ campaignId: string; adSetId: string }> {
  const campaign = await account().createCampaign([], { name, objective: 'OUTCOME_TRAFFIC', status: 'ACTIVE', special_ad_categories: [] });
  const adSet = await account().createAdSet([], {
    name: `${name} ad set`, campaign_id: campaign.id, billing_event: 'IMPRESSIONS', optimization_goal: 'LINK_CLICKS', daily_budget: 2500,
    targeting: { geo_locations: { countries: ['US'] } }, status: 'ACTIVE',
  });
  return { campaignId: campaign.id, adSetId: adSet.id };
}

beforeAll(async () => {
  let short: string;
  ({ sandbox, accountId, token: short, close } = await metaSdkOnSandbox(11));
  const m = sandbox.urls.meta;
  const s = DEFAULT_SETTINGS.meta;
  // The long-lived token (about 60 days) outlives the clock moves of the learning test.
  const long = await fetch(`${m}/v25.0/oauth/access_token?grant_type=fb_exchange_token&client_id=${s.appId}&client_secret=${s.appSecret}&fb_exchange_token=${short}`);
  FacebookAdsApi.init(String(at(await long.json(), 'access_token')), 'en_US', false);
});
afterAll(() => close());

describe('Meta SDK: ad sets, bids and copies', () => {
  it("changes an ad set's own budget and bid in minor units, logged in micros, and refuses a bid of 0 and an unknown field", async () => {
    const { adSetId } = await adSetWithBudget('SDK ad-set budget');
    expect(await new AdSet(adSetId).update([], { daily_budget: 4200, bid_amount: 185 })).toEqual({ success: true });
    expect((await new AdSet(adSetId).get(['daily_budget', 'bid_amount']))._data).toMatchObject({ daily_budget: '4200', bid_amount: 185 });
    const log = (await mutations()).filter((m) => m.id === adSetId);
    expect(log.find((m) => m.field === 'daily_budget')).toMatchObject({ old: 25_000_000, new: 42_000_000, level: 'ad_group' });
    expect(log.find((m) => m.field === 'bid')).toMatchObject({ old: null, new: 1_850_000 });
    expect(at(await graphErrorOf(new AdSet(adSetId).update([], { bid_amount: 0 })), 'error_subcode')).toBe(1815118);
    expect(at(await graphErrorOf(new AdSet(adSetId).update([], { bid_cap: 100 })), 'code')).toBe(100);
    expect(at(await graphErrorOf(new AdSet(adSetId).update([], { name: '' })), 'code')).toBe(100);
  });

  it('takes a bid strategy on a campaign with a campaign budget only, and a cap only when every ad set has a bid', async () => {
    const { campaignId } = await adSetWithBudget('SDK no campaign budget');
    expect(at(await graphErrorOf(new Campaign(campaignId).update([], { bid_strategy: 'COST_CAP' })), 'code')).toBe(100);
    const cbo = await account().createCampaign([], { name: 'SDK CBO', objective: 'OUTCOME_TRAFFIC', status: 'PAUSED', special_ad_categories: [], daily_budget: 5000 });
    const adSet = await account().createAdSet([], { name: 'SDK CBO ad set', campaign_id: cbo.id, billing_event: 'IMPRESSIONS', targeting: { geo_locations: { countries: ['US'] } }, status: 'ACTIVE' });
    expect(at(await graphErrorOf(new Campaign(cbo.id).update([], { bid_strategy: 'LOWEST_COST_WITH_BID_CAP' })), 'error_subcode')).toBe(1815857);
    await new AdSet(adSet.id).update([], { bid_amount: 300 });
    expect(await new Campaign(cbo.id).update([], { bid_strategy: 'LOWEST_COST_WITH_BID_CAP' })).toEqual({ success: true });
    expect((await new Campaign(cbo.id).get(['bid_strategy']))._data.bid_strategy).toBe('LOWEST_COST_WITH_BID_CAP');
  });

  it('copies a campaign deeply and paused through Campaign.createCopy', async () => {
    const { campaignId, adSetId } = await adSetWithBudget('SDK source');
    const copy = await new Campaign(campaignId).createCopy([], { deep_copy: true, status_option: 'PAUSED', rename_options: { rename_strategy: 'ONLY_TOP_LEVEL_RENAME', rename_suffix: ' (copy)' } });
    const copiedId = String(copy._data.copied_campaign_id);
    expect(copy._data.ad_object_ids).toEqual(expect.arrayContaining([expect.objectContaining({ ad_object_type: 'ad_set', source_id: adSetId })]));
    expect((await new Campaign(copiedId).get(['name', 'status']))._data).toMatchObject({ name: 'SDK source (copy)', status: 'PAUSED' });
    const sets = await new Campaign(copiedId).getAdSets(['name', 'status', 'daily_budget']);
    expect(sets.map((s) => s._data)).toEqual([expect.objectContaining({ name: 'SDK source ad set', status: 'PAUSED', daily_budget: '2500' })]);
    expect((await mutations()).some((m) => m.id === copiedId && m.field === 'created')).toBe(true);
  });

  it('archives a campaign for good: it cannot be activated again, only deleted', async () => {
    const { campaignId } = await adSetWithBudget('SDK archive');
    await new Campaign(campaignId).update([], { status: 'ARCHIVED' });
    expect(at(await graphErrorOf(new Campaign(campaignId).update([], { status: 'ACTIVE' })), 'error_subcode')).toBe(1815001);
    expect(await new Campaign(campaignId).update([], { status: 'DELETED' })).toEqual({ success: true });
    expect(at(await graphErrorOf(new Campaign(campaignId).update([], { status: 'DELETED' })), 'error_subcode')).toBe(1815002);
    expect((await mutations()).filter((m) => m.id === campaignId && m.field === 'status').map((m) => m.new)).toEqual(['archived', 'removed']);
  });

  it('reports a new active ad set as learning, and no longer once seven days have passed', async () => {
    const { adSetId } = await adSetWithBudget('SDK learning');
    expect(at((await new AdSet(adSetId).get(['learning_stage_info']))._data.learning_stage_info, 'status')).toBe('LEARNING');
    await fetch(`${sandbox.urls.control}/control/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ days: 8 }) });
    expect(at((await new AdSet(adSetId).get(['learning_stage_info']))._data.learning_stage_info, 'status')).toBe('SUCCESS');
    // A significant budget change restarts learning.
    await new AdSet(adSetId).update([], { daily_budget: 9000 });
    expect(at((await new AdSet(adSetId).get(['learning_stage_info']))._data.learning_stage_info, 'status')).toBe('LEARNING');
  });
});
