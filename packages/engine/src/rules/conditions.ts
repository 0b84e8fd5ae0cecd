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

/** Judges one condition on one object. */
export function judgeCondition(c: RuleCondition, path: string, view: FactsView, values: TreeVerdict['values']): ConditionVerdict {
  const read = conditionWindow(c);
  const key = read ? windowKey(read.window, read.skipLastDay) : null;
  const words = read ? windowWords(read.window, read.skipLastDay) : 'now';
  const today = view.entity.metrics[TODAY_KEY] ?? null;
  const current = readMetric(c.metric, totalsAt(view, key), view, today);
  const label = `${c.metric}(${words})`;
  values[label] = shown(current);
  const currency = view.basisCurrency;
  const verdict = (held: boolean, against: string, value: number | string | null = shown(current)): ConditionVerdict => ({
    path,
    metric: c.metric,
    window: words,
    value,
    against,
    held,
  });
  const compare: RuleComparison = c.compare;
  const op = c.operator;
  const v = current.value;
  switch (compare.kind) {
    case 'value':
      return verdict(typeof v === 'number' && compareNumbers(op, v, compare.value), `${OPERATOR_WORDS[op]} ${formatMetric(c.metric, compare.value, currency)}`);
    case 'range': {
      const inside = typeof v === 'number' && Number.isFinite(v) && v >= compare.min - 1e-9 && v <= compare.max + 1e-9;
      const held = typeof v === 'number' && Number.isFinite(v) && (op === 'between' ? inside : !inside);
      return verdict(held, `${OPERATOR_WORDS[op]} ${formatMetric(c.metric, compare.min, currency)} and ${formatMetric(c.metric, compare.max, currency)}`);
    }
    case 'list': {
      const has = v !== null && compare.values.some((x) => (typeof x === 'number' && typeof v === 'number' ? close(x, v) : x === v));
      return verdict(v !== null && (op === 'in' ? has : !has), `${OPERATOR_WORDS[op]} ${compare.values.join(', ')}`);
    }
    case 'text': {
      const text = compare.value;
      if (typeof v !== 'string') return verdict(false, `${OPERATOR_WORDS[op]} “${text}”`);
      const held = op === 'contains' ? v.toLocaleLowerCase().includes(text.toLocaleLowerCase()) : op === 'eq' ? v === text : op === 'neq' ? v !== text : false;
      return verdict(held, `${OPERATOR_WORDS[op]} “${text}”`);
    }
    case 'metric': {
      const other = comparedWindow(c);
      const otherKey = other ? windowKey(other.window, other.skipLastDay) : null;
      const o = readMetric(compare.metric, totalsAt(view, otherKey), view, today);
      values[`${compare.metric}(${other ? windowWords(other.window, other.skipLastDay) : 'now'})`] = shown(o);
      const factor = compare.factor;
      const target = typeof o.value === 'number' ? o.value * factor : null;
      const against = `${OPERATOR_WORDS[op]} ${factor === 1 ? '' : `${formatNumber(factor)} × `}${METRIC_WORDS[compare.metric]}${target === null ? ' (unknown)' : ` (${formatMetric(compare.metric, target, currency)})`}`;
      const held = typeof v === 'number' && target !== null && Number.isFinite(target) && compareNumbers(op, v, target);
      return verdict(held, against);
    }
    case 'previous_period': {
      const prevTotals = key === null ? null : (view.entity.previous[key] ?? null);
      const prev = readMetric(c.metric, prevTotals, view, null);
      values[`${c.metric}(period before ${words})`] = shown(prev);
      const p = prev.value;
      const change = typeof v === 'number' && Number.isFinite(v) && typeof p === 'number' && Number.isFinite(p) && p !== 0 ? ((v - p) / Math.abs(p)) * 100 : null;
      const before = typeof p === 'number' && Number.isFinite(p) ? formatMetric(c.metric, p, currency) : 'unknown';
      const against = `${OPERATOR_WORDS[op]} ${compare.pct > 0 ? '+' : ''}${formatNumber(compare.pct)} % ${PREVIOUS_WORDS} (then ${before})`;
      return verdict(change !== null && compareNumbers(op, change, compare.pct), against, change === null ? null : Math.round(change * 100) / 100);
    }
    case 'parent_average': {
      const avgTotals = key === null ? null : (view.entity.parentAverage[key] ?? null);
      const avg = readMetric(c.metric, avgTotals, view, null);
      values[`${c.metric}(siblings' average, ${words})`] = shown(avg);
      const target = typeof avg.value === 'number' && Number.isFinite(avg.value) ? avg.value * compare.factor : null;
      const factor = compare.factor === 1 ? '' : `${formatNumber(compare.factor)} × `;
      const against = `${OPERATOR_WORDS[op]} ${factor}the siblings' average${target === null ? ' (unknown)' : ` (${formatMetric(c.metric, target, currency)})`}`;
      return verdict(typeof v === 'number' && target !== null && compareNumbers(op, v, target), against);
    }
  }
}

/** Judges a whole AND/OR tree: every condition is judged (for the record), the tree's result follows its groups. */
export function judgeTree(group: RuleConditionGroup, view: FactsView): TreeVerdict {
  const verdicts: ConditionVerdict[] = [];
  const values: TreeVerdict['values'] = {};
  const walk = (g: RuleConditionGroup, prefix: string): boolean => {
    let all = true;
    let any = false;
    g.conditions.forEach((node, i) => {
      const path = prefix ? `${prefix}.${i}` : String(i);
      let held: boolean;
      if (node.kind === 'condition') {
        const verdict = judgeCondition(node, path, view, values);
        verdicts.push(verdict);
        held = verdict.held;
      } else held = walk(node, path);
      all &&= held;
      any ||= held;
    });
    return g.kind === 'all' ? all : any;
  };
  const held = walk(group, '');
  return { held, verdicts, values };
}
