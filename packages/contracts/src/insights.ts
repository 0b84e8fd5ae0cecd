import { z } from 'zod';
import { CampaignChange } from './changes.ts';

/**
 * Insights over an ad account's stored history: budget reallocation across its campaigns (fitted
 * response curves, the account's daily total kept), and open anomalies of its numbers. Money is in
 * micros of the account's currency.
 */

export const InsightsQuery = z.strictObject({ accountId: z.uuid() });
export type InsightsQuery = z.infer<typeof InsightsQuery>;

/** A mean with its 80 % interval. */
export const InsightInterval = z.object({ mean: z.number(), low: z.number(), high: z.number() }).meta({ id: 'InsightInterval' });

export const CurvePointDto = z.object({ spendMicros: z.number(), conversions: z.number() });

export const BudgetRecommendation = z
  .object({
    campaignId: z.uuid(),
    name: z.string(),
    currentMicros: z.number().int(),
    proposedMicros: z.number().int(),
    changeMicros: z.number().int(),
    /** Extra conversion value per extra currency unit at the proposed budget (0 without conversion value). */
    marginalRoas: z.number(),
    /** Cost of the next conversion at the proposed budget; null where the curve is flat. */
    marginalCpaMicros: z.number().nullable(),
    /** Expected change in conversions a day once the change has settled (80 % interval). */
    conversionsChange: InsightInterval,
    /** Kept where it is: too little data for a curve. */
    held: z.boolean(),
    daysOfData: z.number().int(),
    reason: z.string(),
    /** The fitted curve (expected conversions a day by daily spend), for a chart. */
    curve: z.array(CurvePointDto),
  })
  .meta({ id: 'BudgetRecommendation' });
export type BudgetRecommendation = z.infer<typeof BudgetRecommendation>;

export const BudgetRecommendations = z
  .object({
    accountId: z.uuid(),
    currency: z.string(),
    /** The daily total shared (today's budgets of the campaigns with a daily budget). */
    totalMicros: z.number().int(),
    allocatedMicros: z.number().int(),
    conversionsChange: InsightInterval.nullable(),
    /** Why there is nothing to recommend (too little data, fewer than two campaigns...); null when there is. */
    empty: z.string().nullable(),
    /** Why part of the total cannot be placed, or why the total cannot be honoured. */
    note: z.string().nullable(),
    items: z.array(BudgetRecommendation),
  })
  .meta({ id: 'BudgetRecommendations' });
export type BudgetRecommendations = z.infer<typeof BudgetRecommendations>;

export const ProposeBudgetsBody = z.strictObject({
  accountId: z.uuid(),
  idempotencyKey: z.string().min(8).max(100),
  /** Only these campaigns' proposals (all changed ones when absent). */
  campaignIds: z.array(z.uuid()).min(1).max(500).optional(),
});
export type ProposeBudgetsBody = z.infer<typeof ProposeBudgetsBody>;

export const ProposedBudgets = z
  .object({ items: z.array(CampaignChange), message: z.string() })
  .meta({ id: 'ProposedBudgets' });
export type ProposedBudgets = z.infer<typeof ProposedBudgets>;

export const InsightAnomalyMetric = z.enum(['spend', 'clicks', 'cpc', 'conversions', 'conversion_rate']);

export const AnomalyAlert = z
  .object({
    /** `account` or the campaign's id. */
    scope: z.enum(['account', 'campaign']),
    campaignId: z.uuid().nullable(),
    name: z.string(),
    grain: z.enum(['hour', 'day']),
    metric: InsightAnomalyMetric,
    direction: z.enum(['up', 'down']),
    observed: z.number(),
    expected: z.number(),
    lower: z.number(),
    upper: z.number(),
    /** Start of the abnormal run (ISO). */
    since: z.iso.datetime(),
    /** The latest abnormal period (ISO). */
    at: z.iso.datetime(),
    cause: z.enum(['tracking', 'cost', 'delivery', 'overspend', 'performance']),
    confidence: z.enum(['normal', 'low']),
    method: z.string(),
  })
  .meta({ id: 'AnomalyAlert' });
export type AnomalyAlert = z.infer<typeof AnomalyAlert>;

export const AnomalyAlerts = z
  .object({ accountId: z.uuid(), currency: z.string(), empty: z.string().nullable(), items: z.array(AnomalyAlert) })
  .meta({ id: 'AnomalyAlerts' });
export type AnomalyAlerts = z.infer<typeof AnomalyAlerts>;

export const ForecastQuery = z.strictObject({ accountId: z.uuid(), days: z.coerce.number().int().min(7).max(30).default(14) });
export type ForecastQuery = z.infer<typeof ForecastQuery>;

/** One forecast day with its 80 % and 95 % intervals. */
export const ForecastDay = z.object({ date: z.string(), mean: z.number(), lower80: z.number(), upper80: z.number(), lower95: z.number(), upper95: z.number() });

export const MetricForecast = z
  .object({
    /** `spend` and `value` in micros of the account's currency; `conversions` a count. */
    metric: z.enum(['spend', 'conversions', 'value']),
    method: z.string(),
    days: z.array(ForecastDay),
    total: ForecastDay.omit({ date: true }),
  })
  .meta({ id: 'MetricForecast' });
export type MetricForecast = z.infer<typeof MetricForecast>;

export const AccountForecast = z
  .object({
    accountId: z.uuid(),
    currency: z.string(),
    /** The stored days the forecast starts from (account time). */
    history: z.array(z.object({ date: z.string(), spend: z.number(), conversions: z.number(), value: z.number() })),
    empty: z.string().nullable(),
    metrics: z.array(MetricForecast),
  })
  .meta({ id: 'AccountForecast' });
export type AccountForecast = z.infer<typeof AccountForecast>;
