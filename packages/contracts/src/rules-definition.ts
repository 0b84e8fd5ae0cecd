import { z } from 'zod';
import { PlatformId } from './connections.ts';
import { EntityStatus } from './campaigns.ts';
import { EntityLevel } from './changes.ts';
import { RuleAction } from './rules-actions.ts';
import { RuleConditionGroup, RuleWindow } from './rules-conditions.ts';
import { ClockTime, Day } from './rules-primitives.ts';

/**
 * Automation rules: scope → when (an AND/OR tree of conditions over metric windows) → then (actions
 * in order) → limits, evaluated on a schedule through the change pipeline (actor `rule`). One
 * definition serves the live runs, the dry run and the backtest.
 */

export const RuleScope = z
  .strictObject({
    /** Empty: every platform. */
    platforms: z.array(PlatformId).max(3).default([]),
    /** Adloop ad account ids; empty: every account the rule's organisation has. */
    accountIds: z.array(z.uuid()).max(500).default([]),
    level: EntityLevel,
    nameContains: z.string().max(200).optional(),
    nameNotContains: z.string().max(200).optional(),
    /** Default: active objects only. */
    statuses: z.array(EntityStatus).max(4).default(['active']),
    objectives: z.array(z.string().max(100)).max(20).optional(),
    /** Adloop labels, any of. */
    labels: z.array(z.string().max(50)).max(20).optional(),
    createdAfter: Day.optional(),
    createdBefore: Day.optional(),
    /** A fixed list of objects (Adloop ids at `level`) instead of the filters. */
    entityIds: z.array(z.uuid()).max(1000).optional(),
  })
  .meta({ id: 'RuleScope' });
export type RuleScope = z.infer<typeof RuleScope>;

export const RuleSchedule = z
  .discriminatedUnion('frequency', [
    z.strictObject({ frequency: z.literal('every_15_minutes') }),
    z.strictObject({ frequency: z.literal('hourly') }),
    /** Once a day at `at` in each account's time zone. */
    z.strictObject({ frequency: z.literal('daily'), at: ClockTime }),
  ])
  .meta({ id: 'RuleSchedule' });
export type RuleSchedule = z.infer<typeof RuleSchedule>;

export const RuleLimits = z
  .strictObject({
    /** Act only once the object has at least this much over `minimumsWindow`. */
    minSpend: z.number().min(0).max(10_000_000).optional(),
    minImpressions: z.number().int().min(0).optional(),
    minConversions: z.number().min(0).optional(),
    minimumsWindow: RuleWindow.default({ kind: 'last_days', days: 3, includeToday: false }),
    /** Hours before the rule may act on the same object again. */
    cooldownHours: z.number().min(0).max(24 * 30).default(24),
    maxActionsPerRun: z.number().int().min(1).max(10_000).default(50),
    maxActionsPerDay: z.number().int().min(1).max(100_000).default(200),
    /** Budget moved per day (sum of |after − before|), in major units of the rule's currency basis. */
    maxMoneyPerDay: z.number().positive().max(100_000_000).optional(),
    /** Leave objects in the platform's learning phase alone. */
    skipLearning: z.boolean().default(true),
    /** Act only on these days (0 = Sunday) and hours, in the account's time zone. */
    activeHours: z
      .strictObject({ days: z.array(z.number().int().min(0).max(6)).min(1).max(7), from: ClockTime, to: ClockTime })
      .optional(),
    /** Hours the rule leaves an object alone after a person changed what the rule changed (manual override). */
    overrideHours: z.number().min(0).max(24 * 90).default(72),
  })
  .meta({ id: 'RuleLimits' });
export type RuleLimits = z.infer<typeof RuleLimits>;

export const RULE_MODES = ['notify', 'propose', 'automatic'] as const;
export const RuleMode = z.enum(RULE_MODES);
export type RuleModeValue = z.infer<typeof RuleMode>;

/**
 * Money thresholds and amounts are in each account's own currency (`account`), or in the
 * organisation's reporting currency, converted per account at the day's rate (`organization`).
 */
export const RuleCurrencyBasis = z.enum(['account', 'organization']);

export const RuleDefinition = z
  .strictObject({
    scope: RuleScope,
    when: RuleConditionGroup,
    then: z.array(RuleAction).min(1).max(10),
    limits: RuleLimits.default(RuleLimits.parse({})),
    schedule: RuleSchedule.default({ frequency: 'every_15_minutes' }),
    currencyBasis: RuleCurrencyBasis.default('account'),
  })
  .meta({ id: 'RuleDefinition' });
export type RuleDefinition = z.infer<typeof RuleDefinition>;
export type RuleDefinitionInput = z.input<typeof RuleDefinition>;

export const RuleBody = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    mode: RuleMode.default('propose'),
    enabled: z.boolean().default(false),
    definition: RuleDefinition,
    /** The template it was made from, if any. */
    templateId: z.string().max(60).optional(),
  })
  .meta({ id: 'RuleBody' });
export type RuleBody = z.infer<typeof RuleBody>;

/** PATCH: any of the fields; `version` is the version read (compare-and-set against another editor). */
export const RulePatch = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    mode: RuleMode.optional(),
    enabled: z.boolean().optional(),
    definition: RuleDefinition.optional(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'RulePatch' });
