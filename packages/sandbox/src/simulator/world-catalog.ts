import type { Attrs, PlatformId } from './world.types.ts';

/** The seeded advertisers: per platform several accounts in different currencies and time zones. */
export interface AccountSpec {
  name: string;
  currency: string;
  timeZone: string;
  /** Google: client under the seeded manager (MCC). */
  underManager: boolean;
  /** Meta: the Facebook Pages the account can promote; absent: one Page named after the account. */
  pages?: readonly string[];
}

export const ACCOUNT_SPECS: Record<PlatformId, readonly AccountSpec[]> = {
  google: [
    { name: 'Northwind Outdoor US', currency: 'USD', timeZone: 'America/New_York', underManager: true },
    { name: 'Lumen Skincare DE', currency: 'EUR', timeZone: 'Europe/Berlin', underManager: true },
    { name: 'Sakura Tea JP', currency: 'JPY', timeZone: 'Asia/Tokyo', underManager: true },
    { name: 'Pacific Bikes', currency: 'USD', timeZone: 'America/Los_Angeles', underManager: false },
  ],
  meta: [
    { name: 'Northwind Outdoor – Meta', currency: 'USD', timeZone: 'America/New_York', underManager: true },
    { name: 'Lumen Skincare – Meta', currency: 'EUR', timeZone: 'Europe/Paris', underManager: true },
    { name: 'Sakura Tea – Meta', currency: 'JPY', timeZone: 'Asia/Tokyo', underManager: true },
    { name: 'Harbor Coffee UK', currency: 'GBP', timeZone: 'Europe/London', underManager: false, pages: ['Harbor Coffee UK', 'Harbor Coffee Roastery'] },
  ],
  tiktok: [
    { name: 'Northwind Outdoor TT', currency: 'USD', timeZone: 'America/Chicago', underManager: false },
    { name: 'Lumen Skincare TT', currency: 'EUR', timeZone: 'Europe/Berlin', underManager: false },
    { name: 'Sakura Tea TT', currency: 'JPY', timeZone: 'Asia/Tokyo', underManager: false },
  ],
};

export const MANAGER_NAMES: Record<PlatformId, string> = {
  google: 'Adloop Demo Agency (MCC)',
  meta: 'Adloop Demo Business',
  tiktok: 'Adloop Demo Business Center',
};

/** Units of each currency worth about one US dollar. */
export const CURRENCY_SCALE: Record<string, number> = { USD: 1, EUR: 0.92, GBP: 0.79, JPY: 150 };

export const CAMPAIGN_THEMES = ['Brand', 'Prospecting', 'Retargeting', 'Summer Sale', 'New Arrivals', 'Bestsellers'];
export const AD_GROUP_THEMES = ['Core', 'Lookalike', 'Broad', 'Interests', 'Exact', 'Competitors'];

/** Platform-specific attributes of seeded objects, in the platform's own vocabulary. */
export function seededCampaignAttrs(platform: PlatformId, index: number): Attrs {
  if (platform === 'google') {
    return {
      advertisingChannelType: index % 3 === 2 ? 'DISPLAY' : 'SEARCH',
      biddingStrategyType: index % 2 === 0 ? 'MAXIMIZE_CONVERSIONS' : 'MANUAL_CPC',
      containsEuPoliticalAdvertising: 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING',
    };
  }
  if (platform === 'meta') {
    return { objective: index % 2 === 0 ? 'OUTCOME_SALES' : 'OUTCOME_TRAFFIC', special_ad_categories: [], buying_type: 'AUCTION' };
  }
  return { objective_type: index % 2 === 0 ? 'WEB_CONVERSIONS' : 'TRAFFIC', budget_mode: 'BUDGET_MODE_DAY', campaign_type: 'REGULAR_CAMPAIGN' };
}

export function seededAdGroupAttrs(platform: PlatformId): Attrs {
  if (platform === 'google') return { type: 'SEARCH_STANDARD', cpcBidMicros: 1_500_000 };
  if (platform === 'meta') {
    return { billing_event: 'IMPRESSIONS', optimization_goal: 'OFFSITE_CONVERSIONS', targeting: { geo_locations: { countries: ['US'] }, age_min: 18 } };
  }
  return { billing_event: 'CPC', optimization_goal: 'CLICK', placement_type: 'PLACEMENT_TYPE_AUTOMATIC', budget_mode: 'BUDGET_MODE_DAY' };
}

export function seededAdAttrs(platform: PlatformId, campaignName: string, index: number): Attrs {
  const headline = `${campaignName.split(' ')[0] ?? 'Shop'} – Offer ${index + 1}`.slice(0, 30);
  if (platform === 'google') {
    return {
      type: 'RESPONSIVE_SEARCH_AD',
      finalUrls: ['https://example.com/'],
      headlines: [headline, 'Free Shipping Today', 'Shop The Collection'],
      descriptions: ['Quality gear for every season.', 'Order now and save on your first purchase.'],
    };
  }
  if (platform === 'meta') return { headline, primary_text: 'Discover the new collection.', link: 'https://example.com/' };
  return { ad_text: `${headline} – tap to shop`, ad_format: 'SINGLE_VIDEO', call_to_action: 'SHOP_NOW', landing_page_url: 'https://example.com/', display_name: 'Adloop Demo' };
}
