import type { Ad, AdGroup, EntityStatus } from '../types.ts';
import { num, str, type GaqlRow } from './google-ads.search.ts';

const STATUS: Record<string, EntityStatus> = { ENABLED: 'active', PAUSED: 'paused', REMOVED: 'removed' };
const toStatus = (raw: string): EntityStatus => STATUS[raw] ?? 'paused';
const lastId = (resourceName: string): string => resourceName.split('/').pop() ?? '';

export const AD_GROUP_FIELDS = 'ad_group.id, ad_group.name, ad_group.status, ad_group.campaign, ad_group.cpc_bid_micros';
export const AD_FIELDS = 'ad_group_ad.ad.id, ad_group_ad.ad.name, ad_group_ad.status, ad_group_ad.ad_group, ad_group.campaign';

/** An ad group row; Google ad groups carry no budget, and the bid only where the campaign bids manually. */
export function toAdGroup(row: GaqlRow): AdGroup {
  const bid = num(row, 'adGroup.cpcBidMicros');
  return {
    platformId: str(row, 'adGroup.id'),
    campaignPlatformId: lastId(str(row, 'adGroup.campaign')),
    name: str(row, 'adGroup.name'),
    status: toStatus(str(row, 'adGroup.status')),
    dailyBudget: null,
    lifetimeBudget: null,
    ...(bid > 0 ? { bidMicros: bid } : {}),
  };
}

export function toAd(row: GaqlRow): Ad {
  return {
    platformId: str(row, 'adGroupAd.ad.id'),
    adGroupPlatformId: lastId(str(row, 'adGroupAd.adGroup')),
    campaignPlatformId: lastId(str(row, 'adGroup.campaign')),
    name: str(row, 'adGroupAd.ad.name'),
    status: toStatus(str(row, 'adGroupAd.status')),
  };
}

/** A responsive search ad as `adGroupAds` creates take it: the final URL, headlines, descriptions and display paths (path2 only after path1). */
export function responsiveSearchAd(finalUrl: string, headlines: readonly string[], descriptions: readonly string[], paths: readonly string[] = []): Record<string, unknown> {
  const [path1, path2] = paths;
  return {
    finalUrls: [finalUrl],
    responsiveSearchAd: {
      headlines: headlines.map((text) => ({ text })),
      descriptions: descriptions.map((text) => ({ text })),
      ...(path1 ? { path1 } : {}),
      ...(path1 && path2 ? { path2 } : {}),
    },
  };
}
