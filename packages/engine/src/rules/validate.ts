import { SETTING_METRICS } from './metric-kinds.ts';
import type { RuleCondition, RuleConditionGroup, RuleDefinition, RuleMetric, RuleOperator } from '@adloop/contracts';
import { METRIC_WORDS } from './format.ts';
import { conditionWindow } from './windows.ts';

/** A problem with a rule's definition that the schema cannot see, at `path` (e.g. "definition.when.conditions.0.compare"). */
export interface RuleProblem {
  path: string;
  message: string;
}

/** Condition trees nest at most this deep (the root group is level 1). */
export const MAX_GROUP_DEPTH = 4;

const STATUSES = ['active', 'paused', 'removed', 'archived'];
const TEXT_METRICS: readonly RuleMetric[] = ['status', 'name'];
/** Metrics with no previous period or siblings' average to compare with. */
const NO_HISTORY: readonly RuleMetric[] = ['budget', 'days_since_created', 'budget_pacing', 'status', 'name'];

/** The comparison kinds each operator takes (for numeric metrics). */
const KINDS_BY_OPERATOR: Record<RuleOperator, readonly string[]> = {
  gt: ['value', 'metric', 'previous_period', 'parent_average'],
  gte: ['value', 'metric', 'previous_period', 'parent_average'],
  lt: ['value', 'metric', 'previous_period', 'parent_average'],
  lte: ['value', 'metric', 'previous_period', 'parent_average'],
  eq: ['value', 'metric', 'previous_period', 'parent_average'],
  neq: ['value', 'metric', 'previous_period', 'parent_average'],
  between: ['range'],
  not_between: ['range'],
  in: ['list'],
  not_in: ['list'],
  contains: ['text'],
};

function checkCondition(c: RuleCondition, path: string, level: RuleDefinition['scope']['level'], out: RuleProblem[]): void {
  const problem = (at: string, message: string): void => {
    out.push({ path: `${path}${at}`, message });
  };
  const words = METRIC_WORDS[c.metric];
  const kind = c.compare.kind;
  if (c.metric === 'status') {
    if (!['eq', 'neq', 'in', 'not_in'].includes(c.operator)) return problem('.operator', 'Status is compared with equal, not equal, one of or none of.');
    if ((c.operator === 'eq' || c.operator === 'neq') && kind !== 'text') return problem('.compare', 'Compare status with a status (active, paused, removed or archived).');
    if ((c.operator === 'in' || c.operator === 'not_in') && kind !== 'list') return problem('.compare', 'Compare status with a list of statuses.');
    const values = c.compare.kind === 'text' ? [c.compare.value] : c.compare.kind === 'list' ? c.compare.values : [];
    const wrong = values.find((v) => typeof v !== 'string' || !STATUSES.includes(v));
    if (wrong !== undefined) problem('.compare', `“${wrong}” is not a status: use active, paused, removed or archived.`);
    return;
  }
  if (c.metric === 'name') {
    if (!['contains', 'eq', 'neq'].includes(c.operator)) return problem('.operator', 'A name is compared with contains, equal or not equal.');
    if (kind !== 'text') problem('.compare', 'Compare a name with a text.');
    return;
  }
  if (c.operator === 'contains') return problem('.operator', `“contains” is for names; compare ${words} with a number.`);
  if (!KINDS_BY_OPERATOR[c.operator].includes(kind)) {
    const expected = c.operator === 'between' || c.operator === 'not_between' ? 'a range (min and max)' : c.operator === 'in' || c.operator === 'not_in' ? 'a list' : 'a number, another metric, the previous period or the siblings’ average';
    return problem('.compare', `The operator “${c.operator}” takes ${expected}.`);
  }
  if (c.compare.kind === 'range' && c.compare.min > c.compare.max) problem('.compare.max', 'The range’s max is below its min.');
  if (c.compare.kind === 'list' && c.compare.values.some((v) => typeof v !== 'number')) problem('.compare.values', `List ${words} values as numbers.`);
  if (c.compare.kind === 'metric' && TEXT_METRICS.includes(c.compare.metric)) problem('.compare.metric', `Compare ${words} with a numeric metric, not ${METRIC_WORDS[c.compare.metric]}.`);
  if ((c.compare.kind === 'previous_period' || c.compare.kind === 'parent_average') && NO_HISTORY.includes(c.metric))
    problem('.compare', `${words[0]?.toUpperCase()}${words.slice(1)} has no ${c.compare.kind === 'previous_period' ? 'previous period' : 'siblings’ average'} to compare with.`);
  if (c.compare.kind === 'previous_period' && c.window.kind === 'lifetime' && !SETTING_METRICS.includes(c.metric)) problem('.window', 'A lifetime has no previous period to compare with.');
  if (conditionWindow(c)?.window.kind === 'last_hours' && level !== 'campaign') problem('.window', 'Hour-by-hour numbers exist for campaigns only: use today or days at this level.');
}

