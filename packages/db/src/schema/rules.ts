import { doublePrecision, index, integer, json, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './orgs.ts';
import { adAccounts } from './connections.ts';

export const RULE_MODES = ['notify', 'propose', 'automatic'] as const;
/** `stopped`: Adloop switched the rule off (oscillation caught, objects gone); `stop_reason` says why. */
export const RULE_STATUSES = ['enabled', 'disabled', 'stopped'] as const;
export const RULE_RUN_TRIGGERS = ['schedule', 'manual'] as const;
export const RULE_RUN_OUTCOMES = ['running', 'ok', 'skipped', 'failed'] as const;
export const RULE_ENTITY_OUTCOMES = ['acted', 'proposed', 'notified', 'no_match', 'skipped', 'failed'] as const;
export const RULE_JOB_KINDS = ['backtest', 'run'] as const;
export const RULE_JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;

/**
 * An automation rule: scope → conditions → actions → limits (`definition`, the contracts'
 * `RuleDefinition`), run by the scheduler when `next_run_at` comes, through the change pipeline.
 */
export const rules = pgTable(
  'rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mode: text('mode', { enum: RULE_MODES }).notNull(),
    status: text('status', { enum: RULE_STATUSES }).notNull(),
    stopReason: text('stop_reason'),
    definition: jsonb('definition').notNull(),
    templateId: text('template_id'),
    /** Bumped on every edit: a PATCH names the version it read (compare-and-set). */
    version: integer('version').notNull().default(1),
    createdById: text('created_by_id'),
    createdByLabel: text('created_by_label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the scheduler next runs it (null while disabled or stopped). */
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  },
  (t) => [index('rules_org_idx').on(t.orgId, t.createdAt), index('rules_due_idx').on(t.status, t.nextRunAt)],
);

/** One evaluation of a rule: counts and why it skipped or failed. */
export const ruleRuns = pgTable(
  'rule_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id').notNull().references(() => rules.id, { onDelete: 'cascade' }),
    ruleVersion: integer('rule_version').notNull(),
    trigger: text('trigger', { enum: RULE_RUN_TRIGGERS }).notNull(),
    outcome: text('outcome', { enum: RULE_RUN_OUTCOMES }).notNull(),
    message: text('message'),
    examined: integer('examined').notNull().default(0),
    matched: integer('matched').notNull().default(0),
    acted: integer('acted').notNull().default(0),
    proposed: integer('proposed').notNull().default(0),
    notified: integer('notified').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    dataAsOf: timestamp('data_as_of', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('rule_runs_rule_idx').on(t.ruleId, t.startedAt), index('rule_runs_org_idx').on(t.orgId, t.startedAt)],
);

/** What one run saw and did for one object: values, conditions held, outcome and the changes made. */
export const ruleRunEntities = pgTable(
  'rule_run_entities',
  {
    runId: uuid('run_id').notNull().references(() => ruleRuns.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id').notNull(),
    entityLevel: text('entity_level').notNull(),
    entityId: uuid('entity_id').notNull(),
    entityName: text('entity_name').notNull(),
    platform: text('platform').notNull(),
    adAccountId: uuid('ad_account_id').notNull().references(() => adAccounts.id, { onDelete: 'cascade' }),
    outcome: text('outcome', { enum: RULE_ENTITY_OUTCOMES }).notNull(),
    skipReason: text('skip_reason'),
    explanation: text('explanation').notNull(),
    values: jsonb('values').notNull(),
    conditions: jsonb('conditions').notNull(),
    actions: jsonb('actions').notNull(),
    changeIds: jsonb('change_ids').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.entityLevel, t.entityId] }), index('rule_run_entities_rule_entity_idx').on(t.ruleId, t.entityId, t.createdAt)],
);

/**
 * The objects one run examined that did not match its conditions, packed into one row per run (a tick
 * examines tens of thousands and matches a few %): ids, names, accounts, explanations, values and
 * condition verdicts, repeated strings stored once (apps/server/src/modules/rules/unmatched.ts). The
 * objects that matched, were skipped or failed keep a `rule_run_entities` row each.
 */
export const ruleRunUnmatched = pgTable(
  'rule_run_unmatched',
  {
    runId: uuid('run_id')
      .primaryKey()
      .references(() => ruleRuns.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id').notNull(),
    entityLevel: text('entity_level').notNull(),
    /** Read whole, never queried inside: plain JSON, stored uncompressed (writing it is what a tick pays for). */
    objects: json('objects').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rule_run_unmatched_org_idx').on(t.orgId, t.createdAt)],
);

/**
 * A backtest or a "run now" done in the background: asked for by a request (202), then its state and
 * progress (0–1) as the job works, and its result (a `BacktestResult`, or the run's summary) or why it
 * failed. `account_ids` are the accounts the asker could see (null: all); only someone who sees them
 * reads the result. Kept a week.
 */
export const ruleJobs = pgTable(
  'rule_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** The rule run, or the saved rule backtested (null for a draft). */
    ruleId: uuid('rule_id').references(() => rules.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: RULE_JOB_KINDS }).notNull(),
    state: text('state', { enum: RULE_JOB_STATES }).notNull(),
    progress: doublePrecision('progress').notNull().default(0),
    /** The backtest asked for: `{ definition, days }` (nothing for a run). */
    request: jsonb('request').notNull(),
    accountIds: jsonb('account_ids'),
    result: jsonb('result'),
    error: text('error'),
    requestedById: text('requested_by_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('rule_jobs_org_idx').on(t.orgId, t.createdAt)],
);
