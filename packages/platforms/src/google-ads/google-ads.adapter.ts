import type { AdPlatform, Capabilities } from '../types.ts';
import { createGoogleAccounts } from './google-ads.accounts.ts';
import { createGoogleCampaigns } from './google-ads.campaigns.ts';
import type { GoogleAdsConfig } from './google-ads.http.ts';
import { createGoogleMetrics } from './google-ads.metrics.ts';
import { createGoogleOAuth } from './google-ads.oauth.ts';

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
  objectives: ['SEARCH', 'DISPLAY', 'SHOPPING', 'VIDEO', 'PERFORMANCE_MAX'],
  // Google has no documented floor beyond one currency unit; we refuse less than that.
  minDailyBudgetMicros: () => 1_000_000,
};

/** The Google Ads REST adapter; the same code talks to Google or to the local sandbox (base URLs from config). */
export function createGoogleAdsAdapter(config: GoogleAdsConfig, now: () => Date = () => new Date()): AdPlatform {
  return {
    id: 'google_ads',
    displayName: 'Google Ads',
    capabilities: GOOGLE_ADS_CAPABILITIES,
    oauth: createGoogleOAuth(config, now),
    accounts: createGoogleAccounts(config),
    campaigns: createGoogleCampaigns(config),
    metrics: createGoogleMetrics(config),
  };
}

export type { GoogleAdsConfig } from './google-ads.http.ts';
