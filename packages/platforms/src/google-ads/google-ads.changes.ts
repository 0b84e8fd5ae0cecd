import { z } from 'zod';
import { validateNewAd } from '../create-ad.ts';
import { withSpecField } from '../create-campaign.ts';
import { PlatformError, type AccountRef, type Ad, type AdGroup, type CampaignsApi, type ChangesApi, type TokenSet } from '../types.ts';
import { duplicateGoogleCampaign } from './google-ads.copy.ts';
import { googleAdsCall, type GoogleAdsConfig } from './google-ads.http.ts';
import { AD_FIELDS, AD_GROUP_FIELDS, responsiveSearchAd, toAd, toAdGroup } from './google-ads.rows.ts';
import { searchPage, type GaqlRow } from './google-ads.search.ts';

function numericId(id: string, field: string): string {
  if (!/^\d+$/.test(id)) throw new PlatformError('invalid_request', 'Google Ads ids are numeric', { platform: 'google_ads', field });
  return id;
}

/** The fields of `campaigns:mutate` each campaign strategy sets, with its update mask. */
function biddingUpdate(strategy: string, bidMicros: number | undefined, targetRoas: number | undefined): { fields: Record<string, unknown>; mask: string } {
  const need = (ok: boolean, field: string, what: string): void => {
    if (!ok) throw new PlatformError('invalid_request', what, { platform: 'google_ads', field });
  };
  switch (strategy) {
    case 'MANUAL_CPC':
      return { fields: { manualCpc: { enhancedCpcEnabled: false } }, mask: 'manual_cpc.enhanced_cpc_enabled' };
    case 'TARGET_SPEND':
      return { fields: { targetSpend: {} }, mask: 'target_spend' };
    case 'TARGET_CPA':
      need(bidMicros !== undefined && Number.isSafeInteger(bidMicros) && bidMicros > 0, 'bidMicros', 'Target CPA needs a positive amount.');
      return { fields: { targetCpa: { targetCpaMicros: String(bidMicros) } }, mask: 'target_cpa.target_cpa_micros' };
    case 'TARGET_ROAS':
      need(targetRoas !== undefined && Number.isFinite(targetRoas) && targetRoas > 0, 'targetRoas', 'Target ROAS needs a positive ratio.');
      return { fields: { targetRoas: { targetRoas } }, mask: 'target_roas.target_roas' };
    default:
      throw new PlatformError('invalid_request', `Google Ads campaigns here take MANUAL_CPC, TARGET_CPA, TARGET_ROAS or TARGET_SPEND, not ${strategy}.`, { platform: 'google_ads', field: 'strategy' });
  }
}

const MutateResults = z.object({ results: z.array(z.object({ resourceName: z.string().optional() })) });

/** The new ad's field a refused `adGroupAds:mutate` points at, from Google's field path. */
function newAdField(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const index = /(headlines|descriptions)\[(\d+)\]/.exec(path) ?? /(headlines|descriptions)\.(\d+)/.exec(path);
  if (index) return `ad.${index[1]}.${index[2]}`;
  if (path.includes('headlines')) return 'ad.headlines';
  if (path.includes('descriptions')) return 'ad.descriptions';
  if (path.includes('path1')) return 'ad.paths.0';
  if (path.includes('path2')) return 'ad.paths.1';
  if (path.includes('final_urls')) return 'ad.finalUrl';
  if (path.includes('ad_group')) return 'adGroupId';
  return 'ad';
}

