/**
 * The rule metrics and what each is: the one list. The contracts build their `RuleMetric` schema
 * from it and the web builder reads the kinds from it; a value import here from the contracts would
 * be a cycle (the contracts import the engine), so the list lives in the engine.
 */

/** Sums and ratios of the metrics store, the object's own settings, and its age. */
export const RULE_METRICS = [
  'spend',
  'impressions',
  'clicks',
  'conversions',
  'value',
  'cpa',
  'roas',
  'ctr',
  'cpc',
  'cpm',
  'conversion_rate',
  'frequency',
  'budget',
  'budget_pacing',
  'days_since_created',
  'status',
  'name',
] as const;
export type RuleMetricId = (typeof RULE_METRICS)[number];

/**
 * How a metric's number reads: `money` in major units of the rule's currency basis, `percent` a ratio
 * kept as a decimal and shown as a percentage (CTR 0.02 is 2 %), `ratio` a plain multiple (ROAS 2.5),
 * `count` a whole or summed number, `days` an age, `status` and `name` the object's own text.
 */
export type MetricKind = 'money' | 'count' | 'ratio' | 'percent' | 'days' | 'status' | 'text';

export const METRIC_KINDS: Readonly<Record<RuleMetricId, MetricKind>> = {
  spend: 'money',
  impressions: 'count',
  clicks: 'count',
  conversions: 'count',
  value: 'money',
  cpa: 'money',
  roas: 'ratio',
  ctr: 'percent',
  cpc: 'money',
  cpm: 'money',
  conversion_rate: 'percent',
  frequency: 'ratio',
  budget: 'money',
  budget_pacing: 'percent',
  days_since_created: 'days',
  status: 'status',
  name: 'text',
};

const ofKind = (kind: MetricKind): readonly RuleMetricId[] => RULE_METRICS.filter((m) => METRIC_KINDS[m] === kind);

/** Amounts in money (major units of the rule's currency basis: 40 is $40). */
export const MONEY_METRICS: readonly RuleMetricId[] = ofKind('money');
/** Ratios kept as decimals and shown as percentages (0.02 → "2 %"). */
export const PERCENT_METRICS: readonly RuleMetricId[] = ofKind('percent');
/** Metrics whose numbers arrive late (attribution lag): their windows leave the last day out unless told otherwise. */
export const CONVERSION_METRICS: readonly RuleMetricId[] = ['conversions', 'value', 'cpa', 'roas', 'conversion_rate'];
/** Metrics read from the object, not from a window. */
export const SETTING_METRICS: readonly RuleMetricId[] = ['budget', 'days_since_created', 'status', 'name'];

export const isSettingMetric = (metric: RuleMetricId): boolean => SETTING_METRICS.includes(metric);
