import type { PlatformRules } from '@adloop/engine';
import type { AdPlatform } from '@adloop/platforms';

/** The engine's view of a platform's status and budget rules, from its adapter's capabilities. */
export function platformRulesOf(adapter: AdPlatform, currency: string): PlatformRules {
  const c = adapter.capabilities;
  return {
    platformName: adapter.displayName,
    lifetimeBudgets: c.lifetimeBudgets,
    frozenStatuses: c.frozenStatuses,
    minDailyBudgetMicros: c.minDailyBudgetMicros(currency),
    budgetStepMicros: c.budgetStepMicros(currency),
  };
}
