/**
 * What a platform allows for a campaign's status and budgets, as plain data from its adapter's
 * capabilities (the caller looks them up; the engine never knows a platform by name).
 */
export interface PlatformRules {
  /** The platform's name in messages ("Meta"). */
  platformName: string;
  lifetimeBudgets: boolean;
  /** Statuses nothing can change (removed, archived). */
  frozenStatuses: readonly string[];
  /** In micros of the campaign's currency. */
  minDailyBudgetMicros: number;
  /** Budgets are whole multiples of this (micros). */
  budgetStepMicros: number;
  /** The largest budget the platform takes, when it says (micros). */
  maxBudgetMicros?: number | null | undefined;
}

export const DEFAULT_FROZEN_STATUSES: readonly string[] = ['removed', 'archived'];

const DECIMAL_WORDS = ['no', 'one', 'two', 'three'];

/** Why a budget between two of the platform's steps is refused: "must be a whole number of cents (USD has two decimals on Meta)". */
export function budgetStepMessage(stepMicros: number, currency: string, platformName: string): string {
  const decimals = Math.round(6 - Math.log10(stepMicros));
  if (decimals < 0 || 10 ** (6 - decimals) !== stepMicros) return `must be a multiple of ${stepMicros / 1e6} ${currency} on ${platformName}`;
  const unit = decimals === 0 ? (currency === 'JPY' ? 'yen' : currency) : decimals === 2 ? 'cents' : `${stepMicros / 1e6} ${currency}`;
  return `must be a whole number of ${unit} (${currency} has ${DECIMAL_WORDS[decimals] ?? decimals} decimals on ${platformName})`;
}

/** The platform's limits on one budget amount; null when it is allowed. */
export function budgetLimitProblem(kind: 'daily' | 'lifetime', amountMicros: number, currency: string, rules: PlatformRules): string | null {
  if (kind === 'daily' && amountMicros < rules.minDailyBudgetMicros) {
    return `is below ${rules.platformName}'s minimum daily budget of ${rules.minDailyBudgetMicros / 1e6} ${currency}`;
  }
  if (rules.maxBudgetMicros !== null && rules.maxBudgetMicros !== undefined && amountMicros > rules.maxBudgetMicros) {
    return `is above ${rules.platformName}'s maximum budget of ${rules.maxBudgetMicros / 1e6} ${currency}`;
  }
  if (amountMicros % rules.budgetStepMicros !== 0) return budgetStepMessage(rules.budgetStepMicros, currency, rules.platformName);
  return null;
}
