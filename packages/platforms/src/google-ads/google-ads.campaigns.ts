import { PlatformError, type AccountRef, type Ad, type AdGroup, type Campaign, type CampaignsApi, type EntityStatus, type TokenSet } from '../types.ts';
import { googleAdsCall, type GoogleAdsConfig } from './google-ads.http.ts';
import { num, searchPage, str, type GaqlRow } from './google-ads.search.ts';

const STATUS: Record<string, EntityStatus> = { ENABLED: 'active', PAUSED: 'paused', REMOVED: 'removed' };
const toStatus = (raw: string): EntityStatus => STATUS[raw] ?? 'paused';

const CAMPAIGN_FIELDS =
  'campaign.id, campaign.name, campaign.status, campaign.advertising_channel_type, campaign.campaign_budget, campaign_budget.amount_micros, campaign_budget.period';

function toCampaign(row: GaqlRow, currency: string): Campaign {
  const raw = str(row, 'campaign.status');
  const amount = num(row, 'campaignBudget.amountMicros');
  return {
    platformId: str(row, 'campaign.id'),
    name: str(row, 'campaign.name'),
    status: toStatus(raw),
    objective: str(row, 'campaign.advertisingChannelType') || null,
    // Google budgets are daily (period DAILY); micros are already our unit.
    dailyBudget: str(row, 'campaign.campaignBudget') ? { micros: amount, currency } : null,
    lifetimeBudget: null,
    rawStatus: raw,
  };
}

/** Campaigns, ad groups and ads through GAQL; status and budget changes through mutates with updateMask. */
export function createGoogleCampaigns(config: GoogleAdsConfig): CampaignsApi {
  const page = (tokens: TokenSet, account: AccountRef, query: string, pageToken: string | null | undefined) =>
    searchPage(config, tokens, account.platformAccountId, query, pageToken ?? null, account.managerId);

  async function getCampaign(tokens: TokenSet, account: AccountRef, campaignId: string): Promise<Campaign> {
    if (!/^\d+$/.test(campaignId)) throw new PlatformError('invalid_request', 'Campaign ids are numeric', { platform: 'google_ads', field: 'campaign.id' });
    const { rows } = await page(tokens, account, `SELECT ${CAMPAIGN_FIELDS} FROM campaign WHERE campaign.id = ${campaignId}`, null);
    const row = rows[0];
    if (!row) throw new PlatformError('not_found', `Campaign ${campaignId} not found`, { platform: 'google_ads' });
    return toCampaign(row, account.currency);
  }

  async function mutate(tokens: TokenSet, account: AccountRef, collection: string, update: Record<string, unknown>, mask: string): Promise<void> {
    await googleAdsCall(config, tokens, `customers/${account.platformAccountId}/${collection}:mutate`, {
      body: { operations: [{ update, updateMask: mask }] },
      loginCustomerId: account.managerId,
    });
  }

  return {
    async listCampaigns(tokens, account, pageToken) {
      const result = await page(tokens, account, `SELECT ${CAMPAIGN_FIELDS} FROM campaign WHERE campaign.status != 'REMOVED'`, pageToken);
      return { items: result.rows.map((row) => toCampaign(row, account.currency)), nextPage: result.nextPage };
    },
    async listAdGroups(tokens, account, pageToken) {
      const result = await page(tokens, account, "SELECT ad_group.id, ad_group.name, ad_group.status, ad_group.campaign FROM ad_group WHERE ad_group.status != 'REMOVED'", pageToken);
      const items: AdGroup[] = result.rows.map((row) => ({
        platformId: str(row, 'adGroup.id'),
        campaignPlatformId: str(row, 'adGroup.campaign').split('/').pop() ?? '',
        name: str(row, 'adGroup.name'),
        status: toStatus(str(row, 'adGroup.status')),
        dailyBudget: null,
      }));
      return { items, nextPage: result.nextPage };
    },
    async listAds(tokens, account, pageToken) {
      const result = await page(tokens, account, "SELECT ad_group_ad.ad.id, ad_group_ad.ad.name, ad_group_ad.status, ad_group_ad.ad_group, ad_group.campaign FROM ad_group_ad WHERE ad_group_ad.status != 'REMOVED'", pageToken);
      const items: Ad[] = result.rows.map((row) => ({
        platformId: str(row, 'adGroupAd.ad.id'),
        adGroupPlatformId: str(row, 'adGroupAd.adGroup').split('/').pop() ?? '',
        campaignPlatformId: str(row, 'adGroup.campaign').split('/').pop() ?? '',
        name: str(row, 'adGroupAd.ad.name'),
        status: toStatus(str(row, 'adGroupAd.status')),
      }));
      return { items, nextPage: result.nextPage };
    },
    getCampaign,
    async setStatus(tokens, account, campaignId, status) {
      const resourceName = `customers/${account.platformAccountId}/campaigns/${campaignId}`;
      await mutate(tokens, account, 'campaigns', { resourceName, status: status === 'active' ? 'ENABLED' : 'PAUSED' }, 'status');
      return getCampaign(tokens, account, campaignId);
    },
    async setBudget(tokens, account, campaignId, change) {
      if (change.kind !== 'daily') throw new PlatformError('invalid_request', 'Google Ads campaigns have daily budgets only', { platform: 'google_ads', field: 'budget.kind' });
      if (change.amount.currency !== account.currency) throw new PlatformError('invalid_request', `Budget must be in ${account.currency}`, { platform: 'google_ads', field: 'budget.currency' });
      const { rows } = await page(tokens, account, `SELECT campaign.id, campaign.campaign_budget FROM campaign WHERE campaign.id = ${Number(campaignId)}`, null);
      const budget = rows[0] ? str(rows[0], 'campaign.campaignBudget') : '';
      if (!budget) throw new PlatformError('not_found', `Campaign ${campaignId} has no budget to change`, { platform: 'google_ads' });
      await mutate(tokens, account, 'campaignBudgets', { resourceName: budget, amountMicros: String(change.amount.micros) }, 'amount_micros');
      return getCampaign(tokens, account, campaignId);
    },
  };
}
