import { z } from 'zod';
import { PlatformError, type AccountRef, type Ad, type AdGroup, type CampaignsApi, type ChangesApi, type EntityStatus, type Money, type TokenSet } from '../types.ts';
import { duplicateTikTokCampaign } from './tiktok.copy.ts';
import { tiktokCall, type TikTokConfig } from './tiktok.http.ts';
import { createTikTokAd } from './tiktok.new-ad.ts';
import { majorToMicros, microsToMajor } from './tiktok.money.ts';

type Row = Record<string, unknown>;
const Listing = z.object({ list: z.array(z.record(z.string(), z.unknown())) });
const STATUS: Record<string, EntityStatus> = { ENABLE: 'active', DISABLE: 'paused', DELETE: 'removed' };
export const tiktokText = (row: Row, key: string): string => (row[key] === undefined || row[key] === null ? '' : String(row[key]));
export const tiktokStatus = (row: Row): EntityStatus => STATUS[tiktokText(row, 'operation_status')] ?? 'paused';

/**
 * An ad group as adgroup/get returns it: `budget` is a major-unit float whose meaning `budget_mode` gives
 * (0 under campaign budget optimization), `bid_price` a major-unit float that counts only with
 * bid_type BID_TYPE_CUSTOM. TikTok reports no learning phase here.
 */
export function toTikTokAdGroup(row: Row, currency: string): AdGroup {
  const mode = tiktokText(row, 'budget_mode');
  const amount = majorToMicros(row.budget);
  const money = (on: boolean): Money | null => (on && amount > 0 ? { micros: amount, currency } : null);
  const bid = majorToMicros(row.bid_price);
  const bidType = tiktokText(row, 'bid_type');
  return {
    platformId: tiktokText(row, 'adgroup_id'),
    campaignPlatformId: tiktokText(row, 'campaign_id'),
    name: tiktokText(row, 'adgroup_name'),
    status: tiktokStatus(row),
    dailyBudget: money(mode === 'BUDGET_MODE_DAY' || mode === 'BUDGET_MODE_DYNAMIC_DAILY_BUDGET'),
    lifetimeBudget: money(mode === 'BUDGET_MODE_TOTAL'),
    ...(bidType ? { bidStrategy: bidType } : {}),
    ...(bidType === 'BID_TYPE_CUSTOM' && bid > 0 ? { bidMicros: bid } : {}),
  };
}

export function toTikTokAd(row: Row): Ad {
  return {
    platformId: tiktokText(row, 'ad_id'), adGroupPlatformId: tiktokText(row, 'adgroup_id'), campaignPlatformId: tiktokText(row, 'campaign_id'),
    name: tiktokText(row, 'ad_name'), status: tiktokStatus(row),
  };
}

