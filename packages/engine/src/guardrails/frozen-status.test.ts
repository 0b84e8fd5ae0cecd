import { describe, expect, it } from 'vitest';
import { frozenStatus } from './frozen-status.ts';
import { DEFAULT_GUARDRAIL_SETTINGS } from './types.ts';
import { guardrailInput } from './fixtures.test-helpers.ts';

describe('frozen status', () => {
  it('refuses any change of a removed or archived object, hard', () => {
    expect(frozenStatus(guardrailInput({ entityStatus: 'removed' }), DEFAULT_GUARDRAIL_SETTINGS)).toMatchObject({ passed: false, severity: 'hard', message: 'A removed campaign cannot be changed' });
    expect(frozenStatus(guardrailInput({ entityStatus: 'archived', entityLevel: 'ad_group' }), DEFAULT_GUARDRAIL_SETTINGS).message).toBe('A archived ad group cannot be changed');
  });
  it('passes paused and active ones', () => expect(frozenStatus(guardrailInput({ entityStatus: 'paused' }), DEFAULT_GUARDRAIL_SETTINGS).passed).toBe(true));
});
