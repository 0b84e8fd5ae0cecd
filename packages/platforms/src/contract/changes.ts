/** Changes to ad groups, ads, names, bids, campaign ends and copies. */
import type { TokenSet } from './access.ts';
import type { Ad, AdGroup, BudgetChange, Campaign } from './campaigns.ts';
import type { AccountRef, Money } from './common.ts';
import type { NewAdSpec } from './creation.ts';

/** The level an object of a campaign lives on. */
export type EntityLevel = 'campaign' | 'ad_group' | 'ad';

/** How a campaign ends for good: archived (Meta) or removed (Google REMOVED, Meta DELETED, TikTok DELETE). */
export type CampaignEnd = 'archive' | 'remove';

/** A campaign-level bidding change: one of `capabilities.bidding.campaignStrategies` with the value it takes. */
export interface CampaignBidding {
  strategy: string;
  /** For a `campaign_bid` strategy: micros of the account currency. */
  bidMicros?: number | undefined;
  /** For a `target_roas` strategy: a ratio (3.5 = 350 %). */
  targetRoas?: number | undefined;
}

/**
 * Changes to objects below and beside a campaign's status and budget. Every method answers the object
 * as the platform holds it afterwards, throws `invalid_request` with the field on a refusal, and is
 * safe to repeat with the same value (the platform ends in the same state).
 */
export interface ChangesApi {
  getAdGroup(tokens: TokenSet, account: AccountRef, adGroupId: string): Promise<AdGroup>;
  getAd(tokens: TokenSet, account: AccountRef, adId: string): Promise<Ad>;
  setAdGroupStatus(tokens: TokenSet, account: AccountRef, adGroupId: string, status: 'active' | 'paused'): Promise<AdGroup>;
  /** The ad group's own budget, where `capabilities.adGroupBudgets`; the kind must be the one it has (platforms refuse switching). */
  setAdGroupBudget(tokens: TokenSet, account: AccountRef, adGroupId: string, change: BudgetChange): Promise<AdGroup>;
  /** The ad group's bid (`capabilities.bidding.adGroupBidField`), micros of the account currency. */
  setAdGroupBid(tokens: TokenSet, account: AccountRef, adGroupId: string, bid: Money): Promise<AdGroup>;
  setAdStatus(tokens: TokenSet, account: AccountRef, adId: string, status: 'active' | 'paused'): Promise<Ad>;
  /**
   * Creates one ad with the given copy in an existing ad group / ad set (checked first with `validateNewAd`:
   * `invalid_request` naming `ad.<field>`). Not idempotent on any platform: each call makes another ad.
   */
  createAd(tokens: TokenSet, account: AccountRef, adGroupId: string, ad: NewAdSpec): Promise<Ad>;
  rename(tokens: TokenSet, account: AccountRef, target: { level: EntityLevel; id: string }, name: string): Promise<{ name: string }>;
  /** Bid strategy and its value on the campaign, where `capabilities.bidding.campaignStrategies` is not empty. */
  setCampaignBidding(tokens: TokenSet, account: AccountRef, campaignId: string, bidding: CampaignBidding): Promise<Campaign>;
  /** Archives or removes a campaign (`capabilities.campaignEnd` says which exist and whether they can be undone). */
  endCampaign(tokens: TokenSet, account: AccountRef, campaignId: string, end: CampaignEnd): Promise<Campaign>;
  /**
   * Copies a campaign with its ad groups and ads, paused, named "<name> (copy)" unless `name` is given: Meta's
   * copies endpoint, or (Google, TikTok) a read of the campaign and new objects made from it.
   */
  duplicateCampaign(tokens: TokenSet, account: AccountRef, campaignId: string, name?: string): Promise<Campaign>;
}
