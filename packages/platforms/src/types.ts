/**
 * The contract every ad-platform adapter implements, split by concern. Generic code asks
 * `capabilities`, never the platform's name. All money is integer micros + ISO currency;
 * all ids are strings; time zones are IANA names kept per account.
 */

export type PlatformId = 'google_ads' | 'meta' | 'tiktok';

/** One status vocabulary for every platform. */
export type EntityStatus = 'active' | 'paused' | 'removed' | 'archived';

export interface Money {
  /** Integer micros: 1 currency unit = 1,000,000. */
  micros: number;
  currency: string;
}

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

export type KeywordMatchType = 'EXACT' | 'PHRASE' | 'BROAD';

/** A search keyword of a new ad group: the words, and how closely a search must match them. */
export interface Keyword {
  text: string;
  matchType: KeywordMatchType;
}

/** One of a platform's fixed age ranges; `to` 65 means "and over". */
export interface AgeBucket {
  /** The platform's own word: AGE_RANGE_18_24 (Google), AGE_18_24 (TikTok). */
  id: string;
  from: number;
  to: number;
}

/**
 * Age targeting: any whole-year range within `min`–`max` (Meta: 18–65, 65 meaning 65+), or a run of
 * the platform's buckets, `ageMin` being a bucket's `from` and `ageMax` a bucket's `to`.
 */
export type AgeTargeting = { kind: 'range'; min: number; max: number } | { kind: 'buckets'; buckets: readonly AgeBucket[] };

export interface AdTextField {
  /** Longest text the platform accepts, in characters as `AdTextLimits.countsWide` says; 0 when the platform has no such field. */
  max: number;
  required: boolean;
  /** What the platform calls this text where it has its own word (Meta: "Primary text" for the description). */
  label?: string | undefined;
  /**
   * How many texts of this kind the ad takes, counting `headline`/`description` plus the `extra…` ones
   * (Google responsive search ads: 3–15 headlines, 2–4 descriptions). Absent: exactly one.
   */
  count?: { min: number; max: number } | undefined;
}

export interface AdTextLimits {
  headline: AdTextField;
  description: AdTextField;
  /** The ad's display or call-to-action text where the platform has one; null when it has none. */
  callToActions: readonly string[] | null;
  /** Double-width (CJK, full-width) characters count 2 towards `max` (Google, TikTok); otherwise each character counts 1. */
  countsWide: boolean;
}

/** Things already in the ad account that an ad is built from, where the platform needs them. */
export interface AdAssets {
  /** Meta: the Facebook Page the ad runs as. Absent: the account's only promotable Page (refused when it has several). */
  pageId?: string | undefined;
  /** TikTok: the custom identity (name and avatar) the ad runs as. Absent: the advertiser's only custom identity. */
  identityId?: string | undefined;
  /** TikTok: a video of the ad account's library, for a single-video ad. */
  videoId?: string | undefined;
  /** An image uploaded to the account's library (`uploadImage`): Meta shows it in the link ad, TikTok as the video's cover. */
  imageHash?: string | undefined;
}

/** One asset of the ad account an ad can be built from, as a person picks it. */
export interface AdAssetChoice {
  /** What `AdAssets` takes: a library video id, a Page id, an identity id. */
  id: string;
  name: string;
  /** A short description, e.g. "15 s · 720×1280" for a video. */
  detail?: string | undefined;
}

/** The account's choices for each kind of asset the platform's ads are built from; kinds it does not use are absent. */
export type AdAssetChoices = { [K in keyof AdAssets]?: AdAssetChoice[] };

/** A campaign created through the wizard: one ad group / ad set with basic targeting, and one ad. */
export interface NewCampaignSpec {
  name: string;
  /** One of `capabilities.objectives`. */
  objective: string;
  /** Created paused unless asked otherwise. */
  status: 'active' | 'paused';
  budget: BudgetChange;
  /** YYYY-MM-DD in the account's time zone; required with a lifetime budget. */
  startDate?: string | undefined;
  endDate?: string | undefined;
  adGroup: {
    name: string;
    /** ISO 3166-1 alpha-2 country codes. */
    countries: string[];
    ageMin?: number | undefined;
    ageMax?: number | undefined;
    /** Search keywords where the platform takes them (`capabilities.keywordMatchTypes`). */
    keywords?: Keyword[] | undefined;
  };
  ad: {
    name: string;
    headline: string;
    description: string;
    finalUrl: string;
    callToAction?: string | undefined;
    /** More headlines / descriptions where the ad takes several (`adText.headline.count`), e.g. Google responsive search ads. */
    extraHeadlines?: string[] | undefined;
    extraDescriptions?: string[] | undefined;
    /** Account assets the ad needs (`capabilities.requiredAdAssets`), or picks where the account has several. */
    assets?: AdAssets | undefined;
  };
}

