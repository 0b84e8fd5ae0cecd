import { describe, expect, it } from 'vitest';
import { budgetJump, isBudgetJump } from './budget-jump.ts';
import { DEFAULT_GUARDRAIL_SETTINGS } from './types.ts';
import { guardrailInput } from './fixtures.test-helpers.ts';

describe('budget jump', () => {
  const judge = (before: string, after: string, percent = 400) => budgetJump(guardrailInput({ before, after }), { ...DEFAULT_GUARDRAIL_SETTINGS, budgetJumpPercent: percent });

  it('passes up to 5× and down to 1/5 by default', () => {
    expect(judge('100000000', '500000000').passed).toBe(true);
    expect(judge('100000000', '20000000').passed).toBe(true);
  });
  it('refuses beyond, softly, naming the numbers', () => {
    const up = judge('100000000', '600000000');
    expect(up).toMatchObject({ passed: false, severity: 'soft', id: 'budget_jump', numbers: { before: 100000000, after: 600000000, maxFactor: 5, ratio: 6 } });
    expect(up.message).toBe('The new daily budget of 600 USD is 6× the current 100 USD; more than 5× needs a confirmation');
    expect(judge('100000000', '19000000').message).toMatch(/less than 1\/5 of the current 100 USD/);
  });
  it('takes the organisation’s percentage', () => {
    expect(judge('100000000', '160000000', 50).passed).toBe(false);
    expect(judge('100000000', '150000000', 50).passed).toBe(true);
  });
  it('ignores statuses and budgets that start at nothing', () => {
    expect(budgetJump(guardrailInput({ field: 'status', before: 'active', after: 'paused' }), DEFAULT_GUARDRAIL_SETTINGS).passed).toBe(true);
    expect(judge('0', '900000000').passed).toBe(true);
  });
  it('tells the web the same as the guardrail: a second look exactly where the server would refuse', () => {
    for (const [before, after, percent] of [[100, 500, 400], [100, 501, 400], [100, 20, 400], [100, 19, 400], [100, 151, 50], [0, 900, 400]] as const) {
      expect(isBudgetJump(before * 1e6, after * 1e6, percent)).toBe(!judge(String(before * 1e6), String(after * 1e6), percent).passed);
    }
    expect(isBudgetJump(null, 5e6, 400)).toBe(false);
  });
});
