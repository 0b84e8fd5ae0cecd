import { z } from 'zod';
import { PlatformError, type AccountRef, type Campaign, type CampaignsApi, type TokenSet } from '../types.ts';
import { googleAdsCall, type GoogleAdsConfig } from './google-ads.http.ts';
import { num, pick, searchAll, str, type GaqlRow } from './google-ads.search.ts';

const MutateResponse = z.object({ mutateOperationResponses: z.array(z.record(z.string(), z.object({ resourceName: z.string() }).optional())) });

/** The campaign's bidding as a create would set it (the strategy and its value). */
function biddingOf(row: GaqlRow): Record<string, unknown> {
  switch (str(row, 'campaign.biddingStrategyType')) {
    case 'MANUAL_CPC': return { manualCpc: { enhancedCpcEnabled: false } };
    case 'TARGET_CPA': return { targetCpa: { targetCpaMicros: str(row, 'campaign.targetCpa.targetCpaMicros') } };
    case 'TARGET_ROAS': return { targetRoas: { targetRoas: num(row, 'campaign.targetRoas.targetRoas') } };
    default: return { targetSpend: {} };
  }
}

const texts = (value: unknown): Array<{ text: string }> =>
  Array.isArray(value) ? value.map((item: unknown) => ({ text: String(item && typeof item === 'object' ? Reflect.get(item, 'text') ?? '' : item) })) : [];

/**
 * Google Ads has no copy endpoint: reads the campaign (budget, channel, bidding), its ad groups (names,
 * bids) and responsive search ads, and creates them again in one atomic `googleAds:mutate`, every
 * object paused. Location, age and keyword criteria are not readable here and are not copied.
 */
export async function duplicateGoogleCampaign(
  config: GoogleAdsConfig, campaigns: CampaignsApi, tokens: TokenSet, account: AccountRef, campaignId: string, name: string | undefined,
): Promise<Campaign> {
  const cid = account.platformAccountId;
  const read = (query: string) => searchAll(config, tokens, cid, query, account.managerId);
  const [source] = await read(
    'SELECT campaign.id, campaign.name, campaign.advertising_channel_type, campaign.contains_eu_political_advertising, campaign.bidding_strategy_type, '
    + `campaign.target_cpa.target_cpa_micros, campaign.target_roas.target_roas, campaign_budget.amount_micros FROM campaign WHERE campaign.id = ${campaignId}`,
  );
  if (!source) throw new PlatformError('not_found', `Campaign ${campaignId} not found`, { platform: 'google_ads' });
  const groups = await read(`SELECT ad_group.id, ad_group.name, ad_group.type, ad_group.cpc_bid_micros FROM ad_group WHERE ad_group.campaign = 'customers/${cid}/campaigns/${campaignId}' AND ad_group.status != 'REMOVED'`);
  const ads = await read(
    'SELECT ad_group_ad.ad_group, ad_group_ad.ad.final_urls, ad_group_ad.ad.responsive_search_ad.headlines, ad_group_ad.ad.responsive_search_ad.descriptions '
    + `FROM ad_group_ad WHERE ad_group.campaign = 'customers/${cid}/campaigns/${campaignId}' AND ad_group_ad.status != 'REMOVED'`,
  );
  const rn = (collection: string, id: number) => `customers/${cid}/${collection}/${id}`;
  const copyName = name ?? `${str(source, 'campaign.name')} (copy)`;
  const operations: unknown[] = [
    { campaignBudgetOperation: { create: { resourceName: rn('campaignBudgets', -1), name: `${copyName} budget`, amountMicros: str(source, 'campaignBudget.amountMicros'), deliveryMethod: 'STANDARD', explicitlyShared: false } } },
    {
      campaignOperation: {
        create: {
          resourceName: rn('campaigns', -2), name: copyName, status: 'PAUSED', campaignBudget: rn('campaignBudgets', -1),
          advertisingChannelType: str(source, 'campaign.advertisingChannelType') || 'SEARCH',
          containsEuPoliticalAdvertising: str(source, 'campaign.containsEuPoliticalAdvertising') || 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING',
          ...biddingOf(source),
        },
      },
    },
  ];
  groups.forEach((group, i) => {
    const temp = rn('adGroups', -3 - i);
    const bid = str(group, 'adGroup.cpcBidMicros');
    operations.push({ adGroupOperation: { create: { resourceName: temp, campaign: rn('campaigns', -2), name: str(group, 'adGroup.name'), status: 'PAUSED', type: str(group, 'adGroup.type') || 'SEARCH_STANDARD', ...(bid && bid !== '0' ? { cpcBidMicros: bid } : {}) } } });
    const groupName = `customers/${cid}/adGroups/${str(group, 'adGroup.id')}`;
    for (const ad of ads.filter((a) => str(a, 'adGroupAd.adGroup') === groupName)) {
      operations.push({
        adGroupAdOperation: {
          create: {
            adGroup: temp, status: 'PAUSED',
            ad: {
              finalUrls: pick(ad, 'adGroupAd.ad.finalUrls') ?? [],
              responsiveSearchAd: { headlines: texts(pick(ad, 'adGroupAd.ad.responsiveSearchAd.headlines')), descriptions: texts(pick(ad, 'adGroupAd.ad.responsiveSearchAd.descriptions')) },
            },
          },
        },
      });
    }
  });
  const body = await googleAdsCall(config, tokens, `customers/${cid}/googleAds:mutate`, { body: { mutateOperations: operations }, loginCustomerId: account.managerId });
  const created = MutateResponse.parse(body).mutateOperationResponses.map((r) => r.campaignResult?.resourceName).find((n) => n !== undefined);
  const newId = created?.split('/').pop();
  if (!newId) throw new PlatformError('transient', 'Google Ads did not return the copied campaign', { platform: 'google_ads' });
  return campaigns.getCampaign(tokens, account, newId);
}