export interface CreatedCampaign {
  campaign: Campaign;
  adGroupPlatformId: string;
  adPlatformId: string;
}

export interface TokenSet {
  accessToken: string;
  /** Absent where the platform has no refresh tokens. */
  refreshToken?: string | undefined;
  /** When the access token stops working; absent when it never expires. */
  expiresAt?: Date | undefined;
  scopes?: string[] | undefined;
}

export interface AuthorizeRequest {
  state: string;
  redirectUri: string;
  /** PKCE S256 challenge, when capabilities.supportsPkce. */
  codeChallenge?: string | undefined;
}

export interface OAuthApi {
  authorizeUrl(request: AuthorizeRequest): string;
  exchangeCode(input: { code: string; redirectUri: string; codeVerifier?: string | undefined }): Promise<TokenSet>;
  /** Refreshes (Google) or extends (Meta long-lived exchange) a token; throws `invalid_request` where unsupported. */
  refresh(tokens: TokenSet): Promise<TokenSet>;
  revoke(tokens: TokenSet): Promise<void>;
  /** Checks the token still works (e.g. TikTok revocation, Meta debug_token). */
  inspect(tokens: TokenSet): Promise<{ valid: boolean; expiresAt?: Date | undefined }>;
}

export interface AdAccount {
  platformAccountId: string;
  name: string;
  currency: string;
  timeZone: string;
  /** Manager accounts hold other accounts and cannot be queried for metrics themselves. */
  isManager: boolean;
  /** For a client under a manager: the manager's id (sent as login-customer-id on Google). */
  managerId?: string | undefined;
  status: EntityStatus;
}

export interface AccountsApi {
  list(tokens: TokenSet): Promise<AdAccount[]>;
}

/** Which account a call is about, with what it needs to address it. */
export interface AccountRef {
  platformAccountId: string;
  managerId?: string | undefined;
  currency: string;
  timeZone: string;
}

export interface Campaign {
  platformId: string;
  name: string;
  status: EntityStatus;
  objective: string | null;
  dailyBudget: Money | null;
  lifetimeBudget: Money | null;
  /** The platform's own status word, kept for display and debugging. */
  rawStatus: string;
  updatedAt?: Date | undefined;
  /** The campaign's bid strategy in the platform's words (MANUAL_CPC, COST_CAP); absent where the platform has none or did not say. */
  bidStrategy?: string | undefined;
  /** Campaign-level bid in micros of the account currency (Google target CPA); absent when the strategy takes none. */
  bidMicros?: number | undefined;
  /** Campaign-level target ROAS as a ratio (3.5 = 350 %); absent when the strategy takes none. */
  targetRoas?: number | undefined;
}

export interface AdGroup {
  platformId: string;
  campaignPlatformId: string;
  name: string;
  status: EntityStatus;
  dailyBudget: Money | null;
  /** The ad group's own lifetime budget (Meta ad sets, TikTok ad groups); absent or null when it has none. */
  lifetimeBudget?: Money | null | undefined;
  /** Ad-group bid strategy in the platform's words (Meta ad set bid_strategy, TikTok bid_type); absent when none. */
  bidStrategy?: string | undefined;
  /** The ad group's bid in micros (Google cpc_bid_micros, Meta bid_amount, TikTok bid_price); absent when it has none. */
  bidMicros?: number | undefined;
  /** Still in the learning phase, where the platform reports it (`capabilities.learningPhase`); absent otherwise. */
  isLearning?: boolean | undefined;
}

export interface Ad {
  platformId: string;
  adGroupPlatformId: string;
  campaignPlatformId: string;
  name: string;
  status: EntityStatus;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Null at the end. */
  nextPage: string | null;
}

export interface BudgetChange {
  kind: 'daily' | 'lifetime';
  amount: Money;
}

