import { describe, expect, it } from 'vitest';
import { learningPhase } from './learning-phase.ts';
import { DEFAULT_GUARDRAIL_SETTINGS } from './types.ts';
import { guardrailInput } from './fixtures.test-helpers.ts';

describe('learning phase', () => {
  const group = (after: string, isLearning: boolean | null = true) => learningPhase(guardrailInput({ entityLevel: 'ad_group', isLearning, before: '100000000', after }), DEFAULT_GUARDRAIL_SETTINGS);
  it('refuses more than 20 % on a learning ad group, softly', () => {
    expect(group('125000000')).toMatchObject({ passed: false, severity: 'soft', numbers: { percent: 25, limitPercent: 20 } });
    expect(group('75000000').passed).toBe(false);
    expect(group('120000000').passed).toBe(true);
  });
  it('leaves ad groups out of learning, unknown ones and campaigns alone', () => {
    expect(group('300000000', false).passed).toBe(true);
    expect(group('300000000', null).passed).toBe(true);
    expect(learningPhase(guardrailInput({ isLearning: true, after: '300000000' }), DEFAULT_GUARDRAIL_SETTINGS).passed).toBe(true);
  });
});
