import type { RuleCondition, RuleDefinitionInput } from '@adloop/contracts';
import { describe, expect, it } from 'vitest';
import { ruleDef } from './fixtures.test-helpers.ts';
import { validateRule } from './validate.ts';

const withCondition = (c: Omit<RuleCondition, 'kind' | 'window'> & { window?: RuleCondition['window'] }, over: Partial<RuleDefinitionInput> = {}) =>
  validateRule(ruleDef({ when: { kind: 'all', conditions: [{ kind: 'condition', ...c }] }, ...over }));

describe('checking a rule beyond its schema', () => {
  it('accepts a sound rule', () => {
    expect(validateRule(ruleDef())).toEqual([]);
  });

  it('matches operators with what they compare against', () => {
    expect(withCondition({ metric: 'spend', operator: 'between', compare: { kind: 'value', value: 3 } })).toEqual([
      { path: 'definition.when.conditions.0.compare', message: 'The operator “between” takes a range (min and max).' },
    ]);
    expect(withCondition({ metric: 'spend', operator: 'gt', compare: { kind: 'range', min: 1, max: 2 } })[0]?.path).toBe('definition.when.conditions.0.compare');
    expect(withCondition({ metric: 'spend', operator: 'in', compare: { kind: 'list', values: ['a'] } })[0]?.path).toBe('definition.when.conditions.0.compare.values');
    expect(withCondition({ metric: 'spend', operator: 'contains', compare: { kind: 'text', value: 'x' } })[0]?.path).toBe('definition.when.conditions.0.operator');
    expect(withCondition({ metric: 'spend', operator: 'between', compare: { kind: 'range', min: 5, max: 2 } })[0]?.path).toBe('definition.when.conditions.0.compare.max');
    expect(withCondition({ metric: 'cpa', operator: 'gt', compare: { kind: 'metric', metric: 'name', factor: 1 } })[0]?.path).toBe('definition.when.conditions.0.compare.metric');
  });

  it('lets status and name be compared only as words', () => {
    expect(withCondition({ metric: 'status', operator: 'gt', compare: { kind: 'value', value: 1 } })[0]?.path).toBe('definition.when.conditions.0.operator');
    expect(withCondition({ metric: 'status', operator: 'eq', compare: { kind: 'text', value: 'running' } })[0]?.message).toMatch(/not a status/);
    expect(withCondition({ metric: 'status', operator: 'in', compare: { kind: 'list', values: ['active', 'paused'] } })).toEqual([]);
    expect(withCondition({ metric: 'name', operator: 'in', compare: { kind: 'list', values: ['x'] } })[0]?.path).toBe('definition.when.conditions.0.operator');
    expect(withCondition({ metric: 'name', operator: 'contains', compare: { kind: 'text', value: 'x' } })).toEqual([]);
  });

  it('refuses comparisons a metric has no history for, and hours below campaigns', () => {
    expect(withCondition({ metric: 'budget', operator: 'gt', compare: { kind: 'previous_period', pct: 10 } })[0]?.message).toMatch(/no previous period/);
    expect(withCondition({ metric: 'spend', window: { kind: 'lifetime' }, operator: 'gt', compare: { kind: 'previous_period', pct: 10 } })[0]?.path).toBe('definition.when.conditions.0.window');
    const adGroups = { scope: { level: 'ad_group' as const }, then: [{ type: 'pause' as const }] };
    expect(withCondition({ metric: 'spend', window: { kind: 'last_hours', hours: 3 }, operator: 'gt', compare: { kind: 'value', value: 1 } }, adGroups)[0]?.path).toBe('definition.when.conditions.0.window');
    expect(withCondition({ metric: 'spend', window: { kind: 'last_hours', hours: 3 }, operator: 'gt', compare: { kind: 'value', value: 1 } })).toEqual([]);
  });

  it('finds problems in nested groups by their path, and groups nested too deep', () => {
    const bad: RuleCondition = { kind: 'condition', metric: 'spend', window: { kind: 'today' }, operator: 'between', compare: { kind: 'value', value: 1 } };
    const problems = validateRule(ruleDef({ when: { kind: 'all', conditions: [{ kind: 'any', conditions: [bad] }] } }));
    expect(problems.map((p) => p.path)).toEqual(['definition.when.conditions.0.conditions.0.compare']);
    const deep = { kind: 'all' as const, conditions: [{ kind: 'all' as const, conditions: [{ kind: 'all' as const, conditions: [{ kind: 'all' as const, conditions: [{ kind: 'all' as const, conditions: [bad] }] }] }] }] };
    expect(validateRule(ruleDef({ when: deep })).map((p) => p.message)).toContain('Groups nest at most 4 deep.');
  });

  it('checks actions: none on ad budgets or bids, one status action, floor under ceiling, a rename that adds something', () => {
    const ads = validateRule(ruleDef({ scope: { level: 'ad' }, then: [{ type: 'set_budget', amount: 5 }, { type: 'change_bid', direction: 'raise', by: { unit: 'percent', value: 5 } }] }));
    expect(ads.map((p) => p.path)).toEqual(['definition.then.0.type', 'definition.then.1.type']);
    expect(validateRule(ruleDef({ then: [{ type: 'pause' }, { type: 'enable' }] }))).toEqual([{ path: 'definition.then.1.type', message: 'A rule pauses, pauses until or enables, only one of them.' }]);
    expect(validateRule(ruleDef({ then: [{ type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: 5 }, floor: 10, ceiling: 5 }] }))[0]?.path).toBe('definition.then.0.ceiling');
    expect(validateRule(ruleDef({ then: [{ type: 'change_budget', direction: 'lower', by: { unit: 'percent', value: 100 } }] }))[0]?.path).toBe('definition.then.0.by.value');
    expect(validateRule(ruleDef({ then: [{ type: 'rename' }] }))[0]?.path).toBe('definition.then.0');
  });

  it('checks limits and scope: active hours, caps, dates and name filters', () => {
    expect(validateRule(ruleDef({ limits: { activeHours: { days: [1, 1], from: '09:00', to: '09:00' } } })).map((p) => p.path)).toEqual([
      'definition.limits.activeHours.to',
      'definition.limits.activeHours.days',
    ]);
    expect(validateRule(ruleDef({ limits: { maxActionsPerRun: 300, maxActionsPerDay: 200 } }))[0]?.path).toBe('definition.limits.maxActionsPerRun');
    expect(validateRule(ruleDef({ scope: { level: 'campaign', createdAfter: '2026-02-01', createdBefore: '2026-01-01' } }))[0]?.path).toBe('definition.scope.createdBefore');
    expect(validateRule(ruleDef({ scope: { level: 'campaign', nameContains: 'Brand US', nameNotContains: 'brand' } }))[0]?.path).toBe('definition.scope.nameNotContains');
    expect(validateRule(ruleDef({ scope: { level: 'campaign', entityIds: [] } }))[0]?.path).toBe('definition.scope.entityIds');
    expect(validateRule(ruleDef({ scope: { level: 'campaign', entityIds: ['5b3c9d1e-0000-4000-8000-000000000001'] } }))).toEqual([]);
    expect(validateRule(ruleDef({ scope: { level: 'ad_group' }, limits: { minSpend: 5, minimumsWindow: { kind: 'last_hours', hours: 2 } } }))[0]?.path).toBe('definition.limits.minimumsWindow');
  });
});