/** Ad group, ad, name, delete and copy changes through the v1.3 update and status/update endpoints. */
export function createTikTokChanges(config: TikTokConfig, campaigns: CampaignsApi, now: () => Date): ChangesApi {
  const call = (tokens: TokenSet, account: AccountRef, path: string, params: Record<string, unknown>) =>
    tiktokCall(config, path, { method: 'POST', params: { advertiser_id: account.platformAccountId, ...params }, accessToken: tokens.accessToken });
  async function one(tokens: TokenSet, account: AccountRef, path: string, filter: string, id: string): Promise<Row> {
    const data = Listing.parse(await tiktokCall(config, path, { params: { advertiser_id: account.platformAccountId, filtering: { [filter]: [id], primary_status: 'STATUS_ALL' }, page_size: 10 }, accessToken: tokens.accessToken }));
    const row = data.list[0];
    if (!row) throw new PlatformError('not_found', `${filter === 'ad_ids' ? 'Ad' : 'Ad group'} ${id} not found`, { platform: 'tiktok' });
    return row;
  }
  const getAdGroup = async (tokens: TokenSet, account: AccountRef, id: string) => toTikTokAdGroup(await one(tokens, account, 'adgroup/get/', 'adgroup_ids', id), account.currency);
  const getAd = async (tokens: TokenSet, account: AccountRef, id: string) => toTikTokAd(await one(tokens, account, 'ad/get/', 'ad_ids', id));
  const word = (status: 'active' | 'paused') => (status === 'active' ? 'ENABLE' : 'DISABLE');
  const sameCurrency = (currency: string, account: AccountRef, field: string) => {
    if (currency !== account.currency) throw new PlatformError('invalid_request', `Amount must be in ${account.currency}`, { platform: 'tiktok', field });
  };

  return {
    getAdGroup,
    getAd,
    async setAdGroupStatus(tokens, account, id, status) {
      await call(tokens, account, 'adgroup/status/update/', { adgroup_ids: [id], operation_status: word(status) });
      return getAdGroup(tokens, account, id);
    },
    async setAdGroupBudget(tokens, account, id, change) {
      sameCurrency(change.amount.currency, account, 'budget.currency');
      const current = await getAdGroup(tokens, account, id);
      const has = change.kind === 'daily' ? current.dailyBudget : current.lifetimeBudget;
      // The budget mode is fixed after creation: a daily budget cannot become a lifetime one.
      if (!has) throw new PlatformError('invalid_request', `This ad group has no ${change.kind} budget of its own.`, { platform: 'tiktok', field: 'budget.kind' });
      await call(tokens, account, 'adgroup/budget/update/', { budget: [{ adgroup_id: id, budget: microsToMajor(change.amount.micros, account.currency) }] });
      return getAdGroup(tokens, account, id);
    },
    async setAdGroupBid(tokens, account, id, bid) {
      sameCurrency(bid.currency, account, 'bid.currency');
      await call(tokens, account, 'adgroup/update/', { adgroup_id: id, bid_type: 'BID_TYPE_CUSTOM', bid_price: microsToMajor(bid.micros, account.currency) });
      return getAdGroup(tokens, account, id);
    },
    async setAdStatus(tokens, account, id, status) {
      await call(tokens, account, 'ad/status/update/', { ad_ids: [id], operation_status: word(status) });
      return getAd(tokens, account, id);
    },
    async createAd(tokens, account, adGroupId, ad) {
      return getAd(tokens, account, await createTikTokAd(config, tokens, account, adGroupId, ad));
    },
    async rename(tokens, account, target, name) {
      if (target.level === 'campaign') {
        await call(tokens, account, 'campaign/update/', { campaign_id: target.id, campaign_name: name });
        return { name: (await campaigns.getCampaign(tokens, account, target.id)).name };
      }
      if (target.level === 'ad_group') {
        await call(tokens, account, 'adgroup/update/', { adgroup_id: target.id, adgroup_name: name });
        return { name: (await getAdGroup(tokens, account, target.id)).name };
      }
      const ad = await getAd(tokens, account, target.id);
      await call(tokens, account, 'ad/update/', { adgroup_id: ad.adGroupPlatformId, creatives: [{ ad_id: target.id, ad_name: name }] });
      return { name: (await getAd(tokens, account, target.id)).name };
    },
    setCampaignBidding() {
      return Promise.reject(new PlatformError('invalid_request', 'TikTok bids live on ad groups; campaigns carry no bid strategy.', { platform: 'tiktok', field: 'level' }));
    },
    async endCampaign(tokens, account, campaignId, end) {
      if (end === 'archive') throw new PlatformError('invalid_request', 'TikTok campaigns cannot be archived, only deleted.', { platform: 'tiktok', field: 'end' });
      // DELETE is terminal: the campaign can never be enabled or edited again.
      await call(tokens, account, 'campaign/status/update/', { campaign_ids: [campaignId], operation_status: 'DELETE' });
      return campaigns.getCampaign(tokens, account, campaignId);
    },
    duplicateCampaign: (tokens, account, campaignId, name) => duplicateTikTokCampaign(config, campaigns, tokens, account, campaignId, name, now),
  };
}
