import { isSettingMetric, METRIC_KINDS, RULE_METRICS, type MetricKind } from '@adloop/engine';
import type { EntityLevel, RuleAction, RuleComparison, RuleEntityOutcome, RuleMetric, RuleMode, RuleOperator, RuleStatus, RuleWindow } from './rule-types.ts';

/** The metrics in words; what each is (money, percent…) comes from the engine's one list. */
const METRIC_LABELS: Record<RuleMetric, string> = {
  spend: 'Spend',
  impressions: 'Impressions',
  clicks: 'Clicks',
  conversions: 'Conversions',
  value: 'Conversion value',
  cpa: 'CPA (cost per conversion)',
  roas: 'ROAS',
  ctr: 'CTR',
  cpc: 'CPC',
  cpm: 'CPM',
  conversion_rate: 'Conversion rate',
  frequency: 'Frequency',
  budget: 'Daily budget',
  budget_pacing: 'Budget pacing',
  days_since_created: 'Days since created',
  status: 'Status',
  name: 'Name',
};

export type { MetricKind };

export const METRICS: readonly { id: RuleMetric; label: string; kind: MetricKind }[] = RULE_METRICS.map((id) => ({ id, label: METRIC_LABELS[id], kind: METRIC_KINDS[id] }));

export function metricInfo(metric: RuleMetric): { id: RuleMetric; label: string; kind: MetricKind } {
  return METRICS.find((m) => m.id === metric) ?? { id: metric, label: metric, kind: 'count' };
}

/** Metrics read from the object itself: no window. */
export { isSettingMetric };

export const OPERATORS: readonly { id: RuleOperator; label: string }[] = [
  { id: 'gt', label: 'is more than' },
  { id: 'gte', label: 'is at least' },
  { id: 'lt', label: 'is less than' },
  { id: 'lte', label: 'is at most' },
  { id: 'eq', label: 'is' },
  { id: 'neq', label: 'is not' },
  { id: 'between', label: 'is between' },
  { id: 'not_between', label: 'is not between' },
  { id: 'in', label: 'is one of' },
  { id: 'not_in', label: 'is none of' },
  { id: 'contains', label: 'contains' },
];

/** The operators that make sense for a metric (the server checks the same). */
export function operatorsFor(metric: RuleMetric): readonly { id: RuleOperator; label: string }[] {
  const kind = metricInfo(metric).kind;
  if (kind === 'status') return OPERATORS.filter((o) => ['eq', 'neq', 'in', 'not_in'].includes(o.id));
  if (kind === 'text') return (['contains', 'eq', 'neq'] as const).flatMap((id) => OPERATORS.filter((o) => o.id === id));
  return OPERATORS.filter((o) => o.id !== 'contains');
}

/** The comparison kinds an operator takes. */
export function comparisonKindsFor(operator: RuleOperator, metric: RuleMetric): readonly RuleComparison['kind'][] {
  if (operator === 'between' || operator === 'not_between') return ['range'];
  if (operator === 'in' || operator === 'not_in') return ['list'];
  if (operator === 'contains') return ['text'];
  const kind = metricInfo(metric).kind;
  if (kind === 'status' || kind === 'text') return ['text'];
  if (isSettingMetric(metric)) return ['value'];
  return ['value', 'previous_period', 'parent_average', 'metric'];
}

export const COMPARISON_LABELS: Record<RuleComparison['kind'], string> = {
  value: 'a number',
  range: 'a range',
  list: 'a list',
  text: 'text',
  metric: 'another metric ×',
  previous_period: 'the previous period, changed by %',
  parent_average: 'the average of its siblings ×',
};

export const WINDOW_KINDS: readonly { id: RuleWindow['kind']; label: string }[] = [
  { id: 'today', label: 'today so far' },
  { id: 'yesterday', label: 'yesterday' },
  { id: 'last_hours', label: 'in the last … hours' },
  { id: 'last_days', label: 'in the last … days' },
  { id: 'week_to_date', label: 'this week so far' },
  { id: 'month_to_date', label: 'this month so far' },
  { id: 'lifetime', label: 'over its lifetime' },
];

export function windowWords(window: RuleWindow): string {
  switch (window.kind) {
    case 'last_hours':
      return `in the last ${window.hours} ${window.hours === 1 ? 'hour' : 'hours'}`;
    case 'last_days':
      return `in the last ${window.days} ${window.days === 1 ? 'day' : 'days'}${window.includeToday ? ' and today' : ''}`;
    default:
      return WINDOW_KINDS.find((w) => w.id === window.kind)?.label ?? window.kind;
  }
}