/** Ad group, ad, name, bidding, removal and copy changes through `…:mutate` with update masks, read back through GAQL. */
export function createGoogleChanges(config: GoogleAdsConfig, campaigns: CampaignsApi): ChangesApi {
  const query = async (tokens: TokenSet, account: AccountRef, gaql: string): Promise<GaqlRow | undefined> =>
    (await searchPage(config, tokens, account.platformAccountId, gaql, null, account.managerId)).rows[0];
  const mutate = (tokens: TokenSet, account: AccountRef, collection: string, operation: Record<string, unknown>) =>
    googleAdsCall(config, tokens, `customers/${account.platformAccountId}/${collection}:mutate`, { body: { operations: [operation] }, loginCustomerId: account.managerId });
  const rn = (account: AccountRef, collection: string, id: string) => `customers/${account.platformAccountId}/${collection}/${id}`;

  async function getAdGroup(tokens: TokenSet, account: AccountRef, adGroupId: string): Promise<AdGroup> {
    const row = await query(tokens, account, `SELECT ${AD_GROUP_FIELDS} FROM ad_group WHERE ad_group.id = ${numericId(adGroupId, 'adGroup.id')}`);
    if (!row) throw new PlatformError('not_found', `Ad group ${adGroupId} not found`, { platform: 'google_ads' });
    return toAdGroup(row);
  }
  async function getAd(tokens: TokenSet, account: AccountRef, adId: string): Promise<Ad> {
    const row = await query(tokens, account, `SELECT ${AD_FIELDS} FROM ad_group_ad WHERE ad_group_ad.ad.id = ${numericId(adId, 'ad.id')}`);
    if (!row) throw new PlatformError('not_found', `Ad ${adId} not found`, { platform: 'google_ads' });
    return toAd(row);
  }
  const word = (status: 'active' | 'paused') => (status === 'active' ? 'ENABLED' : 'PAUSED');

  return {
    getAdGroup,
    getAd,
    async setAdGroupStatus(tokens, account, adGroupId, status) {
      await mutate(tokens, account, 'adGroups', { update: { resourceName: rn(account, 'adGroups', numericId(adGroupId, 'adGroup.id')), status: word(status) }, updateMask: 'status' });
      return getAdGroup(tokens, account, adGroupId);
    },
    setAdGroupBudget() {
      return Promise.reject(new PlatformError('invalid_request', 'Google Ads ad groups have no budget of their own; the campaign budget is shared by them.', { platform: 'google_ads', field: 'level' }));
    },
    async setAdGroupBid(tokens, account, adGroupId, bid) {
      if (bid.currency !== account.currency) throw new PlatformError('invalid_request', `Bid must be in ${account.currency}`, { platform: 'google_ads', field: 'bid.currency' });
      // cpc_bid_micros is int64 micros already.
      await mutate(tokens, account, 'adGroups', { update: { resourceName: rn(account, 'adGroups', numericId(adGroupId, 'adGroup.id')), cpcBidMicros: String(bid.micros) }, updateMask: 'cpc_bid_micros' });
      return getAdGroup(tokens, account, adGroupId);
    },
    async setAdStatus(tokens, account, adId, status) {
      const ad = await getAd(tokens, account, adId);
      await mutate(tokens, account, 'adGroupAds', { update: { resourceName: rn(account, 'adGroupAds', `${ad.adGroupPlatformId}~${ad.platformId}`), status: word(status) }, updateMask: 'status' });
      return getAd(tokens, account, adId);
    },
    /** One responsive search ad: `adGroupAds:mutate` create with its headlines, descriptions, display paths and final URL. */
    async createAd(tokens, account, adGroupId, ad) {
      validateNewAd('google_ads', ad);
      const create = { adGroup: rn(account, 'adGroups', numericId(adGroupId, 'adGroupId')), status: word(ad.status), ad: responsiveSearchAd(ad.finalUrl, ad.headlines, ad.descriptions, ad.paths) };
      let body: unknown;
      try {
        body = await mutate(tokens, account, 'adGroupAds', { create });
      } catch (error) {
        throw withSpecField(error, (field) => newAdField(field));
      }
      // customers/{cid}/adGroupAds/{adGroupId}~{adId}
      const adId = MutateResults.parse(body).results[0]?.resourceName?.split('~').pop() ?? '';
      if (!adId) throw new PlatformError('transient', 'Google Ads did not return the created ad', { platform: 'google_ads' });
      return getAd(tokens, account, adId);
    },
    async rename(tokens, account, target, name) {
      if (target.level === 'ad') throw new PlatformError('invalid_request', 'Google responsive search ads have no name of their own.', { platform: 'google_ads', field: 'level' });
      const collection = target.level === 'campaign' ? 'campaigns' : 'adGroups';
      await mutate(tokens, account, collection, { update: { resourceName: rn(account, collection, numericId(target.id, 'id')), name }, updateMask: 'name' });
      const after = target.level === 'campaign' ? await campaigns.getCampaign(tokens, account, target.id) : await getAdGroup(tokens, account, target.id);
      return { name: after.name };
    },
    async setCampaignBidding(tokens, account, campaignId, bidding) {
      const { fields, mask } = biddingUpdate(bidding.strategy, bidding.bidMicros, bidding.targetRoas);
      await mutate(tokens, account, 'campaigns', { update: { resourceName: rn(account, 'campaigns', numericId(campaignId, 'campaign.id')), ...fields }, updateMask: mask });
      return campaigns.getCampaign(tokens, account, campaignId);
    },
    async endCampaign(tokens, account, campaignId, end) {
      if (end === 'archive') throw new PlatformError('invalid_request', 'Google Ads campaigns cannot be archived, only removed.', { platform: 'google_ads', field: 'end' });
      // Removal is final: a removed campaign can never be enabled or edited again.
      await mutate(tokens, account, 'campaigns', { remove: rn(account, 'campaigns', numericId(campaignId, 'campaign.id')) });
      return campaigns.getCampaign(tokens, account, campaignId);
    },
    duplicateCampaign: (tokens, account, campaignId, name) => duplicateGoogleCampaign(config, campaigns, tokens, account, numericId(campaignId, 'campaign.id'), name),
  };
}
