import { describe, expect, it } from 'vitest';
import { addTo, blankDraft, conditionPath, newCondition, nodeAt, updateAt, withMetric, withOperator } from './rule-draft.ts';
import type { RuleConditionGroup } from './rule-types.ts';

describe('rule draft', () => {
  it('keeps operator and comparison in step with the metric', () => {
    const status = withMetric(newCondition('spend'), 'status');
    expect(status.operator).toBe('eq');
    expect(status.compare.kind).toBe('text');
    const inList = withOperator(status, 'in');
    expect(inList.compare).toEqual({ kind: 'list', values: ['active'] });
    const between = withOperator(newCondition('cpa'), 'between');
    expect(between.compare.kind).toBe('range');
    expect(withMetric(between, 'spend').compare.kind).toBe('range');
    const name = withMetric(newCondition('spend'), 'name');
    expect([name.operator, name.compare.kind]).toEqual(['contains', 'text']);
  });

  it('edits, adds and removes nodes of the condition tree by path', () => {
    let tree: RuleConditionGroup = blankDraft().definition.when;
    tree = addTo(tree, [], { kind: 'any', conditions: [newCondition('cpa'), newCondition('roas')] });
    expect(nodeAt(tree, [1, 1])).toMatchObject({ metric: 'roas' });
    tree = updateAt(tree, [1, 0], () => null);
    expect(nodeAt(tree, [1])).toMatchObject({ kind: 'any', conditions: [{ metric: 'roas' }] });
    tree = updateAt(tree, [0], (n) => (n.kind === 'condition' ? withMetric(n, 'clicks') : n));
    expect(nodeAt(tree, [0])).toMatchObject({ metric: 'clicks' });
    expect(conditionPath([1, 0])).toBe('definition.when.conditions.1.conditions.0');
  });
});
