import type { RuleComparison, RuleCondition, RuleConditionGroup, RuleOperator } from '@adloop/contracts';
import type { MetricTotals } from '../metrics/totals.ts';
import { formatMetric, formatNumber, METRIC_WORDS, OPERATOR_WORDS } from './format.ts';
import { readMetric, type FactsView, type MetricReading } from './metrics.ts';
import type { EntityDecision } from './types.ts';
import { comparedWindow, conditionWindow, windowKey, windowWords } from './windows.ts';

export type ConditionVerdict = EntityDecision['conditions'][number];

/** What a condition tree said about one object: whether it held, each condition's verdict, and the numbers read. */
export interface TreeVerdict {
  held: boolean;
  verdicts: ConditionVerdict[];
  values: Record<string, number | string | null>;
}

/** How a previous-period verdict's `against` names the comparison (its value is then the change in %). */
export const PREVIOUS_WORDS = 'against the period before';

const close = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** `value op target` for numbers; +∞ (CPA without conversions) only ever exceeds. */
export function compareNumbers(op: RuleOperator, value: number, target: number): boolean {
  if (value === Number.POSITIVE_INFINITY) return op === 'gt' || op === 'gte';
  switch (op) {
    case 'gt':
      return value > target && !close(value, target);
    case 'gte':
      return value > target || close(value, target);
    case 'lt':
      return value < target && !close(value, target);
    case 'lte':
      return value < target || close(value, target);
    case 'eq':
      return close(value, target);
    case 'neq':
      return !close(value, target);
    default:
      return false;
  }
}

const TODAY_KEY = windowKey({ kind: 'today' }, false);
const EMPTY: MetricTotals = { spendMicros: 0, impressions: 0, clicks: 0, conversions: 0, conversionValueMicros: 0 };

/** The object's totals over a key; a window the loader found no rows for counts as zeros. */
const totalsAt = (view: FactsView, key: string | null): MetricTotals | null => (key === null ? null : (view.entity.metrics[key] ?? EMPTY));

const shown = (r: MetricReading): number | string | null => (r.note !== null && (r.value === null || r.value === Number.POSITIVE_INFINITY) ? r.note : r.value);

/** A condition with what does not change from object to object worked out once per evaluation. */
export interface CompiledCondition {
  condition: RuleCondition;
  path: string;
  /** Window key and words of the metric, and of the metric it is compared with. */
  key: string | null;
  words: string;
  label: string;
  comparedKey: string | null;
  comparedLabel: string | null;
  /** `against` in words per currency, for comparisons that do not depend on the object's numbers. */
  against: Map<string, string>;
}

export interface CompiledGroup {
  kind: 'all' | 'any';
  nodes: (CompiledCondition | CompiledGroup)[];
}

export function compileCondition(c: RuleCondition, path: string): CompiledCondition {
  const read = conditionWindow(c);
  const words = read ? windowWords(read.window, read.skipLastDay) : 'now';
  const other = comparedWindow(c);
  const comparedLabel = c.compare.kind === 'metric' ? `${c.compare.metric}(${other ? windowWords(other.window, other.skipLastDay) : 'now'})` : c.compare.kind === 'previous_period' ? `${c.metric}(period before ${words})` : c.compare.kind === 'parent_average' ? `${c.metric}(siblings' average, ${words})` : null;
  return {
    condition: c,
    path,
    key: read ? windowKey(read.window, read.skipLastDay) : null,
    words,
    label: `${c.metric}(${words})`,
    comparedKey: other ? windowKey(other.window, other.skipLastDay) : null,
    comparedLabel,
    against: new Map(),
  };
}

export function compileTree(group: RuleConditionGroup, prefix = ''): CompiledGroup {
  return {
    kind: group.kind,
    nodes: group.conditions.map((node, i) => {
      const path = prefix ? `${prefix}.${i}` : String(i);
      return node.kind === 'condition' ? compileCondition(node, path) : compileTree(node, path);
    }),
  };
}

/**
 * `against` in words: the same for every object in one currency. A comparison with another metric,
 * the period before or the siblings' average names it; its number is in the object's `values`.
 */
function staticAgainst(c: RuleCondition, currency: string): string {
  const op = OPERATOR_WORDS[c.operator];
  const cmp = c.compare;
  switch (cmp.kind) {
    case 'value':
      return `${op} ${formatMetric(c.metric, cmp.value, currency)}`;
    case 'range':
      return `${op} ${formatMetric(c.metric, cmp.min, currency)} and ${formatMetric(c.metric, cmp.max, currency)}`;
    case 'list':
      return `${op} ${cmp.values.join(', ')}`;
    case 'text':
      return `${op} “${cmp.value}”`;
    case 'metric':
      return `${op} ${cmp.factor === 1 ? '' : `${formatNumber(cmp.factor)} × `}${METRIC_WORDS[cmp.metric]}`;
    case 'previous_period':
      return `${op} ${cmp.pct > 0 ? '+' : ''}${formatNumber(cmp.pct)} % ${PREVIOUS_WORDS}`;
    case 'parent_average':
      return `${op} ${cmp.factor === 1 ? '' : `${formatNumber(cmp.factor)} × `}the siblings' average`;
  }
}

