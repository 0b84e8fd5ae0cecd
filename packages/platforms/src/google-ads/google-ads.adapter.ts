import { COPY_FORMATS } from '@adloop/contracts/copy-formats';
import { minorUnitMicros } from '@adloop/engine';
import type { AdPlatform, Capabilities } from '../types.ts';
import { createGoogleAccounts } from './google-ads.accounts.ts';
import { createGoogleCampaigns } from './google-ads.campaigns.ts';
import { createGoogleChanges } from './google-ads.changes.ts';
import type { GoogleAdsConfig } from './google-ads.http.ts';
import { createGoogleMetrics } from './google-ads.metrics.ts';
import { createGoogleOAuth } from './google-ads.oauth.ts';

const RSA = COPY_FORMATS.google_ads.fields;

export const GOOGLE_ADS_CAPABILITIES: Capabilities = {
  supportsPkce: true,
  refreshableTokens: true,
  revocableTokens: true,
  managerAccounts: true,
  lifetimeBudgets: false,
  adGroupBudgets: false,
  hourlyMetrics: true,
  hourlyTimeBasis: 'account',
  restatementDays: 30,
  reportingDelayHours: 3,
  // Advertising channel types a campaign can be created with here: a Search campaign with one responsive
  // search ad. Display needs images, Shopping a Merchant Center feed, Performance Max asset groups, and
  // Video campaigns cannot be created through the API, so the wizard does not offer them.
  objectives: ['SEARCH'],
  objectiveLabels: { SEARCH: 'Search' },
  // AgeRangeType: every range is targeted unless excluded; AGE_RANGE_65_UP is 65 and over.
  keywordMatchTypes: ['EXACT', 'PHRASE', 'BROAD'],
  imageUpload: null,
  ages: {
    kind: 'buckets',
    buckets: [
      { id: 'AGE_RANGE_18_24', from: 18, to: 24 },
      { id: 'AGE_RANGE_25_34', from: 25, to: 34 },
      { id: 'AGE_RANGE_35_44', from: 35, to: 44 },
      { id: 'AGE_RANGE_45_54', from: 45, to: 54 },
      { id: 'AGE_RANGE_55_64', from: 55, to: 64 },
      { id: 'AGE_RANGE_65_UP', from: 65, to: 65 },
    ],
  },
  // Google has no documented floor beyond one currency unit; we refuse less than that.
  minDailyBudgetMicros: () => 1_000_000,
  // amount_micros must be a multiple of the currency's minimum unit (CampaignBudgetError
  // NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT): its ISO 4217 minor unit, USD cents 10,000, JPY 1,000,000.
  budgetStepMicros: minorUnitMicros,
  // Responsive search ad: 3–15 headlines of ≤30 and 2–4 descriptions of ≤90 characters, double-width
  // characters counting 2 (reference §1.9: counts first-party, lengths from Google Help via spec sheets).
  // Search ads have no call-to-action button.
  adText: {
    headline: { max: RSA.headlines.max, required: true, count: { min: RSA.headlines.min, max: RSA.headlines.most } },
    description: { max: RSA.descriptions.max, required: true, count: { min: RSA.descriptions.min, max: RSA.descriptions.most } },
    callToActions: COPY_FORMATS.google_ads.callToActions,
    countsWide: COPY_FORMATS.google_ads.countsWide,
  },
  // REMOVED is final: a removed campaign cannot be modified (CampaignError.CANNOT_MODIFY_REMOVED_CAMPAIGN).
  frozenStatuses: ['removed'],
  requiredAdAssets: [],
  // Manual CPC keeps the bid on each ad group (cpc_bid_micros); target CPA and target ROAS are campaign
  // strategies with their value on the campaign; maximize clicks (TARGET_SPEND) bids alone.
  bidding: {
    campaignStrategies: ['MANUAL_CPC', 'TARGET_CPA', 'TARGET_ROAS', 'TARGET_SPEND'],
    strategyValue: { MANUAL_CPC: 'ad_group_bid', TARGET_CPA: 'campaign_bid', TARGET_ROAS: 'target_roas', TARGET_SPEND: 'none' },
    adGroupBidField: 'cpc_bid_micros',
  },
  // REMOVED is final (CANNOT_MODIFY_REMOVED_CAMPAIGN); Google has no archive.
  campaignEnd: { archive: false, archiveUndoable: false, removalUndoable: false, removalWord: 'removed' },
  // No copy endpoint: the adapter reads the campaign, its ad groups and ads and creates them again.
  campaignCopy: 'adapter',
  learningPhase: false,
  renameLevels: ['campaign', 'ad_group'],
};

/** The Google Ads REST adapter; the same code talks to Google or to the local sandbox (base URLs from config). */
export function createGoogleAdsAdapter(config: GoogleAdsConfig, now: () => Date = () => new Date()): AdPlatform {
  const campaigns = createGoogleCampaigns(config, GOOGLE_ADS_CAPABILITIES);
  return {
    id: 'google_ads',
    displayName: 'Google Ads',
    capabilities: GOOGLE_ADS_CAPABILITIES,
    oauth: createGoogleOAuth(config, now),
    accounts: createGoogleAccounts(config),
    campaigns,
    changes: createGoogleChanges(config, campaigns),
    metrics: createGoogleMetrics(config),
  };
}

export type { GoogleAdsConfig } from './google-ads.http.ts';
