/** Accounts and campaigns the import tests check rows against (test support, not exported). */
import type { AccountRules, ImportScope } from './types.ts';

/** Rules like Meta's for USD: 1.00 minimum, cents, lifetime budgets, no keywords. */
export const metaRules: AccountRules = {
  platformName: 'Meta',
  minDailyBudgetMicros: 1_000_000,
  budgetStepMicros: 10_000,
  lifetimeBudgets: true,
  frozenStatuses: ['removed', 'archived'],
  objectives: ['OUTCOME_TRAFFIC', 'OUTCOME_SALES'],
  keywordMatchTypes: null,
  requiredAdAssets: [],
  adText: { headline: { max: 40, required: false }, description: { max: 125, required: true }, callToActions: ['LEARN_MORE', 'SHOP_NOW'], countsWide: false },
};

export const googleRules: AccountRules = {
  ...metaRules,
  platformName: 'Google Ads',
  lifetimeBudgets: false,
  budgetStepMicros: 1_000_000,
  minDailyBudgetMicros: 1_000_000,
  objectives: ['SEARCH'],
  keywordMatchTypes: ['EXACT', 'PHRASE', 'BROAD'],
  adText: { headline: { max: 30, required: true }, description: { max: 90, required: true }, callToActions: null, countsWide: true },
};

export const scope: ImportScope = {
  accounts: [
    { id: '11111111-1111-4111-8111-111111111111', platform: 'meta', platformAccountId: 'act_1', name: 'Shop US', currency: 'USD', rules: metaRules },
    { id: '22222222-2222-4222-8222-222222222222', platform: 'google_ads', platformAccountId: '123-456', name: 'Shop JP', currency: 'JPY', rules: googleRules },
    { id: '33333333-3333-4333-8333-333333333333', platform: 'meta', platformAccountId: 'act_3', name: 'Shop EU', currency: 'EUR', rules: metaRules },
  ],
  campaigns: [
    { id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', adAccountId: '11111111-1111-4111-8111-111111111111', platformId: 'c1', name: 'Summer sale', status: 'active', dailyBudgetMicros: 20_000_000, lifetimeBudgetMicros: null, currency: 'USD' },
    { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', adAccountId: '22222222-2222-4222-8222-222222222222', platformId: 'c2', name: 'Brand', status: 'paused', dailyBudgetMicros: 3_000_000_000, lifetimeBudgetMicros: null, currency: 'JPY' },
    { id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', adAccountId: '33333333-3333-4333-8333-333333333333', platformId: 'c1', name: 'Summer sale', status: 'removed', dailyBudgetMicros: 5_000_000, lifetimeBudgetMicros: null, currency: 'EUR' },
  ],
};