export interface CampaignsApi {
  listCampaigns(tokens: TokenSet, account: AccountRef, page?: string | null): Promise<Page<Campaign>>;
  listAdGroups(tokens: TokenSet, account: AccountRef, page?: string | null): Promise<Page<AdGroup>>;
  listAds(tokens: TokenSet, account: AccountRef, page?: string | null): Promise<Page<Ad>>;
  getCampaign(tokens: TokenSet, account: AccountRef, campaignId: string): Promise<Campaign>;
  setStatus(tokens: TokenSet, account: AccountRef, campaignId: string, status: 'active' | 'paused'): Promise<Campaign>;
  setBudget(tokens: TokenSet, account: AccountRef, campaignId: string, change: BudgetChange): Promise<Campaign>;
  /** Creates a campaign with one ad group / ad set and one ad. Throws `invalid_request` with the field on a refusal. */
  create(tokens: TokenSet, account: AccountRef, spec: NewCampaignSpec): Promise<CreatedCampaign>;
  /**
   * What `NewCampaignSpec.ad.assets` can name in this account, per kind the platform's ads use (TikTok:
   * library videos and custom identities; Meta: promotable Pages), paged to the end and capped at
   * `AD_ASSET_LIMIT` per kind. Absent or `{}` where the platform's ads need no account assets.
   */
  listAdAssets?(tokens: TokenSet, account: AccountRef): Promise<AdAssetChoices>;
  /**
   * Uploads an image to the ad account's library (Meta `act_{id}/adimages`, TikTok `file/image/ad/upload/`) where `capabilities.imageUpload`
   * says the platform takes one; answers the id `NewCampaignSpec.ad.assets.imageHash` names it by.
   * Uploading the same bytes again is harmless (same id).
   */
  uploadImage?(tokens: TokenSet, account: AccountRef, image: { name: string; base64: string }): Promise<{ id: string }>;
  /**
   * Uploads a video to the ad account's library (TikTok `file/video/ad/upload/`) where `capabilities.videoUpload`
   * says the platform takes one; answers the id `NewCampaignSpec.ad.assets.videoId` names it by.
   */
  uploadVideo?(tokens: TokenSet, account: AccountRef, video: { name: string; base64: string }): Promise<{ id: string }>;
}

export type MetricsLevel = 'campaign' | 'ad_group' | 'ad';

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

export interface MetricsRequest {
  level: MetricsLevel;
  granularity: 'day' | 'hour';
  /** Inclusive dates, YYYY-MM-DD, in the platform's time basis for the account. */
  since: string;
  until: string;
}

/** One row of numbers for one entity and one day (or hour). Missing platform values become 0. */
export interface MetricsRow {
  level: MetricsLevel;
  entityPlatformId: string;
  campaignPlatformId: string;
  /** YYYY-MM-DD in `timeBasis`. */
  date: string;
  /** 0–23 for hourly rows; null for daily rows. */
  hour: number | null;
  timeBasis: 'account' | 'utc';
  impressions: number;
  clicks: number;
  spend: Money;
  conversions: number;
  conversionValue: Money;
}

export interface MetricsApi {
  /** Pulls every row of the range, paging to the end. Throws `report_too_large` when the platform says so. */
  pull(tokens: TokenSet, account: AccountRef, request: MetricsRequest): Promise<MetricsRow[]>;
}

export interface AdPlatform {
  id: PlatformId;
  displayName: string;
  capabilities: Capabilities;
  oauth: OAuthApi;
  accounts: AccountsApi;
  campaigns: CampaignsApi;
  /** Ad group, ad, bid, name, end and copy changes. */
  changes: ChangesApi;
  metrics: MetricsApi;
}

/** Error classes every adapter maps its platform's errors to. */
export type PlatformErrorKind =
  | 'auth_expired'
  | 'rate_limited'
  | 'invalid_request'
  | 'permission'
  | 'not_found'
  | 'transient'
  | 'report_too_large';

export class PlatformError extends Error {
  override name = 'PlatformError';
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    readonly details: {
      platform: PlatformId;
      /** The platform's own message, shown to people as is. */
      platformMessage?: string | undefined;
      platformCode?: string | number | undefined;
      /** The offending field, for invalid_request. */
      field?: string | undefined;
      /** Seconds to wait, for rate_limited, from the platform's hint when it gave one. */
      retryAfterSeconds?: number | undefined;
      httpStatus?: number | undefined;
    },
  ) {
    super(message);
  }

  get isRetryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'transient';
  }
}
