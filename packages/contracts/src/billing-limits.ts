import { z } from 'zod';

/**
 * Plan limits past a downgrade and plan changes: what is over the new plan's limits (read-only
 * until the organisation chooses what to keep), the choice itself, and the price difference of a
 * plan change shown before it is confirmed. Amounts in US cents.
 */

export const KEEP_METRIC_IDS = ['adAccounts', 'rules', 'users'] as const;
export const KeepMetric = z.enum(KEEP_METRIC_IDS);

export const OverLimitItem = z.object({
  id: z.uuid(),
  label: z.string(),
  createdAt: z.iso.datetime(),
  /** Writable now; false: read-only until chosen or the plan allows it. */
  kept: z.boolean(),
  /** Always kept (an owner). */
  pinned: z.boolean(),
});

export const OverLimitMetric = z.object({
  metric: KeepMetric,
  label: z.string(),
  /** null = unlimited on this plan. */
  limit: z.number().int().nullable(),
  used: z.number().int(),
  over: z.boolean(),
  /** Whether the kept ones are the organisation's choice (otherwise the most recently created are kept). */
  chosen: z.boolean(),
  items: z.array(OverLimitItem),
});

export const OverLimitList = z.object({
  metrics: z.array(OverLimitMetric),
  /** How the kept objects are picked until the organisation chooses. */
  defaultRule: z.string(),
}).meta({ id: 'OverLimitList' });
export type OverLimitList = z.infer<typeof OverLimitList>;

export const KeepBody = z.strictObject({
  metric: KeepMetric,
  /** The ids to keep writable: at most the plan's limit (owners are always kept). */
  keep: z.array(z.uuid()).max(1_000),
}).meta({ id: 'KeepBody' });
export type KeepBody = z.infer<typeof KeepBody>;

/** The answer to a plan change asked with `PlanChangeBody` (billing.ts), before it is confirmed. */
export const PlanChangePreview = z.object({
  planId: z.string(),
  interval: z.enum(['month', 'year']),
  /** upgrade: at once, prorated; downgrade: at the end of the paid period. */
  direction: z.enum(['upgrade', 'downgrade', 'same']),
  /** Charged today (prorated difference for the rest of the period; 0 for a downgrade or in a trial). */
  dueTodayCents: z.number().int(),
  /** The new plan's price per interval afterwards. */
  thenCents: z.number().int(),
  /** When the new plan takes effect. */
  effectiveAt: z.iso.datetime(),
  /** The invoice lines Stripe previewed (prorations). */
  lines: z.array(z.object({ description: z.string(), amountCents: z.number().int() })),
  /** What would be over the new plan's limits (read-only until chosen): empty when nothing. */
  overLimits: z.array(z.object({ metric: KeepMetric, used: z.number().int(), limit: z.number().int() })),
}).meta({ id: 'PlanChangePreview' });
export type PlanChangePreview = z.infer<typeof PlanChangePreview>;
