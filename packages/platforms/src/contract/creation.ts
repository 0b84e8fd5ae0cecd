/** A new campaign as the wizard builds it: keywords, ages, ad text limits, the account's assets. */
import type { BudgetChange, Campaign } from './campaigns.ts';

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

/**
 * A new ad in an existing ad group / ad set (`ChangesApi.createAd`), with its copy. Each platform takes
 * the fields its ads have and refuses the others (`validateNewAd`): Google responsive search ads take
 * 3–15 `headlines`, 2–4 `descriptions` and up to 2 `paths`; Meta link ads 1–5 `primaryTexts` and
 * `headlines` and up to 5 `descriptions` (several in a field become Meta's text options) with a call to
 * action; TikTok one `primaryTexts` (the ad text) with a call to action.
 */
export interface NewAdSpec {
  /** The ad's name where the platform names ads (Meta, TikTok); Google responsive search ads have none. */
  name: string;
  status: 'active' | 'paused';
  finalUrl: string;
  headlines: string[];
  descriptions: string[];
  primaryTexts: string[];
  /** Google's display paths after the domain (path1, path2). */
  paths?: string[] | undefined;
  callToAction?: string | undefined;
  /**
   * Meta: the Page (absent: the account's only one). TikTok: the video and identity (absent: those of
   * the ad group's newest ad, so the new text runs on the same video).
   */
  assets?: AdAssets | undefined;
}

export interface CreatedCampaign {
  campaign: Campaign;
  adGroupPlatformId: string;
  adPlatformId: string;
}
