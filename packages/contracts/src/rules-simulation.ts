import { z } from 'zod';
import { EntityLevel } from './changes.ts';
import { RuleDefinition, RuleMode } from './rules-definition.ts';
import { Day, Timestamp } from './rules-primitives.ts';
import { RuleConflict } from './rules-resource.ts';
import { RuleEntityOutcome } from './rules-run-outcomes.ts';

/** Dry run: what the rule (saved or not) would do now, without doing it. */
export const DryRunBody = z.strictObject({ definition: RuleDefinition, mode: RuleMode.default('propose') }).meta({ id: 'DryRunBody' });
export const DryRunResult = z
  .object({
    sentence: z.string(),
    examined: z.number().int(),
    matched: z.number().int(),
    /** Matching objects first, then the rest (up to 200). */
    entities: z.array(RuleEntityOutcome),
    dataAsOf: Timestamp.nullable(),
    /** Set when the rule would skip the whole run (stale data, kill switch…). */
    skipped: z.string().nullable(),
    conflicts: z.array(RuleConflict),
  })
  .meta({ id: 'DryRunResult' });
export type DryRunResult = z.infer<typeof DryRunResult>;

/** Backtest: replay the rule over stored history at its frequency. */
export const BacktestBody = z
  .strictObject({ definition: RuleDefinition, days: z.number().int().min(7).max(90).default(30) })
  .meta({ id: 'BacktestBody' });
export const BacktestResult = z
  .object({
    since: Day,
    until: Day,
    evaluations: z.number().int(),
    /** Times it would have acted (one per object and action). */
    fires: z.number().int(),
    entitiesAffected: z.number().int(),
    /** Budget it would have moved, in the organisation's reporting currency (major units). */
    moneyMoved: z.number(),
    currency: z.string(),
    /** Per day: fires and money moved; spend and conversions seen, and (estimated) with the rule. */
    days: z.array(
      z.object({
        date: Day,
        fires: z.number().int(),
        moneyMoved: z.number(),
        spend: z.number(),
        conversions: z.number(),
        spendWithRule: z.number().nullable(),
        conversionsWithRule: z.number().nullable(),
      }),
    ),
    /** Per object it would have touched: how often and the first time. */
    entities: z.array(z.object({ level: EntityLevel, id: z.uuid(), name: z.string(), fires: z.number().int(), firstAt: Timestamp, actions: z.array(z.string()) })),
    /** How "with the rule" was estimated, in words (and its limits). */
    method: z.string(),
  })
  .meta({ id: 'BacktestResult' });
export type BacktestResult = z.infer<typeof BacktestResult>;
