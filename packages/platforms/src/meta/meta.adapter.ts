import { COPY_FORMATS } from '@adloop/contracts/copy-formats';
import type { AdPlatform, Capabilities } from '../types.ts';
import { createMetaAccounts } from './meta.accounts.ts';
import { createMetaCampaigns } from './meta.campaigns.ts';
import { createMetaChanges } from './meta.changes.ts';
import type { MetaConfig } from './meta.http.ts';
import { createMetaMetrics } from './meta.metrics.ts';
import { budgetStepMicros, minDailyBudgetMicros } from './meta.money.ts';
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
  // Objectives a link ad to a website can be created for: leads and sales with a website destination take
  // landing-page-view or link-click goals without a pixel (promoted_object is needed only for conversion
  // goals). App promotion needs an app in a store, so the wizard does not offer it.
  objectives: ['OUTCOME_TRAFFIC', 'OUTCOME_AWARENESS', 'OUTCOME_ENGAGEMENT', 'OUTCOME_LEADS', 'OUTCOME_SALES'],
  objectiveLabels: { OUTCOME_TRAFFIC: 'Traffic', OUTCOME_AWARENESS: 'Awareness', OUTCOME_ENGAGEMENT: 'Engagement', OUTCOME_LEADS: 'Leads', OUTCOME_SALES: 'Sales' },
  // targeting.age_min 18–65 and age_max 18–65, 65 meaning 65 and over.
  keywordMatchTypes: null,
  imageUpload: { maxBytes: 30 * 1024 * 1024, contentTypes: ['image/jpeg', 'image/png', 'image/gif'] },
  ages: { kind: 'range', min: 18, max: 65 },
  minDailyBudgetMicros,
  budgetStepMicros,
  // Link ad: headline = link_data.name, description = primary text (link_data.message). 40 and 125 are Meta's
  // recommended lengths (reference §2.10, seen through third-party copies); the hard API limits are unconfirmed
  // (primary text ~2,200), so we hold copy to what shows without truncation. Meta counts each character once.
  adText: {
    headline: { max: COPY_FORMATS.meta.fields.headlines.max, required: true },
    description: { max: COPY_FORMATS.meta.fields.primaryTexts.max, required: true, label: 'Primary text' },
    callToActions: COPY_FORMATS.meta.callToActions,
    countsWide: COPY_FORMATS.meta.countsWide,
  },
  // DELETED is final, and an ARCHIVED campaign can be deleted but not set ACTIVE or PAUSED again.
  frozenStatuses: ['removed', 'archived'],
  // The Page is looked up (`act_{id}/promote_pages`) when the account has exactly one.
  requiredAdAssets: [],
  // The campaign's bid_strategy (with a campaign budget); the cap of a bid cap or cost cap is each ad set's bid_amount.
  bidding: {
    campaignStrategies: ['LOWEST_COST_WITHOUT_CAP', 'LOWEST_COST_WITH_BID_CAP', 'COST_CAP'],
    strategyValue: { LOWEST_COST_WITHOUT_CAP: 'none', LOWEST_COST_WITH_BID_CAP: 'ad_group_bid', COST_CAP: 'ad_group_bid' },
    adGroupBidField: 'bid_amount',
  },
  // ARCHIVED keeps the campaign for reports but it can only be deleted afterwards; DELETED is final.
  campaignEnd: { archive: true, archiveUndoable: false, removalUndoable: false, removalWord: 'deleted' },
  // POST /{campaign-id}/copies with deep_copy.
  campaignCopy: 'platform',
  // Ad sets report learning_stage_info.status LEARNING.
  learningPhase: true,
  renameLevels: ['campaign', 'ad_group', 'ad'],
};

/** The Meta Marketing API (Graph) adapter; base URLs from config reach Meta or the local sandbox. */
export function createMetaAdapter(config: MetaConfig, now: () => Date = () => new Date()): AdPlatform {
  const campaigns = createMetaCampaigns(config, META_CAPABILITIES);
  return {
    id: 'meta',
    displayName: 'Meta',
    capabilities: META_CAPABILITIES,
    oauth: createMetaOAuth(config, now),
    accounts: createMetaAccounts(config),
    campaigns,
    changes: createMetaChanges(config, campaigns),
    metrics: createMetaMetrics(config),
  };
}

export { classifyMetaError, type MetaConfig } from './meta.http.ts';
