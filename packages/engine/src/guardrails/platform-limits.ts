import { budgetLimitProblem } from '../changes/platform-rules.ts';
import { amountOf, isBudgetField, money, type Guardrail } from './types.ts';

/** The platform's minimum, maximum and step for a budget: hard, nobody may go past them. */
export const platformLimits: Guardrail = (input) => {
  const after = amountOf(input.after);
  const { rules } = input;
  const numbers = { amount: after, minDaily: rules.minDailyBudgetMicros, step: rules.budgetStepMicros, max: rules.maxBudgetMicros ?? null };
  if (!isBudgetField(input.field) || after === null) return { id: 'platform_limits', severity: 'hard', passed: true, numbers, message: 'No budget limit applies' };
  const problem = budgetLimitProblem(input.field === 'daily_budget' ? 'daily' : 'lifetime', after, input.currency, rules);
  if (problem) return { id: 'platform_limits', severity: 'hard', passed: false, numbers, message: `${money(after, input.currency)} ${problem}` };
  return { id: 'platform_limits', severity: 'hard', passed: true, numbers, message: `${money(after, input.currency)} is within ${rules.platformName}'s limits` };
};
