import type { AdPlatform, Capabilities } from '../types.ts';
import { createMetaAccounts } from './meta.accounts.ts';
import { createMetaCampaigns } from './meta.campaigns.ts';
import type { MetaConfig } from './meta.http.ts';
import { createMetaMetrics } from './meta.metrics.ts';
import { minDailyBudgetMicros } from './meta.money.ts';
import { createMetaOAuth } from './meta.oauth.ts';

export const META_CAPABILITIES: Capabilities = {
  supportsPkce: false,
  // Long-lived user tokens last about 60 days and have no refresh grant; `refresh` only re-exchanges a live token.
  refreshableTokens: false,
  revocableTokens: true,
  managerAccounts: false,
  lifetimeBudgets: true,
  adGroupBudgets: true,
  hourlyMetrics: true,
  hourlyTimeBasis: 'account',
  restatementDays: 28,
  reportingDelayHours: 3,
  objectives: ['OUTCOME_TRAFFIC', 'OUTCOME_SALES', 'OUTCOME_LEADS', 'OUTCOME_AWARENESS', 'OUTCOME_ENGAGEMENT', 'OUTCOME_APP_PROMOTION'],
  minDailyBudgetMicros,
};

/** The Meta Marketing API (Graph) adapter; base URLs from config reach Meta or the local sandbox. */
export function createMetaAdapter(config: MetaConfig, now: () => Date = () => new Date()): AdPlatform {
  return {
    id: 'meta',
    displayName: 'Meta',
    capabilities: META_CAPABILITIES,
    oauth: createMetaOAuth(config, now),
    accounts: createMetaAccounts(config),
    campaigns: createMetaCampaigns(config),
    metrics: createMetaMetrics(config),
  };
}

export { classifyMetaError, type MetaConfig } from './meta.http.ts';
