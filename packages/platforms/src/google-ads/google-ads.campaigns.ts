import { z } from 'zod';
import { countryInfo } from '../countries.ts';
import { validateNewCampaign, withSpecField } from '../create-campaign.ts';
import { PlatformError, type AccountRef, type Ad, type Campaign, type CampaignsApi, type Capabilities, type EntityStatus, type NewCampaignSpec, type TokenSet } from '../types.ts';
import { googleAdsCall, type GoogleAdsConfig } from './google-ads.http.ts';
import { AD_GROUP_FIELDS, responsiveSearchAd, toAdGroup } from './google-ads.rows.ts';
import { num, searchPage, str, type GaqlRow } from './google-ads.search.ts';

const STATUS: Record<string, EntityStatus> = { ENABLED: 'active', PAUSED: 'paused', REMOVED: 'removed' };
const toStatus = (raw: string): EntityStatus => STATUS[raw] ?? 'paused';

export const CAMPAIGN_FIELDS =
  'campaign.id, campaign.name, campaign.status, campaign.advertising_channel_type, campaign.campaign_budget, campaign_budget.amount_micros, campaign_budget.period, '
  + 'campaign.bidding_strategy_type, campaign.target_cpa.target_cpa_micros, campaign.target_roas.target_roas';

export function toCampaign(row: GaqlRow, currency: string): Campaign {
  const raw = str(row, 'campaign.status');
  const amount = num(row, 'campaignBudget.amountMicros');
  const strategy = str(row, 'campaign.biddingStrategyType');
  const targetCpa = num(row, 'campaign.targetCpa.targetCpaMicros');
  const targetRoas = num(row, 'campaign.targetRoas.targetRoas');
  return {
    platformId: str(row, 'campaign.id'),
    name: str(row, 'campaign.name'),
    status: toStatus(raw),
    objective: str(row, 'campaign.advertisingChannelType') || null,
    // Google budgets are daily (period DAILY); micros are already our unit.
    dailyBudget: str(row, 'campaign.campaignBudget') ? { micros: amount, currency } : null,
    lifetimeBudget: null,
    rawStatus: raw,
    ...(strategy ? { bidStrategy: strategy } : {}),
    ...(strategy === 'TARGET_CPA' && targetCpa > 0 ? { bidMicros: targetCpa } : {}),
    ...(strategy === 'TARGET_ROAS' && targetRoas > 0 ? { targetRoas } : {}),
  };
}

/** Google's age-range criteria (AgeRangeType), each with the ages it covers. */
const AGE_RANGES: ReadonlyArray<[type: string, from: number, to: number]> = [
  ['AGE_RANGE_18_24', 18, 24], ['AGE_RANGE_25_34', 25, 34], ['AGE_RANGE_35_44', 35, 44],
  ['AGE_RANGE_45_54', 45, 54], ['AGE_RANGE_55_64', 55, 64], ['AGE_RANGE_65_UP', 65, Number.POSITIVE_INFINITY],
];

/**
 * Age ranges to exclude so an ad group reaches `ageMin`–`ageMax` (65 = 65 and over). Google targets every
 * range by default and narrows by negative criteria; a range only partly inside the wanted ages stays
 * targeted, so the reach can be wider than asked (25–40 reaches 25–44). Under-18s cannot be targeted.
 */
export function excludedAgeRanges(ageMin: number | undefined, ageMax: number | undefined): string[] {
  const min = ageMin ?? 0;
  const max = ageMax === undefined || ageMax >= 65 ? Number.POSITIVE_INFINITY : ageMax;
  if (max < 18) throw new PlatformError('invalid_request', 'Google Ads cannot target people under 18.', { platform: 'google_ads', field: 'adGroup.ageMax' });
  return AGE_RANGES.filter(([, from, to]) => to < min || from > max).map(([type]) => type);
}

const MutateResponse = z.object({ mutateOperationResponses: z.array(z.record(z.string(), z.object({ resourceName: z.string() }).optional())) });

/** The spec path a refused operation points at, from the operation and field Google names. */
function specField(path: string | undefined): string | undefined {
  if (!path) return undefined;
  if (path.includes('campaign_budget_operation')) return path.includes('name') ? 'name' : 'budget.amount';
  if (path.includes('campaign_criterion_operation')) return 'adGroup.countries';
  if (path.includes('ad_group_criterion_operation')) return path.includes('keyword') ? 'adGroup.keywords' : 'adGroup.ageMin';
  if (path.includes('ad_group_ad_operation')) {
    if (path.includes('headlines')) return 'ad.headline';
    if (path.includes('descriptions')) return 'ad.description';
    if (path.includes('final_urls')) return 'ad.finalUrl';
    return 'ad';
  }
  if (path.includes('ad_group_operation')) return 'adGroup.name';
  if (path.includes('campaign_operation')) {
    if (path.includes('advertising_channel_type')) return 'objective';
    if (path.includes('start_date')) return 'startDate';
    if (path.includes('end_date')) return 'endDate';
    return path.includes('name') ? 'name' : 'objective';
  }
  return undefined;
}