export const ACTION_TYPES: readonly { id: RuleAction['type']; label: string; forAds: boolean }[] = [
  { id: 'pause', label: 'Pause it', forAds: true },
  { id: 'enable', label: 'Enable it', forAds: true },
  { id: 'pause_until', label: 'Pause it until…', forAds: true },
  { id: 'change_budget', label: 'Raise or lower the budget', forAds: false },
  { id: 'set_budget', label: 'Set the budget to', forAds: false },
  { id: 'change_bid', label: 'Raise or lower the bid', forAds: false },
  { id: 'set_bid', label: 'Set the bid to', forAds: false },
  { id: 'rename', label: 'Add to its name', forAds: true },
  { id: 'label', label: 'Label it', forAds: true },
  { id: 'notify', label: 'Notify the team', forAds: true },
];

export const LEVELS: readonly { id: EntityLevel; label: string; plural: string }[] = [
  { id: 'campaign', label: 'Campaign', plural: 'campaigns' },
  { id: 'ad_group', label: 'Ad group / ad set', plural: 'ad groups / ad sets' },
  { id: 'ad', label: 'Ad', plural: 'ads' },
];

export const MODES: readonly { id: RuleMode; label: string; explanation: string }[] = [
  { id: 'notify', label: 'Notify', explanation: 'Tells the team what it found; changes nothing.' },
  { id: 'propose', label: 'Propose', explanation: 'Sends its changes to the approval inbox.' },
  { id: 'automatic', label: 'Automatic', explanation: 'Applies its changes itself, within the guardrails.' },
];

export const modeLabel = (mode: RuleMode) => MODES.find((m) => m.id === mode)?.label ?? mode;

export const STATUS_BADGES: Record<RuleStatus, { label: string; tone: 'green' | 'gray' | 'red' }> = {
  enabled: { label: 'On', tone: 'green' },
  disabled: { label: 'Off', tone: 'gray' },
  stopped: { label: 'Stopped', tone: 'red' },
};

export const OUTCOME_BADGES: Record<RuleEntityOutcome['outcome'], { label: string; tone: 'green' | 'gray' | 'red' | 'indigo' | 'amber' }> = {
  acted: { label: 'Changed', tone: 'green' },
  proposed: { label: 'Proposed', tone: 'indigo' },
  notified: { label: 'Notified', tone: 'indigo' },
  no_match: { label: 'No match', tone: 'gray' },
  skipped: { label: 'Skipped', tone: 'amber' },
  failed: { label: 'Failed', tone: 'red' },
};

/** In a dry run nothing happened yet: what the rule would do. */
export const DRY_RUN_LABELS: Partial<Record<RuleEntityOutcome['outcome'], string>> = { acted: 'Would change', proposed: 'Would propose', notified: 'Would notify' };

const SKIP_REASONS: Record<string, string> = {
  cooldown: 'Cooling down after an earlier change',
  min_spend: 'Not enough spend yet',
  min_impressions: 'Not enough impressions yet',
  min_conversions: 'Not enough conversions yet',
  learning: 'In the learning phase',
  stale_data: 'Numbers not fresh enough',
  kill_switch: 'Automated changes are stopped',
  override: 'Someone changed it by hand recently',
  limit: 'The rule’s limits were reached',
  guardrail: 'Refused by a guardrail',
  outside_hours: 'Outside the rule’s active hours',
  no_change: 'Nothing to change',
  oscillation: 'Would undo its own recent change',
  no_rate: 'No exchange rate for its currency',
};

export const skipReasonWords = (reason: string | null) => (reason === null ? null : (SKIP_REASONS[reason] ?? reason.replaceAll('_', ' ')));

export const RUN_OUTCOME_WORDS: Record<'ok' | 'skipped' | 'failed' | 'running', { label: string; tone: 'green' | 'amber' | 'red' | 'indigo' }> = {
  ok: { label: 'Done', tone: 'green' },
  skipped: { label: 'Skipped', tone: 'amber' },
  failed: { label: 'Failed', tone: 'red' },
  running: { label: 'Running', tone: 'indigo' },
};

const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A value recorded per entity ("cpa(last 3 days)" → 42.1): money with its currency when known. */
export function formatRuleValue(key: string, value: number | string | null, currency?: string): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  const metric = key.split('(')[0]?.trim() ?? key;
  const kind = METRICS.find((m) => m.id === metric)?.kind;
  if (kind === 'percent') return `${decimal.format(value * 100)} %`;
  if (kind === 'money' && currency) {
    try {
      return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value);
    } catch {
      return decimal.format(value);
    }
  }
  return decimal.format(value);
}

/** "cpa(last 3 days)" → "CPA (cost per conversion) (last 3 days)": a recorded value's key in words. */
export function valueKeyWords(key: string): string {
  const open = key.indexOf('(');
  const metric = (open === -1 ? key : key.slice(0, open)).trim();
  const known = METRICS.find((m) => m.id === metric);
  if (!known) return key;
  return open === -1 ? known.label : `${known.label} ${key.slice(open)}`;
}
