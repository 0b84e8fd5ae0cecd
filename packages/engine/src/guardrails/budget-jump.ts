import { amountOf, isBudgetField, money, type Guardrail } from './types.ts';

/**
 * A budget may not jump past a factor of the old one in either direction (default 5× up, 1/5 down):
 * a typo or a runaway rule costs real money. Soft: a person may confirm it.
 */
/** The factor a budget may move by either way before it needs a confirmation (400 % → 5×). */
export const budgetJumpFactor = (jumpPercent: number): number => 1 + jumpPercent / 100;

/** Whether a budget going from `before` to `after` jumps past the factor either way (what the web asks a second look for). */
export function isBudgetJump(before: number | null, after: number, jumpPercent: number): boolean {
  if (before === null || before <= 0) return false;
  const factor = budgetJumpFactor(jumpPercent);
  return after / before > factor || after / before < 1 / factor;
}

export const budgetJump: Guardrail = (input, settings) => {
  const factor = budgetJumpFactor(settings.budgetJumpPercent);
  const before = amountOf(input.before);
  const after = amountOf(input.after);
  const base = { id: 'budget_jump' as const, severity: 'soft' as const, numbers: { before, after, maxFactor: factor } };
  if (!isBudgetField(input.field) || before === null || after === null || before <= 0) return { ...base, passed: true, message: 'No budget jump to judge' };
  const ratio = after / before;
  const label = input.field === 'daily_budget' ? 'daily budget' : 'lifetime budget';
  if (ratio > factor) {
    return { ...base, passed: false, numbers: { ...base.numbers, ratio }, message: `The new ${label} of ${money(after, input.currency)} is ${Number(ratio.toFixed(2))}× the current ${money(before, input.currency)}; more than ${Number(factor.toFixed(2))}× needs a confirmation` };
  }
  if (ratio < 1 / factor) {
    return { ...base, passed: false, numbers: { ...base.numbers, ratio }, message: `The new ${label} of ${money(after, input.currency)} is less than 1/${Number(factor.toFixed(2))} of the current ${money(before, input.currency)}; that needs a confirmation` };
  }
  return { ...base, passed: true, numbers: { ...base.numbers, ratio }, message: `${money(before, input.currency)} → ${money(after, input.currency)} is within ${Number(factor.toFixed(2))}× either way` };
};
