import { describe, expect, it } from 'vitest';
import { isProblem, validateChange } from './validate.ts';
import type { PlatformRules } from './platform-rules.ts';

const rules: PlatformRules = { platformName: 'Meta', lifetimeBudgets: false, frozenStatuses: ['removed', 'archived'], minDailyBudgetMicros: 1_000_000, budgetStepMicros: 10_000 };
const campaign = { status: 'active', dailyBudgetMicros: 50_000_000, lifetimeBudgetMicros: null, currency: 'USD' };

describe('validate change', () => {
  it('turns a pause into a status change against the status seen', () => {
    expect(validateChange(campaign, { action: 'pause', expected: { status: 'active' } }, rules)).toEqual({ field: 'status', before: 'active', after: 'paused' });
  });
  it('refuses frozen campaigns, missing expectations and lifetime budgets the platform lacks, naming the field', () => {
    expect(validateChange({ ...campaign, status: 'removed' }, { action: 'enable', expected: { status: 'removed' } }, rules)).toEqual({ field: 'action', message: 'a removed campaign cannot be paused or enabled' });
    expect(validateChange(campaign, { action: 'pause', expected: {} }, rules)).toMatchObject({ field: 'expected.status' });
    expect(validateChange(campaign, { action: 'set_lifetime_budget', amountMicros: 1e8, expected: {} }, rules)).toEqual({ field: 'action', message: 'Meta campaigns have no lifetime budget' });
    expect(validateChange(campaign, { action: 'set_daily_budget', expected: { dailyBudgetMicros: 1 } }, rules)).toMatchObject({ field: 'amountMicros' });
  });
  it('checks minimum and step with the nice message', () => {
    expect(validateChange(campaign, { action: 'set_daily_budget', amountMicros: 500_000, expected: { dailyBudgetMicros: 50_000_000 } }, rules)).toEqual({ field: 'amountMicros', message: "is below Meta's minimum daily budget of 1 USD" });
    const offStep = validateChange(campaign, { action: 'set_daily_budget', amountMicros: 1_234_567, expected: { dailyBudgetMicros: 50_000_000 } }, rules);
    expect(isProblem(offStep) && offStep.message).toBe('must be a whole number of cents (USD has two decimals on Meta)');
    expect(validateChange({ ...campaign, currency: 'JPY' }, { action: 'set_daily_budget', amountMicros: 1_500_000, expected: { dailyBudgetMicros: 1 } }, { ...rules, budgetStepMicros: 1_000_000 })).toMatchObject({ message: 'must be a whole number of yen (JPY has no decimals on Meta)' });
  });
  it('gives the budget change with the value seen as before', () => {
    expect(validateChange(campaign, { action: 'set_daily_budget', amountMicros: 60_000_000, expected: { dailyBudgetMicros: 50_000_000 } }, rules)).toEqual({ field: 'daily_budget', before: '50000000', after: '60000000' });
  });
});
