import type { FieldIssue } from '../../lib/types.ts';
import type { RuleConditionGroup } from './rule-types.ts';
import type { RuleDraft } from './rule-draft.ts';
import { conditionPath, isGroup } from './rule-draft.ts';

const NUMBER = 'Enter a number';

/** Numbers left empty (or not numbers) where the rule needs one: caught before asking the server, at their exact field. */
export function missingNumbers(draft: RuleDraft): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const check = (field: string, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) issues.push({ location: 'body', field, message: NUMBER });
  };
  const walk = (group: RuleConditionGroup, path: number[]) =>
    group.conditions.forEach((node, index) => {
      const at = [...path, index];
      if (isGroup(node)) return walk(node, at);
      const base = conditionPath(at);
      if (node.window.kind === 'last_days') check(`${base}.window.days`, node.window.days);
      if (node.window.kind === 'last_hours') check(`${base}.window.hours`, node.window.hours);
      for (const [key, value] of Object.entries(node.compare)) check(`${base}.compare.${key}`, value);
    });
  walk(draft.definition.when, []);
  draft.definition.then.forEach((action, index) => {
    for (const [key, value] of Object.entries(action)) check(`definition.then.${index}.${key}`, value);
    if ('by' in action) check(`definition.then.${index}.by.value`, action.by.value);
  });
  for (const [key, value] of Object.entries(draft.definition.limits)) check(`definition.limits.${key}`, value);
  return issues;
}
