import { describe, expect, it } from 'vitest';
import { blankDraft, defaultAction } from './rule-draft.ts';
import { missingNumbers } from './rule-checks.ts';

describe('missing numbers', () => {
  it('names each empty number by the field path the server uses', () => {
    const draft = blankDraft();
    expect(missingNumbers(draft)).toEqual([]);
    draft.definition.when.conditions = [{ kind: 'condition', metric: 'cpa', window: { kind: 'last_days', days: Number.NaN, includeToday: false }, operator: 'gt', compare: { kind: 'value', value: Number.NaN } }];
    draft.definition.then = [defaultAction('pause'), { type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: Number.NaN } }];
    draft.definition.limits = { ...draft.definition.limits, cooldownHours: Number.NaN };
    expect(missingNumbers(draft).map((i) => i.field)).toEqual([
      'definition.when.conditions.0.window.days',
      'definition.when.conditions.0.compare.value',
      'definition.then.1.by.value',
      'definition.limits.cooldownHours',
    ]);
  });
});