function cachedAgainst(cc: CompiledCondition, currency: string): string {
  let text = cc.against.get(currency);
  if (text === undefined) {
    text = staticAgainst(cc.condition, currency);
    cc.against.set(currency, text);
  }
  return text;
}

/** Judges one compiled condition on one object, recording the numbers read in `values`. */
export function judgeCompiled(cc: CompiledCondition, view: FactsView, values: TreeVerdict['values']): ConditionVerdict {
  const c = cc.condition;
  const today = view.entity.metrics[TODAY_KEY] ?? null;
  const current = readMetric(c.metric, totalsAt(view, cc.key), view, today);
  const value = shown(current);
  values[cc.label] = value;
  const currency = view.basisCurrency;
  const compare: RuleComparison = c.compare;
  const op = c.operator;
  const v = current.value;
  let held = false;
  const against = cachedAgainst(cc, currency);
  let verdictValue = value;
  switch (compare.kind) {
    case 'value':
      held = typeof v === 'number' && compareNumbers(op, v, compare.value);
      break;
    case 'range': {
      if (typeof v !== 'number' || !Number.isFinite(v)) break;
      const inside = v >= compare.min - 1e-9 && v <= compare.max + 1e-9;
      held = op === 'between' ? inside : !inside;
      break;
    }
    case 'list': {
      const has = v !== null && compare.values.some((x) => (typeof x === 'number' && typeof v === 'number' ? close(x, v) : x === v));
      held = v !== null && (op === 'in' ? has : !has);
      break;
    }
    case 'text': {
      const text = compare.value;
      if (typeof v === 'string') held = op === 'contains' ? v.toLocaleLowerCase().includes(text.toLocaleLowerCase()) : op === 'eq' ? v === text : op === 'neq' ? v !== text : false;
      break;
    }
    case 'metric': {
      const o = readMetric(compare.metric, totalsAt(view, cc.comparedKey), view, today);
      if (cc.comparedLabel) values[cc.comparedLabel] = shown(o);
      const target = typeof o.value === 'number' ? o.value * compare.factor : null;
      held = typeof v === 'number' && target !== null && Number.isFinite(target) && compareNumbers(op, v, target);
      break;
    }
    case 'previous_period': {
      const prevTotals = cc.key === null ? null : (view.entity.previous[cc.key] ?? null);
      const prev = readMetric(c.metric, prevTotals, view, null);
      if (cc.comparedLabel) values[cc.comparedLabel] = shown(prev);
      const p = prev.value;
      const change = typeof v === 'number' && Number.isFinite(v) && typeof p === 'number' && Number.isFinite(p) && p !== 0 ? ((v - p) / Math.abs(p)) * 100 : null;
      held = change !== null && compareNumbers(op, change, compare.pct);
      verdictValue = change === null ? null : Math.round(change * 100) / 100;
      break;
    }
    case 'parent_average': {
      const avgTotals = cc.key === null ? null : (view.entity.parentAverage[cc.key] ?? null);
      const avg = readMetric(c.metric, avgTotals, view, null);
      if (cc.comparedLabel) values[cc.comparedLabel] = shown(avg);
      const target = typeof avg.value === 'number' && Number.isFinite(avg.value) ? avg.value * compare.factor : null;
      held = typeof v === 'number' && target !== null && compareNumbers(op, v, target);
      break;
    }
  }
  return { path: cc.path, metric: c.metric, window: cc.words, value: verdictValue, against, held };
}

/** Judges one condition on one object. */
export const judgeCondition = (c: RuleCondition, path: string, view: FactsView, values: TreeVerdict['values']): ConditionVerdict => judgeCompiled(compileCondition(c, path), view, values);

/** Judges a compiled tree: every condition is judged (for the record), the tree's result follows its groups. */
export function judgeCompiledTree(group: CompiledGroup, view: FactsView): TreeVerdict {
  const verdicts: ConditionVerdict[] = [];
  const values: TreeVerdict['values'] = {};
  const held = judgeGroup(group, view, values, verdicts);
  return { held, verdicts, values };
}

/** One group of the tree, its verdicts and values recorded (a plain function: it runs for every object of every run). */
function judgeGroup(g: CompiledGroup, view: FactsView, values: TreeVerdict['values'], verdicts: ConditionVerdict[]): boolean {
  let all = true;
  let any = false;
  for (const node of g.nodes) {
    let held: boolean;
    if ('condition' in node) {
      const verdict = judgeCompiled(node, view, values);
      verdicts.push(verdict);
      held = verdict.held;
    } else held = judgeGroup(node, view, values, verdicts);
    all &&= held;
    any ||= held;
  }
  return g.kind === 'all' ? all : any;
}

/** Judges a whole AND/OR tree on one object. */
export const judgeTree = (group: RuleConditionGroup, view: FactsView): TreeVerdict => judgeCompiledTree(compileTree(group), view);