function checkGroup(group: RuleConditionGroup, path: string, depth: number, level: RuleDefinition['scope']['level'], out: RuleProblem[]): void {
  if (depth > MAX_GROUP_DEPTH) {
    out.push({ path, message: `Groups nest at most ${MAX_GROUP_DEPTH} deep.` });
    return;
  }
  group.conditions.forEach((node, i) => {
    const at = `${path}.conditions.${i}`;
    if (node.kind === 'condition') checkCondition(node, at, level, out);
    else checkGroup(node, at, depth + 1, level, out);
  });
}

const STATUS_ACTIONS = ['pause', 'enable', 'pause_until'];

/**
 * Semantic checks beyond the schema: operators against what they compare with, what status and name
 * can be compared with, ranges, floors and ceilings, hours at campaign level only, no budgets or bids on
 * ads, one status action, sane active hours and dates. Empty when the rule is sound. (A pause-until
 * time in the past is the server's to check: it knows the time.)
 */
export function validateRule(def: RuleDefinition): RuleProblem[] {
  const out: RuleProblem[] = [];
  const level = def.scope.level;
  checkGroup(def.when, 'definition.when', 1, level, out);

  let statusActions = 0;
  def.then.forEach((action, i) => {
    const path = `definition.then.${i}`;
    if (STATUS_ACTIONS.includes(action.type)) {
      statusActions += 1;
      if (statusActions > 1) out.push({ path: `${path}.type`, message: 'A rule pauses, pauses until or enables, only one of them.' });
    }
    if ((action.type === 'set_budget' || action.type === 'change_budget') && level === 'ad') out.push({ path: `${path}.type`, message: 'Ads have no budget: change the budget of their ad group or campaign.' });
    if ((action.type === 'set_bid' || action.type === 'change_bid') && level === 'ad') out.push({ path: `${path}.type`, message: 'Ads have no bid: change the bid of their ad group or campaign.' });
    if ((action.type === 'change_budget' || action.type === 'change_bid') && action.floor !== undefined && action.ceiling !== undefined && action.floor > action.ceiling)
      out.push({ path: `${path}.ceiling`, message: 'The ceiling is below the floor.' });
    if (action.type === 'change_budget' && action.direction === 'lower' && action.by.unit === 'percent' && action.by.value >= 100)
      out.push({ path: `${path}.by.value`, message: 'Lowering by 100 % or more leaves no budget: pause instead, or lower by less.' });
    if (action.type === 'change_bid' && action.direction === 'lower' && action.by.unit === 'percent' && action.by.value >= 100)
      out.push({ path: `${path}.by.value`, message: 'Lowering by 100 % or more leaves no bid: lower by less.' });
    if (action.type === 'rename' && !action.prefix && !action.suffix) out.push({ path, message: 'Give the rename a prefix or a suffix.' });
  });

  const { limits, scope } = def;
  if (limits.minimumsWindow.kind === 'last_hours' && level !== 'campaign')
    out.push({ path: 'definition.limits.minimumsWindow', message: 'Hour-by-hour numbers exist for campaigns only: use today or days at this level.' });
  if (limits.activeHours) {
    if (limits.activeHours.from === limits.activeHours.to) out.push({ path: 'definition.limits.activeHours.to', message: 'Active hours end when they start: leave them out to act at any time.' });
    if (new Set(limits.activeHours.days).size !== limits.activeHours.days.length) out.push({ path: 'definition.limits.activeHours.days', message: 'A day is listed twice.' });
  }
  if (limits.maxActionsPerRun > limits.maxActionsPerDay) out.push({ path: 'definition.limits.maxActionsPerRun', message: 'More actions per run than per day.' });
  if (scope.createdAfter && scope.createdBefore && scope.createdAfter > scope.createdBefore) out.push({ path: 'definition.scope.createdBefore', message: 'Created before a day earlier than created after: nothing matches.' });
  if (scope.nameContains && scope.nameNotContains && scope.nameContains.toLocaleLowerCase().includes(scope.nameNotContains.toLocaleLowerCase()))
    out.push({ path: 'definition.scope.nameNotContains', message: 'Every name that contains the first text contains this one: nothing matches.' });
  if (scope.entityIds && scope.entityIds.length === 0) out.push({ path: 'definition.scope.entityIds', message: 'No object picked: pick at least one, or let the filters choose.' });
  return out;
}
