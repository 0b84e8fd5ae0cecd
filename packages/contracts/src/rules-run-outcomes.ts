import { z } from 'zod';
import { page } from './common.ts';
import { PlatformId } from './connections.ts';
import { EntityLevel } from './changes.ts';
import { RuleMetric } from './rules-conditions.ts';
import { RuleRunSummary } from './rules-run-summary.ts';

/** One condition's verdict on one object: the numbers seen and whether it held. */
export const ConditionVerdict = z.object({
  /** Path in the tree, e.g. "0", "1.0". */
  path: z.string(),
  metric: RuleMetric,
  /** The window in words ("last 3 days, without today"). */
  window: z.string(),
  value: z.union([z.number(), z.string()]).nullable(),
  /** What it was compared with (a number, range, list or previous value), in words. */
  against: z.string(),
  held: z.boolean(),
});

/** What the rule did to one object it examined, and why. */
export const RULE_OUTCOMES = ['acted', 'proposed', 'notified', 'no_match', 'skipped', 'failed'] as const;
export const RuleEntityOutcome = z
  .object({
    level: EntityLevel,
    id: z.uuid(),
    name: z.string(),
    platform: PlatformId,
    adAccountId: z.uuid(),
    outcome: z.enum(RULE_OUTCOMES),
    /** For `skipped`: cooldown, min_spend, learning, stale_data, kill_switch, override, limit, guardrail, outside_hours, no_change, oscillation… */
    skipReason: z.string().nullable(),
    /** One sentence: why. */
    explanation: z.string(),
    values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
    conditions: z.array(ConditionVerdict),
    /** The actions taken or proposed, in words ("budget $50.00 → $60.00"). */
    actions: z.array(z.string()),
    /** The change-pipeline records made (link to history and undo). */
    changeIds: z.array(z.uuid()),
  })
  .meta({ id: 'RuleEntityOutcome' });
export type RuleEntityOutcome = z.infer<typeof RuleEntityOutcome>;

export const RuleRunDetail = RuleRunSummary.extend({ entities: z.array(RuleEntityOutcome), entitiesNextCursor: z.string().nullable() }).meta({ id: 'RuleRunDetail' });

export const RuleRunPage = page(RuleRunSummary);
export const RuleRunParams = z.strictObject({ orgId: z.uuid(), ruleId: z.uuid(), runId: z.uuid() });
