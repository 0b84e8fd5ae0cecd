/** The mirror's reads (campaigns, ad groups, ads), status and budget changes, creation and uploads. */
import type { TokenSet } from './access.ts';
import type { AccountRef, EntityStatus, Money } from './common.ts';
import type { AdAssetChoices, CreatedCampaign, NewCampaignSpec } from './creation.ts';

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
