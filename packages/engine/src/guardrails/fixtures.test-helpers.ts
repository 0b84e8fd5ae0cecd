import type { GuardrailInput } from './types.ts';

/** A daily budget change of a healthy campaign by a person, to vary per test. */
export function guardrailInput(over: Partial<GuardrailInput> = {}): GuardrailInput {
  return {
    actorType: 'user',
    entityLevel: 'campaign',
    field: 'daily_budget',
    before: '100000000',
    after: '120000000',
    currency: 'USD',
    entityStatus: 'active',
    isLearning: null,
    rules: { platformName: 'Meta', lifetimeBudgets: true, frozenStatuses: ['removed', 'archived'], minDailyBudgetMicros: 1_000_000, budgetStepMicros: 10_000 },
    history: [],
    now: Date.UTC(2026, 5, 10, 12),
    automationStopped: false,
    ...over,
  };
}
