import { COPY_FORMATS } from '@adloop/contracts/copy-formats';
import type { AdPlatform, Capabilities } from '../types.ts';
import { createTikTokAccounts } from './tiktok.accounts.ts';
import { createTikTokCampaigns } from './tiktok.campaigns.ts';
import { createTikTokChanges } from './tiktok.changes.ts';
import type { TikTokConfig } from './tiktok.http.ts';
import { createTikTokMetrics } from './tiktok.metrics.ts';
import { budgetStepMicros } from './tiktok.money.ts';
import { createTikTokOAuth } from './tiktok.oauth.ts';

/** Daily minimums in major units (campaign $50) scaled for currencies with big units. */
const CAMPAIGN_MINIMUM_MAJOR: Record<string, number> = { USD: 50, EUR: 50, GBP: 50, JPY: 5000 };

export const TIKTOK_CAPABILITIES: Capabilities = {
  supportsPkce: false,
  refreshableTokens: false,
  revocableTokens: true,
  managerAccounts: false,
  lifetimeBudgets: true,
  adGroupBudgets: true,
  hourlyMetrics: true,
  hourlyTimeBasis: 'account',
  restatementDays: 7,
  reportingDelayHours: 3,
  // v1.3 objective_type values a single-video ad to a website can be created for without more setup:
  // WEB_CONVERSIONS needs a pixel, APP_PROMOTION an app, LEAD_GENERATION a form (v1.3 has no CONVERSIONS).
  objectives: ['TRAFFIC', 'REACH', 'VIDEO_VIEWS'],
  objectiveLabels: { TRAFFIC: 'Traffic', REACH: 'Reach', VIDEO_VIEWS: 'Video views' },
  // age_groups; AGE_55_100 is 55 and over.
  keywordMatchTypes: null,
  // file/image/ad/upload/ takes JPG and PNG; the image becomes the video ad's cover (image_ids).
  imageUpload: { maxBytes: 5 * 1024 * 1024, contentTypes: ['image/jpeg', 'image/png'], label: 'Cover image' },
  // file/video/ad/upload/ takes MP4 and MOV (up to 500 MB); through Adloop, whose uploads travel as base64 JSON,
  // up to 8 MB: larger videos are uploaded in TikTok Ads Manager and picked from the library.
  videoUpload: { maxBytes: 8 * 1024 * 1024, contentTypes: ['video/mp4', 'video/quicktime'] },
  ages: {
    kind: 'buckets',
    buckets: [
      { id: 'AGE_18_24', from: 18, to: 24 },
      { id: 'AGE_25_34', from: 25, to: 34 },
      { id: 'AGE_35_44', from: 35, to: 44 },
      { id: 'AGE_45_54', from: 45, to: 54 },
      { id: 'AGE_55_100', from: 55, to: 65 },
    ],
  },
  minDailyBudgetMicros: (currency) => (CAMPAIGN_MINIMUM_MAJOR[currency] ?? 50) * 1_000_000,
  budgetStepMicros,
  // TikTok ads have one text, `ad_text` (1–100 characters, double-width counting 2, no emoji; reference
  // §3.10, third-party compilations of TikTok's spec): it takes the description. There is no headline; the
  // name shown above the text is the identity's display name.
  adText: {
    headline: { max: 0, required: false },
    description: { max: COPY_FORMATS.tiktok.fields.adTexts.max, required: true },
    callToActions: COPY_FORMATS.tiktok.callToActions,
    countsWide: COPY_FORMATS.tiktok.countsWide,
  },
  // DELETE is terminal: any later status change or update is refused (40002).
  frozenStatuses: ['removed'],
  // Every ad is a video (or images) from the ad account library; the identity is looked up when there is one.
  requiredAdAssets: ['videoId'],
  // Bids live on ad groups only (bid_price with bid_type BID_TYPE_CUSTOM); campaigns carry no strategy here.
  bidding: { campaignStrategies: [], strategyValue: {}, adGroupBidField: 'bid_price' },
  // operation_status DELETE is terminal; TikTok has no archive.
  campaignEnd: { archive: false, archiveUndoable: false, removalUndoable: false, removalWord: 'deleted' },
  // No copy endpoint in v1.3 for a whole campaign: the adapter reads and creates.
  campaignCopy: 'adapter',
  // adgroup/get reports no learning phase field in v1.3 as far as documented.
  learningPhase: false,
  renameLevels: ['campaign', 'ad_group', 'ad'],
};

/** The TikTok API for Business v1.3 adapter; base URLs from config reach TikTok or the local sandbox. */
export function createTikTokAdapter(config: TikTokConfig, now: () => Date = () => new Date()): AdPlatform {
  const campaigns = createTikTokCampaigns(config, TIKTOK_CAPABILITIES, now);
  return {
    id: 'tiktok',
    displayName: 'TikTok',
    capabilities: TIKTOK_CAPABILITIES,
    oauth: createTikTokOAuth(config),
    accounts: createTikTokAccounts(config),
    campaigns,
    changes: createTikTokChanges(config, campaigns, now),
    metrics: createTikTokMetrics(config),
  };
}

export type { TikTokConfig } from './tiktok.http.ts';
