import { describe, expect, it } from 'vitest';
import { errorAt, rulePathWords } from './rule-errors.ts';

describe('rule field errors', () => {
  const errors = { 'definition.when.conditions.0.compare': 'Use a range with between', 'definition.when.conditions.10.metric': 'Unknown metric', name: 'cannot be empty' };

  it('finds a control’s own message and those below it, not its neighbours’', () => {
    expect(errorAt(errors, 'definition.when.conditions.0')).toBe('Use a range with between');
    expect(errorAt(errors, 'definition.when.conditions.1')).toBeUndefined();
    expect(errorAt(errors, 'name')).toBe('cannot be empty');
  });

  it('says where a path points in words', () => {
    expect(rulePathWords('definition.when.conditions.0.compare')).toBe('When › condition 1 › compared with');
    expect(rulePathWords('definition.when.conditions.1.conditions.0.metric')).toBe('When › condition 2 › condition 1 › metric');
    expect(rulePathWords('definition.then.1.by.value')).toBe('Then › action 2 › by › value');
    expect(rulePathWords('definition.limits.cooldownHours')).toBe('Limits › cooldown');
    expect(rulePathWords('name')).toBe('Rule name');
    expect(rulePathWords('definition.scope.entityIds')).toBe('Scope › picked objects');
    expect(rulePathWords('definition.limits.minimumsWindow.days')).toBe('Limits › period of the minimums › days');
  });
});
