import { describe, expect, it } from 'vitest';
import { platformLimits } from './platform-limits.ts';
import { DEFAULT_GUARDRAIL_SETTINGS } from './types.ts';
import { guardrailInput } from './fixtures.test-helpers.ts';

describe('platform limits', () => {
  const judge = (after: string, max?: number) => {
    const input = guardrailInput({ after });
    return platformLimits({ ...input, rules: { ...input.rules, maxBudgetMicros: max } }, DEFAULT_GUARDRAIL_SETTINGS);
  };
  it('refuses below the minimum, off the step and above the maximum, hard', () => {
    expect(judge('500000')).toMatchObject({ passed: false, severity: 'hard', message: "0.5 USD is below Meta's minimum daily budget of 1 USD" });
    expect(judge('1234567').message).toBe('1.234567 USD must be a whole number of cents (USD has two decimals on Meta)');
    expect(judge('9000000', 5_000_000).message).toMatch(/above Meta's maximum budget of 5 USD/);
  });
  it('passes a budget on the step', () => expect(judge('1230000').passed).toBe(true));
  it('has nothing to say about a status', () => expect(platformLimits(guardrailInput({ field: 'status', after: 'paused' }), DEFAULT_GUARDRAIL_SETTINGS).passed).toBe(true));
});