/** The `googleAds:mutate` operations that create a Search campaign (own budget, country and age targeting, one RSA) atomically. */
export function campaignCreateOperations(customerId: string, spec: NewCampaignSpec): unknown[] {
  const rn = (collection: string, id: string) => `customers/${customerId}/${collection}/${id}`;
  const budget = rn('campaignBudgets', '-1');
  const campaign = rn('campaigns', '-2');
  const adGroup = rn('adGroups', '-3');
  const geo = spec.adGroup.countries.map((code) => {
    const numeric = countryInfo(code)?.isoNumeric ?? 0;
    if (numeric === 0) throw new PlatformError('invalid_request', `Google Ads has no country target for ${code}.`, { platform: 'google_ads', field: 'adGroup.countries' });
    return `geoTargetConstants/${2000 + numeric}`;
  });
  return [
    { campaignBudgetOperation: { create: { resourceName: budget, name: `${spec.name} budget`, amountMicros: String(spec.budget.amount.micros), deliveryMethod: 'STANDARD', period: 'DAILY', explicitlyShared: false } } },
    {
      campaignOperation: {
        create: {
          resourceName: campaign,
          name: spec.name,
          status: spec.status === 'active' ? 'ENABLED' : 'PAUSED',
          advertisingChannelType: spec.objective,
          campaignBudget: budget,
          // Maximize clicks: needs no bids of its own.
          targetSpend: {},
          networkSettings: { targetGoogleSearch: true, targetSearchNetwork: true, targetContentNetwork: false, targetPartnerSearchNetwork: false },
          // People in the countries, not people interested in them.
          geoTargetTypeSetting: { positiveGeoTargetType: 'PRESENCE' },
          containsEuPoliticalAdvertising: 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING',
          ...(spec.startDate ? { startDateTime: `${spec.startDate} 00:00:00` } : {}),
          ...(spec.endDate ? { endDateTime: `${spec.endDate} 23:59:59` } : {}),
        },
      },
    },
    ...geo.map((geoTargetConstant) => ({ campaignCriterionOperation: { create: { campaign, location: { geoTargetConstant } } } })),
    { adGroupOperation: { create: { resourceName: adGroup, name: spec.adGroup.name, campaign, status: 'ENABLED', type: 'SEARCH_STANDARD' } } },
    ...excludedAgeRanges(spec.adGroup.ageMin, spec.adGroup.ageMax).map((type) => ({ adGroupCriterionOperation: { create: { adGroup, negative: true, ageRange: { type } } } })),
    ...(spec.adGroup.keywords ?? []).map((k) => ({ adGroupCriterionOperation: { create: { adGroup, status: 'ENABLED', keyword: { text: k.text.trim(), matchType: k.matchType } } } })),
    {
      adGroupAdOperation: {
        create: {
          adGroup,
          status: 'ENABLED',
          // Responsive search ads have no name of their own (Ad.name is for display-upload, image and video ads).
          ad: responsiveSearchAd(spec.ad.finalUrl, [spec.ad.headline, ...(spec.ad.extraHeadlines ?? [])], [spec.ad.description, ...(spec.ad.extraDescriptions ?? [])]),
        },
      },
    },
  ];
}

/** Campaigns, ad groups and ads through GAQL; status and budget changes through mutates with updateMask. */
export function createGoogleCampaigns(config: GoogleAdsConfig, capabilities: Capabilities): CampaignsApi {
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
      const result = await page(tokens, account, `SELECT ${AD_GROUP_FIELDS} FROM ad_group WHERE ad_group.status != 'REMOVED'`, pageToken);
      return { items: result.rows.map(toAdGroup), nextPage: result.nextPage };
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
    // Responsive search ads are text only: nothing of the account to pick.
    listAdAssets: async () => ({}),
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
    async create(tokens, account, spec) {
      validateNewCampaign('google_ads', capabilities, account, spec);
      const mutateOperations = campaignCreateOperations(account.platformAccountId, spec);
      let body: unknown;
      try {
        body = await googleAdsCall(config, tokens, `customers/${account.platformAccountId}/googleAds:mutate`, { body: { mutateOperations }, loginCustomerId: account.managerId });
      } catch (error) {
        throw withSpecField(error, (field) => specField(field));
      }
      const results = MutateResponse.parse(body).mutateOperationResponses;
      const named = (key: string) => results.map((r) => r[key]?.resourceName).find((name) => name !== undefined) ?? '';
      const campaignId = named('campaignResult').split('/').pop() ?? '';
      const adGroupId = named('adGroupResult').split('/').pop() ?? '';
      // customers/{cid}/adGroupAds/{adGroupId}~{adId}
      const adId = named('adGroupAdResult').split('~').pop() ?? '';
      if (!campaignId || !adGroupId || !adId) throw new PlatformError('transient', 'Google Ads did not return the created resources', { platform: 'google_ads' });
      return { campaign: await getCampaign(tokens, account, campaignId), adGroupPlatformId: adGroupId, adPlatformId: adId };
    },
  };
}
