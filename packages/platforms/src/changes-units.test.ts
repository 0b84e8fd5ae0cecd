import { describe, expect, it } from 'vitest';
import { createGoogleAdsAdapter } from './google-ads/google-ads.adapter.ts';
import { toAdGroup } from './google-ads/google-ads.rows.ts';
import { createMetaAdapter } from './meta/meta.adapter.ts';
import { toAdSet } from './meta/meta.changes.ts';
import { createTikTokAdapter } from './tiktok/tiktok.adapter.ts';
import { toTikTokAdGroup } from './tiktok/tiktok.changes.ts';
import type { AccountRef } from './types.ts';

/** A fetch that records what is sent and answers from `answer` (JSON). */
function recorder(answer: (url: URL, method: string) => unknown) {
  const sent: Array<{ url: URL; method: string; body: string }> = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? 'GET';
    sent.push({ url, method, body: typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : '' });
    return new Response(JSON.stringify(answer(url, method)), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { sent, fetchFn };
}

const usd: AccountRef = { platformAccountId: '1234567890', currency: 'USD', timeZone: 'America/New_York' };
const jpy: AccountRef = { ...usd, currency: 'JPY', timeZone: 'Asia/Tokyo' };
const tokens = { accessToken: 'token' };

/** What Meta sent for a key: form body or query string. */
const metaParam = (entry: { url: URL; body: string }, key: string) => new URLSearchParams(entry.body).get(key) ?? entry.url.searchParams.get(key);

describe('bids and ad-group budgets in each platform unit', () => {
  it('Meta: bid_amount and ad-set budgets in minor units of the currency offset (cents; whole yen), read back as micros', async () => {
    const row = { id: '77', account_id: '1234567890', campaign_id: '9', name: 'Set', status: 'ACTIVE', daily_budget: '4200', bid_amount: 185, learning_stage_info: { status: 'LEARNING' } };
    const { sent, fetchFn } = recorder((_url, method) => (method === 'POST' ? { success: true } : row));
    const adapter = createMetaAdapter({ baseUrl: 'https://graph.test', authorizeBaseUrl: 'https://fb.test', appId: 'a', appSecret: 's', fetch: fetchFn });
    const read = await adapter.changes.setAdGroupBid(tokens, usd, '77', { micros: 1_250_000, currency: 'USD' });
    expect(metaParam(sent[0] ?? { url: new URL('https://x'), body: '' }, 'bid_amount')).toBe('125');
    expect(read).toMatchObject({ bidMicros: 1_850_000, dailyBudget: { micros: 42_000_000, currency: 'USD' }, isLearning: true });
    await adapter.changes.setAdGroupBid(tokens, jpy, '77', { micros: 150_000_000, currency: 'JPY' });
    expect(metaParam(sent[2] ?? { url: new URL('https://x'), body: '' }, 'bid_amount')).toBe('150');
    await adapter.changes.setAdGroupBudget(tokens, usd, '77', { kind: 'daily', amount: { micros: 33_330_000, currency: 'USD' } });
    expect(metaParam(sent[4] ?? { url: new URL('https://x'), body: '' }, 'daily_budget')).toBe('3333');
  });

  it('Meta: an ad set reads its lifetime budget, no bid and no learning stage when Graph leaves them out', () => {
    expect(toAdSet({ id: '1', campaign_id: '2', name: 'x', status: 'PAUSED', daily_budget: '0', lifetime_budget: '70000' }, 'JPY')).toEqual({
      platformId: '1', campaignPlatformId: '2', name: 'x', status: 'paused', dailyBudget: null, lifetimeBudget: { micros: 70_000_000_000, currency: 'JPY' },
    });
  });

  it('TikTok: bid_price and ad-group budgets as major-unit floats in the currency digits, read back as micros', async () => {
    const row = { adgroup_id: '5', campaign_id: '4', adgroup_name: 'G', operation_status: 'ENABLE', budget_mode: 'BUDGET_MODE_DAY', budget: 25.5, bid_type: 'BID_TYPE_CUSTOM', bid_price: 1.25 };
    const { sent, fetchFn } = recorder(() => ({ code: 0, message: 'OK', data: { list: [row], page_info: { page: 1, total_page: 1 } } }));
    const adapter = createTikTokAdapter({ baseUrl: 'https://tt.test', authorizeBaseUrl: 'https://tt.test', appId: 'a', secret: 's', fetch: fetchFn });
    const read = await adapter.changes.setAdGroupBid(tokens, usd, '5', { micros: 1_255_000, currency: 'USD' });
    expect(JSON.parse(sent[0]?.body ?? '{}')).toMatchObject({ adgroup_id: '5', bid_type: 'BID_TYPE_CUSTOM', bid_price: 1.26 });
    expect(read).toMatchObject({ bidMicros: 1_250_000, dailyBudget: { micros: 25_500_000, currency: 'USD' }, lifetimeBudget: null });
    await adapter.changes.setAdGroupBid(tokens, jpy, '5', { micros: 150_400_000, currency: 'JPY' });
    expect(JSON.parse(sent[2]?.body ?? '{}')).toMatchObject({ bid_price: 150 });
    await adapter.changes.setAdGroupBudget(tokens, usd, '5', { kind: 'daily', amount: { micros: 40_010_000, currency: 'USD' } });
    expect(JSON.parse(sent.find((s) => s.url.pathname.endsWith('adgroup/budget/update/'))?.body ?? '{}')).toMatchObject({ budget: [{ adgroup_id: '5', budget: 40.01 }] });
    expect(toTikTokAdGroup({ ...row, budget_mode: 'BUDGET_MODE_TOTAL', budget: 300.5, bid_type: 'BID_TYPE_NO_BID' }, 'USD')).toMatchObject({ dailyBudget: null, lifetimeBudget: { micros: 300_500_000 }, bidStrategy: 'BID_TYPE_NO_BID' });
  });

  it('Google: cpc_bid_micros sent and read as int64 micros strings; ad groups have no budget', async () => {
    const row = { adGroup: { id: '8', name: 'G', status: 'ENABLED', campaign: 'customers/1234567890/campaigns/3', cpcBidMicros: '1250000' } };
    const { sent, fetchFn } = recorder((url) => (url.pathname.endsWith(':mutate') ? { results: [{}] } : { results: [row] }));
    const adapter = createGoogleAdsAdapter({ baseUrl: 'https://ads.test', oauthBaseUrl: 'https://o.test', authorizeBaseUrl: 'https://a.test', clientId: 'c', clientSecret: 's', developerToken: 'd', fetch: fetchFn });
    const read = await adapter.changes.setAdGroupBid(tokens, usd, '8', { micros: 1_250_000, currency: 'USD' });
    expect(JSON.parse(sent[0]?.body ?? '{}')).toEqual({ operations: [{ update: { resourceName: 'customers/1234567890/adGroups/8', cpcBidMicros: '1250000' }, updateMask: 'cpc_bid_micros' }] });
    expect(read).toMatchObject({ bidMicros: 1_250_000, dailyBudget: null, lifetimeBudget: null });
    expect(toAdGroup({ adGroup: { ...row.adGroup, cpcBidMicros: '0' } }).bidMicros).toBeUndefined();
    await expect(adapter.changes.setAdGroupBudget(tokens, usd, '8', { kind: 'daily', amount: { micros: 1, currency: 'USD' } })).rejects.toMatchObject({ kind: 'invalid_request' });
  });
});
