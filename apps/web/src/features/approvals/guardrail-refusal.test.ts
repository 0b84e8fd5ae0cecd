import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { softGuardrails } from './guardrail-refusal.ts';

const refusal = (details: unknown) => new ApiError(422, 'guardrail_refused', 'Refused by a guardrail', [], details);

describe('guardrail refusals', () => {
  it('offers to confirm past soft guardrails, with their messages', () => {
    const error = refusal({ guardrails: [{ id: 'budget_jump', soft: true, message: 'From $10.00 to $80.00 is more than 5×' }] });
    expect(softGuardrails(error)).toEqual([{ id: 'budget_jump', message: 'From $10.00 to $80.00 is more than 5×' }]);
    expect(softGuardrails(refusal({ guardrail: { id: 'changes_per_day', severity: 'soft', message: 'x' } }))).toEqual([{ id: 'changes_per_day', message: 'x' }]);
  });

  it('offers nothing when one of them is hard, unknown, or the error is not a guardrail’s', () => {
    expect(softGuardrails(refusal({ guardrails: [{ id: 'budget_jump', soft: true }, { id: 'kill_switch', soft: false }] }))).toEqual([]);
    expect(softGuardrails(refusal({ guardrails: [{ id: 'made_up', soft: true }] }))).toEqual([]);
    expect(softGuardrails(new ApiError(400, 'validation_failed', 'Bad'))).toEqual([]);
    expect(softGuardrails(new Error('boom'))).toEqual([]);
  });
});
