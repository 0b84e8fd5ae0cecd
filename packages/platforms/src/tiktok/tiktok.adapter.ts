import type { AdPlatform, Capabilities } from '../types.ts';
import { createTikTokAccounts } from './tiktok.accounts.ts';
import { createTikTokCampaigns } from './tiktok.campaigns.ts';
import type { TikTokConfig } from './tiktok.http.ts';
import { createTikTokMetrics } from './tiktok.metrics.ts';
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
  objectives: ['TRAFFIC', 'CONVERSIONS', 'REACH', 'VIDEO_VIEWS', 'APP_PROMOTION', 'LEAD_GENERATION'],
  minDailyBudgetMicros: (currency) => (CAMPAIGN_MINIMUM_MAJOR[currency] ?? 50) * 1_000_000,
};

/** The TikTok API for Business v1.3 adapter; base URLs from config reach TikTok or the local sandbox. */
export function createTikTokAdapter(config: TikTokConfig): AdPlatform {
  return {
    id: 'tiktok',
    displayName: 'TikTok',
    capabilities: TIKTOK_CAPABILITIES,
    oauth: createTikTokOAuth(config),
    accounts: createTikTokAccounts(config),
    campaigns: createTikTokCampaigns(config),
    metrics: createTikTokMetrics(config),
  };
}

export type { TikTokConfig } from './tiktok.http.ts';
