import { describe, expect, it } from 'vitest';
import { comparisonKindsFor, formatRuleValue, operatorsFor, skipReasonWords, valueKeyWords, windowWords } from './rule-words.ts';

describe('rule words', () => {
  it('offers the operators each kind of metric takes', () => {
    expect(operatorsFor('status').map((o) => o.id)).toEqual(['eq', 'neq', 'in', 'not_in']);
    expect(operatorsFor('name').map((o) => o.id)).toEqual(['contains', 'eq', 'neq']);
    expect(operatorsFor('cpa').map((o) => o.id)).not.toContain('contains');
  });

  it('offers the comparisons an operator takes', () => {
    expect(comparisonKindsFor('between', 'cpa')).toEqual(['range']);
    expect(comparisonKindsFor('in', 'status')).toEqual(['list']);
    expect(comparisonKindsFor('gt', 'budget')).toEqual(['value']);
    expect(comparisonKindsFor('gt', 'cpa')).toEqual(['value', 'previous_period', 'parent_average', 'metric']);
  });

  it('says windows, values and skip reasons in words', () => {
    expect(windowWords({ kind: 'last_days', days: 3, includeToday: true })).toBe('in the last 3 days and today');
    expect(windowWords({ kind: 'last_hours', hours: 1 })).toBe('in the last 1 hour');
    expect(formatRuleValue('ctr(last 3 days)', 0.0215)).toBe('2.15 %');
    expect(formatRuleValue('cpa(last 3 days)', 42.5, 'USD')).toBe('$42.50');
    expect(formatRuleValue('status', 'paused')).toBe('paused');
    expect(formatRuleValue('spend(today)', null)).toBe('—');
    expect(valueKeyWords('cpa(last 3 days)')).toBe('CPA (cost per conversion) (last 3 days)');
    expect(valueKeyWords('unknown(x)')).toBe('unknown(x)');
    expect(skipReasonWords('cooldown')).toBe('Cooling down after an earlier change');
    expect(skipReasonWords('something_new')).toBe('something new');
  });
});
