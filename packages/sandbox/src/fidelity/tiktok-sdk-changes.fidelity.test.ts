import { AdgroupApi } from 'tiktok-business-api-sdk-official';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../control/start-sandbox.ts';
import { codeOf, list, sdkCall, tiktokSdkOnSandbox } from '../testing/tiktok-sdk-test.helpers.ts';

/**
 * TikTok's official JavaScript SDK against the TikTok sandbox for ad-group changes: bids through
 * adgroupUpdate (bid_type and bid_price in major units), names, status, each found in the sandbox's
 * change log in micros; bad bids, empty names and unknown fields refused with 40002.
 */
let sandbox: RunningSandbox;
let token: string;
let usd: string;
let close: () => Promise<void>;

const adGroups = new AdgroupApi();

beforeAll(async () => {
  ({ sandbox, token, usd, close } = await tiktokSdkOnSandbox({ qps: 1000, endpointLimits: { 'ad/create/': { qps: 20, qpm: 150, qpd: 86_400 } } }));
});
afterAll(() => close());

async function mutations(): Promise<Array<{ id: string; field: string; old: unknown; new: unknown }>> {
  const response = await fetch(`${sandbox.urls.control}/control/mutations?platform=tiktok&account=${usd}`);
  return ((await response.json()) as { mutations: Array<{ id: string; field: string; old: unknown; new: unknown }> }).mutations;
}

describe('TikTok SDK: ad-group changes', () => {
  it('sets a custom bid in major units, logged in micros, and refuses a bid of 0, a price without a custom bid type and an unknown field', async () => {
    const groups = list(await sdkCall((cb) => adGroups.adgroupGet(usd, token, { page_size: 10 }, cb)));
    const id = String(groups[0]?.adgroup_id ?? '');
    await sdkCall((cb) => adGroups.adgroupUpdate(token, { body: { advertiser_id: usd, adgroup_id: id, bid_type: 'BID_TYPE_CUSTOM', bid_price: 1.25 } }, cb));
    const read = list(await sdkCall((cb) => adGroups.adgroupGet(usd, token, { filtering: { adgroup_ids: [id] } }, cb)))[0];
    expect(read).toMatchObject({ bid_type: 'BID_TYPE_CUSTOM', bid_price: 1.25 });
    expect((await mutations()).filter((m) => m.id === id && m.field === 'bid').map((m) => m.new)).toEqual([1_250_000]);
    expect(await codeOf(sdkCall((cb) => adGroups.adgroupUpdate(token, { body: { advertiser_id: usd, adgroup_id: id, bid_price: 0 } }, cb)))).toBe(40002);
    expect(await codeOf(sdkCall((cb) => adGroups.adgroupUpdate(token, { body: { advertiser_id: usd, adgroup_id: id, bid_type: 'BID_TYPE_NO_BID', bid_price: 2 } }, cb)))).toBe(40002);
    expect(await codeOf(sdkCall((cb) => adGroups.adgroupUpdate(token, { body: { advertiser_id: usd, adgroup_id: id, bid_cap: 2 } }, cb)))).toBe(40002);
  });

  it('renames and pauses an ad group, refuses an empty name, and logs both', async () => {
    const id = String(list(await sdkCall((cb) => adGroups.adgroupGet(usd, token, { page_size: 10 }, cb)))[1]?.adgroup_id ?? '');
    await sdkCall((cb) => adGroups.adgroupUpdate(token, { body: { advertiser_id: usd, adgroup_id: id, adgroup_name: 'SDK renamed' } }, cb));
    expect(await codeOf(sdkCall((cb) => adGroups.adgroupUpdate(token, { body: { advertiser_id: usd, adgroup_id: id, adgroup_name: '' } }, cb)))).toBe(40002);
    await sdkCall((cb) => adGroups.adgroupStatusUpdate(token, { body: { advertiser_id: usd, adgroup_ids: [id], operation_status: 'DISABLE' } }, cb));
    const log = (await mutations()).filter((m) => m.id === id);
    expect(log.map((m) => [m.field, m.new])).toEqual([['name', 'SDK renamed'], ['status', 'paused']]);
  });
});
