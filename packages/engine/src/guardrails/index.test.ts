import { describe, expect, it } from 'vitest';
import { judge, mayOverride, runGuardrails } from './index.ts';
import { DEFAULT_GUARDRAIL_SETTINGS } from './types.ts';
import { guardrailInput } from './fixtures.test-helpers.ts';

describe('guardrails together', () => {
  it('runs every guardrail once', () => {
    expect(runGuardrails(guardrailInput(), DEFAULT_GUARDRAIL_SETTINGS).map((v) => v.id).sort()).toEqual(['budget_jump', 'changes_per_day', 'frozen_status', 'kill_switch', 'learning_phase', 'platform_limits']);
  });
  it('lets a person confirm past a soft refusal, never a hard one, and never an automated actor', () => {
    const verdicts = runGuardrails(guardrailInput({ after: '900000000' }), DEFAULT_GUARDRAIL_SETTINGS);
    expect(judge(verdicts, [], true).refused.map((v) => v.id)).toEqual(['budget_jump']);
    const confirmed = judge(verdicts, ['budget_jump'], mayOverride('user'));
    expect(confirmed.refused).toEqual([]);
    expect(confirmed.kept.find((k) => k.id === 'budget_jump')?.outcome).toBe('overridden');
    expect(judge(verdicts, ['budget_jump'], mayOverride('rule')).refused.map((v) => v.id)).toEqual(['budget_jump']);
    expect(mayOverride('api_key')).toBe(true);
    expect(mayOverride('ai')).toBe(false);
    const hard = runGuardrails(guardrailInput({ after: '500000' }), DEFAULT_GUARDRAIL_SETTINGS);
    expect(judge(hard, ['platform_limits', 'budget_jump'], true).refused.map((v) => v.id)).toEqual(['platform_limits']);
  });
});
