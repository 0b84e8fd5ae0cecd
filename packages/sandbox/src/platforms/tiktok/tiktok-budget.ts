import type { Account } from '../../simulator/world.types.ts';
import { isFailure, type TikTokFailure } from './tiktok-envelope.ts';
import { hasTooManyDecimals, minimumsFor } from './tiktok-money.ts';
import { invalid, missing, optionalNumber, type TikTokParams } from './tiktok-params.ts';
import type { BudgetMode } from './tiktok-words.ts';

/**
 * `budget` for a budget mode, as a major-unit float. INFINITE takes no budget (undefined); DAY and
 * DYNAMIC_DAILY need at least the daily minimum (campaign $50, ad group $20); TOTAL needs the daily
 * minimum times the scheduled days (ad groups) or once (campaigns).
 */
export function readBudget(
  p: TikTokParams, account: Account, level: 'campaign' | 'adGroup', mode: BudgetMode, scheduledDays = 1, required = true,
): number | undefined | TikTokFailure {
  const budget = optionalNumber(p, 'budget');
  if (isFailure(budget)) return budget;
  if (mode === 'BUDGET_MODE_INFINITE') return undefined;
  if (budget === undefined) return required ? missing('budget') : undefined;
  if (budget <= 0) return invalid('budget', 'Must be greater than 0.');
  if (hasTooManyDecimals(budget, account.currency)) return invalid('budget', `Too many decimal places for ${account.currency}.`);
  const daily = level === 'campaign' ? minimumsFor(account).campaignDaily : minimumsFor(account).adGroupDaily;
  const minimum = mode === 'BUDGET_MODE_TOTAL' ? daily * Math.max(1, scheduledDays) : daily;
  if (budget < minimum) {
    const what = mode === 'BUDGET_MODE_TOTAL' ? 'lifetime' : 'daily';
    return invalid('budget', `The ${what} budget of ${level === 'campaign' ? 'a campaign' : 'an ad group'} must be at least ${minimum} ${account.currency}; got ${budget}.`);
  }
  return budget;
}

/** Daily micros the simulator spends for a budget: a lifetime budget is spread evenly over its days. */
export function dailyMicrosOf(mode: BudgetMode, budget: number, days: number): number {
  const daily = mode === 'BUDGET_MODE_TOTAL' ? budget / Math.max(1, days) : budget;
  return Math.round(daily * 1e6);
}
