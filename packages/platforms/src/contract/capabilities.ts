/** What a platform offers, asked by generic code instead of the platform's name. */
import type { EntityLevel } from './changes.ts';
import type { EntityStatus } from './common.ts';
import type { AdAssets, AdTextLimits, AgeTargeting, KeywordMatchType } from './creation.ts';

export interface Capabilities {
  /** OAuth with PKCE (code_challenge S256). */
  supportsPkce: boolean;
  /** Tokens can be refreshed (Google); otherwise they are long-lived or never expire. */
  refreshableTokens: boolean;
  /** Tokens can be revoked at the platform on disconnect. */
  revocableTokens: boolean;
  /** A manager account can list client accounts (Google MCC). */
  managerAccounts: boolean;
  lifetimeBudgets: boolean;
  /** Budget can live on the ad group / ad set instead of the campaign. */
  adGroupBudgets: boolean;
  hourlyMetrics: boolean;
  /** Time basis of hourly rows: the account's time zone or UTC (TikTok hourly). */
  hourlyTimeBasis: 'account' | 'utc';
  /** Days of conversions the platform restates after the fact; the daily re-pull window. */
  restatementDays: number;
  /** Typical reporting delay in hours before an hour's numbers are complete. */
  reportingDelayHours: number;
  /** Campaign objectives offered when creating a campaign, in the platform's own words (OUTCOME_TRAFFIC, SEARCH). */
  objectives: readonly string[];
  /** The name people know each objective by ("Traffic", "Search"), for every one of `objectives`. */
  objectiveLabels: Readonly<Record<string, string>>;
  /** Keyword match types the ad group takes (`NewCampaignSpec.adGroup.keywords`; Google Search: EXACT, PHRASE, BROAD); null when it has no keywords. */
  keywordMatchTypes: readonly KeywordMatchType[] | null;
  /** Images the ad can carry, uploaded through `campaigns.uploadImage`: the largest size, the types taken and what the platform calls it where it is not the ad's picture; null when not offered. */
  imageUpload: { maxBytes: number; contentTypes: readonly string[]; label?: string } | null;
  /** Videos the ad can be built from, uploaded through `campaigns.uploadVideo` (the id goes in `AdAssets.videoId`); absent when not offered. */
  videoUpload?: { maxBytes: number; contentTypes: readonly string[] };
  /** How the platform targets ages (`NewCampaignSpec.adGroup.ageMin/ageMax` must fit it). */
  ages: AgeTargeting;
  /** Smallest daily budget the platform accepts, in micros of the account currency (per currency where it differs). */
  minDailyBudgetMicros(currency: string): number;
  /**
   * Smallest step of a budget in micros of `currency`: every budget must be a whole multiple of it
   * (Google: the currency's minimum unit, 10,000 for USD cents, 1,000,000 for JPY; Meta: one unit of
   * its currency offset). A finer amount would be refused or silently rounded by the platform.
   */
  budgetStepMicros(currency: string): number;
  /** Limits of ad text fields, in characters, checked as the person types and again before sending. */
  adText: AdTextLimits;
  /** Statuses from which a campaign can no longer be paused or enabled (e.g. removed, archived). */
  frozenStatuses: readonly EntityStatus[];
  /** Assets of the ad account that `NewCampaignSpec.ad.assets` must name (TikTok ads need a video); empty when none. */
  requiredAdAssets: readonly (keyof AdAssets)[];
  /** Which bid lives on which level and which strategy words exist (`ChangesApi.setCampaignBidding`, `setAdGroupBid`). */
  bidding: BiddingCapabilities;
  /** How a campaign is ended for good (`ChangesApi.endCampaign`) and whether it can be taken back. */
  campaignEnd: CampaignEndCapabilities;
  /** How `ChangesApi.duplicateCampaign` copies: the platform's own copy endpoint, or reads and creates done by the adapter. */
  campaignCopy: 'platform' | 'adapter';
  /** The platform reports whether an ad group / ad set is still in its learning phase (`AdGroup.isLearning`). */
  learningPhase: boolean;
  /** Levels whose objects `ChangesApi.rename` can rename (Google responsive search ads have no name of their own). */
  renameLevels: readonly EntityLevel[];
}

/**
 * Bids, as far as the platform has them. A campaign strategy's value is either a bid on the campaign
 * (`campaign_bid`, micros: Google target CPA, Meta cost cap), a target ROAS on the campaign
 * (`target_roas`, a ratio: 3.5 = 350 %), bids on its ad groups (`ad_group_bid`: Google manual CPC, Meta bid cap),
 * or nothing (`none`: the platform bids alone).
 */
export interface BiddingCapabilities {
  /** Strategy words `setCampaignBidding` takes, in the platform's own words; empty where campaigns carry no strategy (TikTok). */
  campaignStrategies: readonly string[];
  /** For every one of `campaignStrategies`: which value it takes. */
  strategyValue: Readonly<Record<string, 'campaign_bid' | 'target_roas' | 'ad_group_bid' | 'none'>>;
  /** What the platform calls the ad-group bid `setAdGroupBid` sets (cpc_bid_micros, bid_amount, bid_price); null where ad groups take none. */
  adGroupBidField: string | null;
}

export interface CampaignEndCapabilities {
  /** The campaign can be archived (Meta ARCHIVED): kept and reported, never delivering again. */
  archive: boolean;
  /** An archived campaign can be made active or paused again (Meta: no). */
  archiveUndoable: boolean;
  /** A removed campaign can be brought back (Google REMOVED, Meta DELETED, TikTok DELETE: never). */
  removalUndoable: boolean;  /** The platform's own word for a removal, shown to people (Google "removed", Meta and TikTok "deleted"). */
  removalWord: 'removed' | 'deleted';
}
