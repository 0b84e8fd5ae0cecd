import type { RuleAction, RuleComparison, RuleCondition, RuleConditionGroup, RuleDefinition, RuleMetric, RuleMode, RuleOperator, RuleTemplate, Rule } from './rule-types.ts';
import { comparisonKindsFor, isSettingMetric, metricInfo, operatorsFor } from './rule-words.ts';

/** What the builder edits: a rule's body with every default filled in. */
export interface RuleDraft {
  name: string;
  mode: RuleMode;
  definition: RuleDefinition;
  templateId?: string;
}

export type TreeNode = RuleCondition | RuleConditionGroup;
export const isGroup = (node: TreeNode): node is RuleConditionGroup => node.kind === 'all' || node.kind === 'any';

const DEFAULT_WINDOW = { kind: 'last_days', days: 3, includeToday: false } as const;

export const DEFAULT_LIMITS: RuleDefinition['limits'] = {
  minimumsWindow: DEFAULT_WINDOW,
  cooldownHours: 24,
  maxActionsPerRun: 50,
  maxActionsPerDay: 200,
  skipLearning: true,
  overrideHours: 72,
};

export function newCondition(metric: RuleMetric = 'spend'): RuleCondition {
  return withMetric({ kind: 'condition', metric, window: DEFAULT_WINDOW, operator: 'gt', compare: { kind: 'value', value: 0 } }, metric);
}

export function blankDraft(): RuleDraft {
  return {
    name: '',
    mode: 'propose',
    definition: {
      scope: { platforms: [], accountIds: [], level: 'campaign', statuses: ['active'] },
      when: { kind: 'all', conditions: [newCondition('spend')] },
      then: [{ type: 'pause' }],
      limits: DEFAULT_LIMITS,
      schedule: { frequency: 'every_15_minutes' },
      currencyBasis: 'account',
    },
  };
}

export function draftFromTemplate(template: RuleTemplate): RuleDraft {
  return { name: template.body.name, mode: template.body.mode, definition: template.body.definition, templateId: template.id };
}

export function draftFromRule(rule: Rule): RuleDraft {
  return { name: rule.name, mode: rule.mode, definition: rule.definition, ...(rule.templateId ? { templateId: rule.templateId } : {}) };
}

/** The body to send: the draft as the API takes it. */
export function draftBody(draft: RuleDraft, enabled = false) {
  return { name: draft.name, mode: draft.mode, enabled, definition: draft.definition, ...(draft.templateId ? { templateId: draft.templateId } : {}) };
}

/** A default comparison of a kind, keeping the number it had where it can. */
export function defaultComparison(kind: RuleComparison['kind'], from?: RuleComparison): RuleComparison {
  const number = from?.kind === 'value' ? from.value : from?.kind === 'range' ? from.min : 0;
  switch (kind) {
    case 'value':
      return { kind, value: number };
    case 'range':
      return { kind, min: number, max: number };
    case 'list':
      return { kind, values: from?.kind === 'text' ? [from.value] : ['active'] };
    case 'text':
      return { kind, value: from?.kind === 'list' && typeof from.values[0] === 'string' ? from.values[0] : 'active' };
    case 'metric':
      return { kind, metric: 'cpc', factor: 1 };
    case 'previous_period':
      return { kind, pct: 50 };
    case 'parent_average':
      return { kind, factor: 1.5 };
  }
}

/** The condition with another operator, its comparison switched to a kind the operator takes. */
export function withOperator(condition: RuleCondition, operator: RuleOperator): RuleCondition {
  const kinds = comparisonKindsFor(operator, condition.metric);
  const compare = kinds.includes(condition.compare.kind) ? condition.compare : defaultComparison(kinds[0] ?? 'value', condition.compare);
  return { ...condition, operator, compare };
}

/** The condition on another metric, with an operator and comparison that metric takes. */
export function withMetric(condition: RuleCondition, metric: RuleMetric): RuleCondition {
  const operators = operatorsFor(metric);
  const operator = operators.some((o) => o.id === condition.operator) ? condition.operator : (operators[0]?.id ?? 'gt');
  let next: RuleCondition = { ...condition, metric, operator };
  const kind = metricInfo(metric).kind;
  if (kind === 'status' && condition.compare.kind !== 'list' && condition.compare.kind !== 'text') next = { ...next, compare: { kind: 'text', value: 'active' } };
  if (kind === 'text' && condition.compare.kind !== 'text') next = { ...next, compare: { kind: 'text', value: '' } };
  if (kind !== 'status' && kind !== 'text' && condition.compare.kind === 'text') next = { ...next, compare: { kind: 'value', value: 0 } };
  next = withOperator(next, operator);
  if (isSettingMetric(metric)) {
    const { skipLastDay: _skip, ...rest } = next;
    return rest;
  }
  return next;
}

/** The node at `path` (indices from the root group's conditions). */
export function nodeAt(root: RuleConditionGroup, path: readonly number[]): TreeNode | undefined {
  let node: TreeNode = root;
  for (const index of path) {
    if (!isGroup(node)) return undefined;
    const child: TreeNode | undefined = node.conditions[index];
    if (!child) return undefined;
    node = child;
  }
  return node;
}

/** A copy of the tree with the node at `path` replaced by `update(node)`, or removed when it returns null. */
export function updateAt(root: RuleConditionGroup, path: readonly number[], update: (node: TreeNode) => TreeNode | null): RuleConditionGroup {
  const [head, ...rest] = path;
  if (head === undefined) {
    const next = update(root);
    return next && isGroup(next) ? next : root;
  }
  const conditions = root.conditions.flatMap((child, index) => {
    if (index !== head) return [child];
    if (rest.length === 0) {
      const next = update(child);
      return next ? [next] : [];
    }
    return isGroup(child) ? [updateAt(child, rest, update)] : [child];
  });
  return { ...root, conditions };
}

/** Adds a node to the group at `groupPath`. */
export function addTo(root: RuleConditionGroup, groupPath: readonly number[], node: TreeNode): RuleConditionGroup {
  return updateAt(root, groupPath, (group) => (isGroup(group) ? { ...group, conditions: [...group.conditions, node] } : group));
}

/** The field path the server uses for a node: "definition.when.conditions.0.conditions.1". */
export const conditionPath = (path: readonly number[]) => ['definition.when', ...path.map((i) => `conditions.${i}`)].join('.');

/** Depth of nesting the contract allows (groups inside the root). */
export const MAX_DEPTH = 4;

export function defaultAction(type: RuleAction['type']): RuleAction {
  switch (type) {
    case 'pause':
    case 'enable':
      return { type };
    case 'pause_until':
      return { type, until: 'tomorrow' };
    case 'set_budget':
      return { type, amount: 50 };
    case 'change_budget':
      return { type, direction: 'raise', by: { unit: 'percent', value: 20 } };
    case 'set_bid':
      return { type, amount: 1 };
    case 'change_bid':
      return { type, direction: 'lower', by: { unit: 'percent', value: 10 } };
    case 'rename':
      return { type, prefix: '[Review] ' };
    case 'label':
      return { type, label: 'needs-review' };
    case 'notify':
      return { type, channels: ['in_app'] };
  }
}
