import { describe, expect, it } from 'vitest';
import { AppError, fieldError } from '../../platform/errors.ts';
import { failedRow } from './imports.send.ts';

describe('a row the pipeline refuses', () => {
  it('keeps the refusal in the single request’s words, with the guardrails it names', () => {
    const refusal = new AppError('guardrail_refused', 'The budget jumps 10× (more than 5×)', {
      guardrail: 'budget_jump',
      guardrails: [{ at: 'changes.0', id: 'budget_jump', soft: true, message: 'The budget jumps 10× (more than 5×)', numbers: { ratio: 10 } }],
    });
    expect(failedRow(4, refusal)).toEqual({
      line: 4,
      outcome: 'failed',
      changeId: null,
      campaignId: null,
      state: null,
      message: 'The budget jumps 10× (more than 5×)',
      errors: [],
      guardrails: [{ id: 'budget_jump', soft: true, message: 'The budget jumps 10× (more than 5×)' }],
    });
    expect(failedRow(5, fieldError('changes.0.amountMicros', 'is below the minimum'))).toMatchObject({ line: 5, outcome: 'failed', message: 'changes.0.amountMicros: is below the minimum', guardrails: [] });
    expect(failedRow(6, new AppError('upstream_failed', 'Meta did not create the campaign'))).toMatchObject({ outcome: 'failed', message: 'Meta did not create the campaign' });
  });

  it('lets anything unexpected through as an error, never as a row result', () => {
    expect(() => failedRow(2, new Error('database gone'))).toThrow('database gone');
    expect(() => failedRow(2, new AppError('internal', 'boom'))).toThrow('boom');
  });
});
