import { z } from 'zod';
import { RULE_METRICS } from '@adloop/engine';

/** The "when" of a rule: conditions over metric windows, grouped in an AND/OR tree. */

/**
 * The period a condition's numbers cover, in the ad account's time zone. `last_days` counts whole days
 * back from yesterday, plus today when `includeToday`; `last_hours` counts whole hours back from now.
 */
export const RuleWindow = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('today') }),
    z.strictObject({ kind: z.literal('yesterday') }),
    z.strictObject({ kind: z.literal('last_hours'), hours: z.number().int().min(1).max(72) }),
    z.strictObject({ kind: z.literal('last_days'), days: z.number().int().min(1).max(90), includeToday: z.boolean().default(false) }),
    z.strictObject({ kind: z.literal('week_to_date') }),
    z.strictObject({ kind: z.literal('month_to_date') }),
    z.strictObject({ kind: z.literal('lifetime') }),
  ])
  .meta({ id: 'RuleWindow' });
export type RuleWindow = z.infer<typeof RuleWindow>;

/**
 * The metrics and their kinds are the engine's (one list: packages/engine/src/rules/metric-kinds.ts),
 * re-exported here for the schemas and the clients.
 */
export { CONVERSION_METRICS, METRIC_KINDS, MONEY_METRICS, PERCENT_METRICS, RULE_METRICS, SETTING_METRICS, type MetricKind } from '@adloop/engine';
export const RuleMetric = z.enum(RULE_METRICS);
export type RuleMetric = z.infer<typeof RuleMetric>;

export const RULE_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq', 'between', 'not_between', 'in', 'not_in', 'contains'] as const;
export const RuleOperator = z.enum(RULE_OPERATORS);
export type RuleOperator = z.infer<typeof RuleOperator>;

/**
 * What the metric is compared with:
 * - `value`: a number (money in major units of the rule's currency basis; ratios as decimals: CTR 0.02 is 2 %).
 * - `range`: `between` / `not_between`, inclusive.
 * - `list`: `in` / `not_in` (statuses, or numbers).
 * - `text`: `contains` (name).
 * - `metric`: another metric over the same window, times `factor` (CPA > 1.5 × CPC).
 * - `previous_period`: the change in % against the same metric over the previous window of equal
 *   length (`pct` 50 means "up by more than 50 %" with `gt`; −30 with `lt` means "down by more than 30 %").
 * - `parent_average`: the average of the same metric over the object's siblings (ad sets of the same
 *   campaign; campaigns of the same account), times `factor`.
 */
export const RuleComparison = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('value'), value: z.number().finite() }),
    z.strictObject({ kind: z.literal('range'), min: z.number().finite(), max: z.number().finite() }),
    z.strictObject({ kind: z.literal('list'), values: z.array(z.union([z.string().max(200), z.number().finite()])).min(1).max(50) }),
    z.strictObject({ kind: z.literal('text'), value: z.string().min(1).max(200) }),
    z.strictObject({ kind: z.literal('metric'), metric: RuleMetric, factor: z.number().positive().max(1000).default(1) }),
    z.strictObject({ kind: z.literal('previous_period'), pct: z.number().finite().min(-100).max(100_000) }),
    z.strictObject({ kind: z.literal('parent_average'), factor: z.number().positive().max(1000).default(1) }),
  ])
  .meta({ id: 'RuleComparison' });
export type RuleComparison = z.infer<typeof RuleComparison>;

export const RuleCondition = z
  .strictObject({
    kind: z.literal('condition'),
    metric: RuleMetric,
    /** Ignored for `budget`, `days_since_created`, `status` and `name`. */
    window: RuleWindow.default({ kind: 'last_days', days: 3, includeToday: false }),
    /** Leave the last full day out of the window (attribution lag); default: yes for conversion metrics. */
    skipLastDay: z.boolean().optional(),
    operator: RuleOperator,
    compare: RuleComparison,
  })
  .meta({ id: 'RuleCondition' });
export type RuleCondition = z.infer<typeof RuleCondition>;

/** An AND (`all`) or OR (`any`) group of conditions and groups, at most 4 deep. */
export type RuleConditionGroup = { kind: 'all' | 'any'; conditions: (RuleCondition | RuleConditionGroup)[] };
export const RuleConditionGroup: z.ZodType<RuleConditionGroup> = z
  .strictObject({
    kind: z.enum(['all', 'any']),
    get conditions() {
      return z.array(z.union([RuleCondition, RuleConditionGroup])).min(1).max(20);
    },
  })
  .meta({ id: 'RuleConditionGroup' });
