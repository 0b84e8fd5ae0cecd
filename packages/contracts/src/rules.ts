import { z } from 'zod';
import { page } from './common.ts';
import { PlatformId } from './connections.ts';
import { EntityStatus } from './campaigns.ts';
import { EntityLevel } from './changes.ts';

/**
 * Automation rules: scope → when (an AND/OR tree of conditions over metric windows) → then (actions
 * in order) → limits, evaluated on a schedule through the change pipeline (actor `rule`). One
 * definition serves the live runs, the dry run and the backtest.
 */

const Timestamp = z.iso.datetime({ offset: true });
const Day = z.iso.date();
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour clock)');

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
export const RuleMetric = z.enum(RULE_METRICS);
export type RuleMetric = z.infer<typeof RuleMetric>;
/** Metrics whose numbers arrive late (attribution lag): their windows leave the last day out unless told otherwise. */
export const CONVERSION_METRICS: readonly RuleMetric[] = ['conversions', 'value', 'cpa', 'roas', 'conversion_rate'];
/** Amounts in money (compared in the rule's currency basis, in major units: 40 is $40). */
export const MONEY_METRICS: readonly RuleMetric[] = ['spend', 'value', 'cpa', 'cpc', 'cpm', 'budget'];
/** Metrics read from the object, not from a window. */
export const SETTING_METRICS: readonly RuleMetric[] = ['budget', 'days_since_created', 'status', 'name'];

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

/** A change by an amount (major units of the rule's currency basis) or a percentage. */
export const RuleStep = z.strictObject({ unit: z.enum(['percent', 'amount']), value: z.number().positive().max(1_000_000) });

/**
 * What a rule does to each matching object, in order. Budget and bid amounts are in major units of the
 * rule's currency basis; `floor` / `ceiling` bound the result. `notify` tells the organisation's
 * approvers in the app and by email.
 */
export const RuleAction = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('pause') }),
    z.strictObject({ type: z.literal('enable') }),
    /** Pause now and enable again at `until` ('tomorrow' = the account's next midnight) or at a time. */
    z.strictObject({ type: z.literal('pause_until'), until: z.union([z.literal('tomorrow'), Timestamp]) }),
    z.strictObject({ type: z.literal('set_budget'), amount: z.number().positive().max(10_000_000) }),
    z.strictObject({
      type: z.literal('change_budget'),
      direction: z.enum(['raise', 'lower']),
      by: RuleStep,
      floor: z.number().min(0).max(10_000_000).optional(),
      ceiling: z.number().positive().max(10_000_000).optional(),
    }),
    z.strictObject({ type: z.literal('set_bid'), amount: z.number().positive().max(1_000_000) }),
    z.strictObject({
      type: z.literal('change_bid'),
      direction: z.enum(['raise', 'lower']),
      by: RuleStep,
      floor: z.number().min(0).max(1_000_000).optional(),
      ceiling: z.number().positive().max(1_000_000).optional(),
    }),
    /** Adds `prefix` / `suffix` to the object's name (once: not when the name already has it). */
    z.strictObject({ type: z.literal('rename'), prefix: z.string().max(100).optional(), suffix: z.string().max(100).optional() }),
    /** An Adloop label on the object (filters of other rules can use it). */
    z.strictObject({ type: z.literal('label'), label: z.string().trim().min(1).max(50) }),
    z.strictObject({ type: z.literal('notify'), channels: z.array(z.enum(['in_app', 'email'])).min(1).default(['in_app']), message: z.string().max(500).optional() }),
  ])
  .meta({ id: 'RuleAction' });
export type RuleAction = z.infer<typeof RuleAction>;

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

/** `stopped`: Adloop switched the rule off (oscillation, or its objects are gone); `stopReason` says why. */
export const RuleStatus = z.enum(['enabled', 'disabled', 'stopped']);

export const RuleRunSummary = z
  .object({
    id: z.uuid(),
    ruleId: z.uuid(),
    trigger: z.enum(['schedule', 'manual']),
    startedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
    /** `skipped`: nothing evaluated (stale data, kill switch, outside active hours); `message` says why. */
    outcome: z.enum(['ok', 'skipped', 'failed', 'running']),
    message: z.string().nullable(),
    examined: z.number().int(),
    matched: z.number().int(),
    acted: z.number().int(),
    proposed: z.number().int(),
    notified: z.number().int(),
    skipped: z.number().int(),
    /** The oldest sync time of the numbers it read. */
    dataAsOf: Timestamp.nullable(),
  })
  .meta({ id: 'RuleRunSummary' });
export type RuleRunSummary = z.infer<typeof RuleRunSummary>;

export const Rule = z
  .object({
    id: z.uuid(),
    name: z.string(),
    mode: RuleMode,
    status: RuleStatus,
    stopReason: z.string().nullable(),
    definition: RuleDefinition,
    /** The rule in one plain sentence. */
    sentence: z.string(),
    templateId: z.string().nullable(),
    version: z.number().int(),
    createdBy: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    lastRun: RuleRunSummary.nullable(),
    /** Changes made or proposed by the rule since the start of today (UTC). */
    actionsToday: z.number().int(),
    /** Failed runs in the last 24 hours. */
    errors24h: z.number().int(),
    /** Other rules of the organisation that can act on the same objects in the opposite direction. */
    conflicts: z.array(z.lazy(() => RuleConflict)),
  })
  .meta({ id: 'Rule' });
export type Rule = z.infer<typeof Rule>;

/** Two rules that can act on the same object in opposite directions (pause vs enable, raise vs lower). */
export const RuleConflict = z
  .object({
    ruleId: z.uuid(),
    ruleName: z.string(),
    /** e.g. "pause vs enable". */
    kind: z.string(),
    /** Plain words: which objects both can reach and why they would fight. */
    explanation: z.string(),
    /** Objects both rules' scopes reach today (up to 20), and how many in all. */
    overlap: z.array(z.object({ level: EntityLevel, id: z.uuid(), name: z.string() })),
    overlapCount: z.number().int(),
  })
  .meta({ id: 'RuleConflict' });
export type RuleConflict = z.infer<typeof RuleConflict>;

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

export const RulePage = page(Rule);
export const RuleRunPage = page(RuleRunSummary);

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

export const RuleTemplate = z
  .object({ id: z.string(), name: z.string(), description: z.string(), body: RuleBody, sentence: z.string() })
  .meta({ id: 'RuleTemplate' });
export type RuleTemplate = z.infer<typeof RuleTemplate>;

export const RuleParams = z.strictObject({ orgId: z.uuid(), ruleId: z.uuid() });
export const RuleRunParams = z.strictObject({ orgId: z.uuid(), ruleId: z.uuid(), runId: z.uuid() });
