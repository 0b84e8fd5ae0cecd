import { PlatformError, type AccountRef, type Ad, type AdGroup, type CampaignsApi, type ChangesApi, type EntityStatus, type TokenSet } from '../types.ts';
import { metaCall, text, type GraphRow, type MetaConfig } from './meta.http.ts';
import { createMetaAd } from './meta.new-ad.ts';
import { budgetMoney, microsToMinor, minorToMicros } from './meta.money.ts';

const STATUS: Record<string, EntityStatus> = { ACTIVE: 'active', PAUSED: 'paused', DELETED: 'removed', ARCHIVED: 'archived' };
export const toMetaStatus = (row: GraphRow): EntityStatus => STATUS[text(row, 'status')] ?? 'paused';

export const AD_SET_FIELDS = 'id,account_id,campaign_id,name,status,effective_status,daily_budget,lifetime_budget,bid_amount,bid_strategy,learning_stage_info';
const AD_FIELDS = 'id,account_id,campaign_id,adset_id,name,status,effective_status';

/**
 * An ad set as Graph returns it: budgets and bid_amount are minor-unit strings (integers), a lifetime
 * budget reads with daily_budget "0"; learning_stage_info comes only for delivering ad sets.
 */
export function toAdSet(row: GraphRow, currency: string): AdGroup {
  const bid = minorToMicros(row.bid_amount, currency);
  const learning = row.learning_stage_info;
  const stage = learning && typeof learning === 'object' ? Reflect.get(learning, 'status') : undefined;
  return {
    platformId: text(row, 'id'),
    campaignPlatformId: text(row, 'campaign_id'),
    name: text(row, 'name'),
    status: toMetaStatus(row),
    dailyBudget: budgetMoney(row.daily_budget, currency),
    lifetimeBudget: budgetMoney(row.lifetime_budget, currency),
    ...(text(row, 'bid_strategy') ? { bidStrategy: text(row, 'bid_strategy') } : {}),
    ...(bid !== null ? { bidMicros: bid } : {}),
    ...(typeof stage === 'string' ? { isLearning: stage === 'LEARNING' } : {}),
  };
}

export function toMetaAd(row: GraphRow): Ad {
  return { platformId: text(row, 'id'), adGroupPlatformId: text(row, 'adset_id'), campaignPlatformId: text(row, 'campaign_id'), name: text(row, 'name'), status: toMetaStatus(row) };
}

function checkId(id: string): string {
  if (!/^\d+$/.test(id)) throw new PlatformError('invalid_request', 'Meta object ids are numeric', { platform: 'meta', field: 'id' });
  return id;
}

/** Ad set, ad, name, bid strategy, archive/delete and copy changes: `POST /{id}` and `POST /{campaign-id}/copies`. */
export function createMetaChanges(config: MetaConfig, campaigns: CampaignsApi): ChangesApi {
  const read = async (tokens: TokenSet, account: AccountRef, id: string, fields: string, edge: string): Promise<GraphRow> => {
    const row = (await metaCall(config, checkId(id), { params: { fields }, accessToken: tokens.accessToken })) as GraphRow;
    // Graph answers any object id: an ad set has a campaign_id, an ad an adset_id, and both name their account.
    const owner = text(row, 'account_id');
    const shaped = edge === 'adset' ? text(row, 'campaign_id') && !text(row, 'adset_id') : text(row, 'adset_id');
    if (!shaped || (owner && owner !== account.platformAccountId.replace(/^act_/, ''))) {
      throw new PlatformError('not_found', `${edge === 'adset' ? 'Ad set' : 'Ad'} ${id} not found in account ${account.platformAccountId}`, { platform: 'meta' });
    }
    return row;
  };
  const post = (tokens: TokenSet, id: string, params: Record<string, string>) => metaCall(config, checkId(id), { method: 'POST', params, accessToken: tokens.accessToken });
  const getAdGroup = async (tokens: TokenSet, account: AccountRef, id: string) => toAdSet(await read(tokens, account, id, AD_SET_FIELDS, 'adset'), account.currency);
  const getAd = async (tokens: TokenSet, account: AccountRef, id: string) => toMetaAd(await read(tokens, account, id, AD_FIELDS, 'ad'));
  const word = (status: 'active' | 'paused') => (status === 'active' ? 'ACTIVE' : 'PAUSED');
  const sameCurrency = (currency: string, account: AccountRef, field: string) => {
    if (currency !== account.currency) throw new PlatformError('invalid_request', `Amount must be in ${account.currency}`, { platform: 'meta', field });
  };

  return {
    getAdGroup,
    getAd,
    async setAdGroupStatus(tokens, account, id, status) {
      await post(tokens, id, { status: word(status) });
      return getAdGroup(tokens, account, id);
    },
    async setAdGroupBudget(tokens, account, id, change) {
      sameCurrency(change.amount.currency, account, 'budget.currency');
      await post(tokens, id, { [change.kind === 'daily' ? 'daily_budget' : 'lifetime_budget']: microsToMinor(change.amount.micros, account.currency) });
      return getAdGroup(tokens, account, id);
    },
    async setAdGroupBid(tokens, account, id, bid) {
      sameCurrency(bid.currency, account, 'bid.currency');
      // bid_amount is in the currency offset's minor units, like budgets.
      await post(tokens, id, { bid_amount: microsToMinor(bid.micros, account.currency) });
      return getAdGroup(tokens, account, id);
    },
    async setAdStatus(tokens, account, id, status) {
      await post(tokens, id, { status: word(status) });
      return getAd(tokens, account, id);
    },
    async createAd(tokens, account, adSetId, ad) {
      return getAd(tokens, account, await createMetaAd(config, tokens, account, adSetId, ad));
    },
    async rename(tokens, account, target, name) {
      await post(tokens, target.id, { name });
      const after = target.level === 'campaign' ? await campaigns.getCampaign(tokens, account, target.id)
        : target.level === 'ad_group' ? await getAdGroup(tokens, account, target.id) : await getAd(tokens, account, target.id);
      return { name: after.name };
    },
    async setCampaignBidding(tokens, account, campaignId, bidding) {
      // The cap of LOWEST_COST_WITH_BID_CAP and COST_CAP is each ad set's bid_amount (setAdGroupBid).
      await post(tokens, campaignId, { bid_strategy: bidding.strategy });
      return campaigns.getCampaign(tokens, account, campaignId);
    },
    async endCampaign(tokens, account, campaignId, end) {
      // ARCHIVED can afterwards only be DELETED; DELETED is final.
      await post(tokens, campaignId, { status: end === 'archive' ? 'ARCHIVED' : 'DELETED' });
      return campaigns.getCampaign(tokens, account, campaignId);
    },
    async duplicateCampaign(tokens, account, campaignId, name) {
      const source = await campaigns.getCampaign(tokens, account, campaignId);
      const body = (await metaCall(config, `${checkId(campaignId)}/copies`, {
        method: 'POST',
        params: { deep_copy: 'true', status_option: 'PAUSED', rename_options: { rename_strategy: 'ONLY_TOP_LEVEL_RENAME', rename_suffix: ' (copy)' } },
        accessToken: tokens.accessToken,
      })) as GraphRow;
      const copyId = text(body, 'copied_campaign_id');
      if (!copyId) throw new PlatformError('transient', 'Meta did not return the id of the copied campaign', { platform: 'meta' });
      if (name !== undefined && name !== `${source.name} (copy)`) await post(tokens, copyId, { name });
      return campaigns.getCampaign(tokens, account, copyId);
    },
  };
}
