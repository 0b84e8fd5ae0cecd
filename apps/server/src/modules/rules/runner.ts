import { evaluateRule, type EntityDecision, type EntityFacts, type EvaluationContext, type PlannedAction, type RuleDecision } from '@adloop/engine';
import type { RuleDefinition } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findEntity, loadChangeSettings, submitChanges, type ChangeActor, type ChangeIntent } from '../changes/index.ts';
import { platformRulesOf } from '../changes/platform-rules.ts';
import { latestFactors } from '../metrics/fx.service.ts';
import { loadFacts } from './facts/index.ts';
import { loadMemorySource, memoryOf, OSCILLATION_HOURS, rememberChanges, type MemorySource } from './memory.ts';
import { notifyRuleMatches, notifyRuleStopped } from './rules.notify.ts';
import { definitionOf } from './rules.present.ts';
import { addLabel, finishRun, insertRun, insertRunEntities, orgZoneAndCurrency, updateRule, type NewRuleRunEntityRow, type RuleRow, type RuleRunRow } from './rules.repository.ts';
import { RESUME_PAUSED } from './rules.jobs.ts';

export type RunEntityRecord = Omit<NewRuleRunEntityRow, 'orgId'>;

/** A batch's run records, written together once its rules have run (`writeRunRecords`). */
export interface RunRecords {
  /** The finished runs. */
  runs: RuleRunRow[];
  /** Every object the runs examined. */
  entities: RunEntityRecord[];
  /** The rules that ran through (their last run time moves to the batch's time). */
  ran: string[];
}

/** The rule as the change pipeline's actor. */
export const ruleActor = (rule: Pick<RuleRow, 'id' | 'name'>): ChangeActor => ({ type: 'rule', id: rule.id, label: `Rule “${rule.name}”` });

type Outcome = NewRuleRunEntityRow['outcome'];
interface EntityResult {
  outcome: Outcome;
  skipReason: string | null;
  explanation: string;
  actions: string[];
  changeIds: string[];
}

/** The platform's budget minimum and step for the engine (budgets are rounded onto them). */
export function budgetStepOf(ctx: AppContext): EvaluationContext['budgetStep'] {
  return (platform, currency) => {
    if (!ctx.platforms.registry.has(platform)) return { minMicros: 0, stepMicros: 10_000 };
    const rules = platformRulesOf(ctx.platforms.registry.get(platform), currency);
    return { minMicros: rules.minDailyBudgetMicros, stepMicros: rules.budgetStepMicros };
  };
}

/** One planned change as the pipeline's intent (expected = what the rule saw: compare-and-set). */
function intentOf(planned: PlannedAction, campaignId: string, entity: ChangeIntent['entity']): ChangeIntent | null {
  switch (planned.kind) {
    case 'status':
      return { campaignId, entity, action: planned.action, expected: { status: planned.from } };
    case 'budget':
      return planned.field === 'daily_budget'
        ? { campaignId, entity, action: 'set_daily_budget', amountMicros: planned.toMicros, expected: { dailyBudgetMicros: planned.fromMicros } }
        : { campaignId, entity, action: 'set_lifetime_budget', amountMicros: planned.toMicros, expected: { lifetimeBudgetMicros: planned.fromMicros } };
    case 'bid':
      return { campaignId, entity, action: 'set_bid', amountMicros: planned.toMicros, expected: { bidMicros: planned.fromMicros } };
    case 'rename':
      return { campaignId, entity, action: 'rename', name: planned.to, expected: { name: planned.from } };
    default:
      return null;
  }
}

interface RunState {
  ctx: AppContext;
  rule: RuleRow;
  runId: string;
  killSwitch: boolean;
  /** The memory shared with the other rules of the batch: this run's changes are added to it. */
  memory: MemorySource;
}

/**
 * Carries out one object's decision: the platform changes go through `submitChanges` as the rule
 * (one call per object; a guardrail refusal makes the object `skipped`: guardrail, with its words),
 * labels are set on the object in Adloop, notifications are gathered for one message per run, and a
 * `pause_until` schedules the enable that ends it.
 */
async function carryOut(state: RunState, facts: EntityFacts, decision: EntityDecision): Promise<EntityResult> {
  const { ctx, rule, runId } = state;
  const base = { skipReason: decision.skipReason, explanation: decision.explanation, actions: decision.actions, changeIds: [] as string[] };
  if (decision.outcome === 'no_match') return { ...base, outcome: 'no_match' };
  if (decision.outcome === 'skipped') return { ...base, outcome: 'skipped' };
  if (decision.outcome === 'notify') return { ...base, outcome: 'notified' };
  if (state.killSwitch) return { ...base, outcome: 'skipped', skipReason: 'kill_switch', explanation: 'The organisation’s automation is stopped (kill switch): nothing was sent.' };

  const entity = facts.level === 'campaign' ? undefined : await findEntity(ctx.db, rule.orgId, facts.level, facts.id);
  if (facts.level !== 'campaign' && !entity) return { ...base, outcome: 'failed', explanation: 'The object is gone from Adloop since its numbers were read.' };
  const campaignId = entity?.campaignId ?? facts.campaignId;
  const intents = decision.planned.map((p) => intentOf(p, campaignId, entity)).filter((i): i is ChangeIntent => i !== null);
  const acting = decision.outcome === 'act';
  let changeIds: string[] = [];
  let proposed = !acting;
  if (intents.length > 0) {
    try {
      const idempotencyKey = `rule:${runId}:${facts.id}`;
      const created = await submitChanges(ctx, rule.orgId, ruleActor(rule), intents, {
        ruleMode: acting ? 'auto' : 'approve',
        reason: decision.explanation,
        evidence: { ruleId: rule.id, runId, values: decision.values, conditions: decision.conditions },
        idempotencyKey,
      });
      rememberChanges(state.memory, created, idempotencyKey);
      changeIds = created.map((c) => c.id);
      proposed = created.some((c) => c.state === 'proposed');
      for (const planned of decision.planned) {
        if (planned.kind !== 'status' || planned.action !== 'pause' || !planned.resumeAt) continue;
        const pause = created.find((c) => c.field === 'status');
        if (pause) await ctx.jobs.enqueue(RESUME_PAUSED, { orgId: rule.orgId, ruleId: rule.id, changeId: pause.id }, { startAfter: new Date(planned.resumeAt), singletonKey: `rule-resume:${pause.id}` });
      }
    } catch (error) {
      if (error instanceof AppError && error.code === 'guardrail_refused') return { ...base, outcome: 'skipped', skipReason: 'guardrail', explanation: `A guardrail refused it: ${error.message}` };
      if (error instanceof AppError) return { ...base, outcome: 'failed', explanation: `The change was refused: ${error.message}` };
      ctx.logger.error({ err: error, ruleId: rule.id, entityId: facts.id }, 'rule action failed');
      return { ...base, outcome: 'failed', explanation: 'The change could not be recorded (an internal error); the next run tries again.' };
    }
  }
  // Labels are Adloop's own (nothing changes on the platform): set in either mode.
  for (const planned of decision.planned) if (planned.kind === 'label') await addLabel(ctx.db, rule.orgId, facts.level, facts.id, planned.label);
  return { ...base, outcome: proposed && changeIds.length > 0 ? 'proposed' : 'acted', changeIds };
}

/** What every rule of one organisation reads alike for a run: the kill switch, zone and currency, exchange rates. */
export interface OrgRunContext {
  killSwitch: boolean;
  org: { timeZone: string; currency: string };
  factors: Record<string, number>;
}

export async function loadOrgRunContext(ctx: AppContext, orgId: string, now: Date): Promise<OrgRunContext> {
  const [settings, org] = await Promise.all([loadChangeSettings(ctx.db, orgId), orgZoneAndCurrency(ctx.db, orgId)]);
  const factors = await latestFactors(ctx, now.toISOString().slice(0, 10), org.currency);
  return { killSwitch: settings.automationStoppedAt !== null, org, factors };
}

export interface RunOptions {
  /** Facts loaded ahead (a scheduler tick batches them); loaded here when absent. */
  facts?: { entities: EntityFacts[]; dataAsOf: Date | null };
  /** The organisation's settings read ahead for several rules; read here when absent. */
  org?: OrgRunContext;
  /** The memory read ahead for several rules of the organisation (this one among them); read here when absent. */
  memory?: MemorySource;
  /** The run started ahead (a batch starts its runs together); started here when absent. */
  run?: RuleRunRow;
  /** Where the run's records go to be written with the batch's; written here, one run at a time, when absent. */
  records?: RunRecords;
}

type RunResult = Pick<RuleRunRow, 'outcome' | 'message' | 'finishedAt'> & Partial<Pick<RuleRunRow, 'examined' | 'matched' | 'acted' | 'proposed' | 'notified' | 'skipped' | 'dataAsOf'>>;

/** Records a run's result: into the batch's records, or straight away. */
async function finish(ctx: AppContext, rule: RuleRow, run: RuleRunRow, result: RunResult, records: RunRecords | undefined): Promise<RuleRunRow> {
  if (records) {
    const finished: RuleRunRow = { ...run, ...result };
    records.runs.push(finished);
    return finished;
  }
  return (await finishRun(ctx.db, rule.orgId, run.id, result)) ?? run;
}

/**
 * One evaluation of a rule: remembers what it did before (change pipeline), loads the numbers,
 * lets the engine decide (`evaluateRule`, the same as dry runs and backtests), carries out each
 * object's decision through the change pipeline, records the run and every object it examined
 * (values, conditions, outcome and why, the changes made), tells approvers what it matched, and stops
 * the rule when it caught itself oscillating.
 */
export async function runRule(ctx: AppContext, rule: RuleRow, trigger: 'schedule' | 'manual', now: Date, options: RunOptions = {}): Promise<RuleRunRow> {
  const def: RuleDefinition = definitionOf(rule);
  const { records } = options;
  const run = options.run ?? (await insertRun(ctx.db, rule.orgId, { ruleId: rule.id, ruleVersion: rule.version, trigger, outcome: 'running', startedAt: now }));
  try {
    const { killSwitch, org, factors } = options.org ?? (await loadOrgRunContext(ctx, rule.orgId, now));
    const toOrgMicros = (currency: string, micros: number) => Math.round(micros * (factors[currency] ?? 1));
    const [source, facts] = await Promise.all([
      options.memory ? Promise.resolve(options.memory) : loadMemorySource(ctx.db, rule.orgId, [{ id: rule.id, definition: def }], now),
      options.facts ? Promise.resolve(options.facts) : loadFacts(ctx, rule.orgId, def, now),
    ]);
    const memory = memoryOf(source, rule.id, def, now, toOrgMicros);
    const decision: RuleDecision = evaluateRule(def, facts.entities, memory, {
      now,
      mode: rule.mode,
      killSwitch,
      orgCurrency: org.currency,
      budgetStep: budgetStepOf(ctx),
      oscillationHours: OSCILLATION_HOURS,
    });
    const byId = new Map(facts.entities.map((e) => [e.id, e]));
    const state: RunState = { ctx, rule, runId: run.id, killSwitch, memory: source };
    const rows: RunEntityRecord[] = [];
    const notified: { facts: EntityFacts; decision: EntityDecision }[] = [];
    for (const d of decision.entities) {
      const f = byId.get(d.id);
      if (!f) continue;
      const result = decision.skipped && d.outcome !== 'no_match' && d.outcome !== 'skipped' ? { outcome: 'skipped' as const, skipReason: d.skipReason ?? 'skipped', explanation: d.explanation, actions: d.actions, changeIds: [] } : await carryOut(state, f, d);
      if (d.planned.some((p) => p.kind === 'notify') && result.outcome !== 'skipped' && result.outcome !== 'failed' && result.outcome !== 'no_match') notified.push({ facts: f, decision: d });
      rows.push({
        runId: run.id,
        ruleId: rule.id,
        entityLevel: d.level,
        entityId: d.id,
        entityName: d.name,
        platform: d.platform,
        adAccountId: d.adAccountId,
        outcome: result.outcome,
        skipReason: result.outcome === 'skipped' ? (result.skipReason ?? 'skipped') : null,
        explanation: result.explanation,
        values: d.values,
        conditions: d.conditions,
        actions: result.actions,
        changeIds: result.changeIds,
        createdAt: now,
      });
    }
    // A loop, not a spread: a run can examine more objects than a call takes arguments.
    if (records) for (const row of rows) records.entities.push(row);
    else await insertRunEntities(ctx.db, rule.orgId, rows);
    if (notified.length > 0 && !killSwitch) await notifyRuleMatches(ctx, rule, run.id, notified, now);
    let message = decision.skipped;
    if (decision.oscillation) {
      const reason = `Stopped: ${decision.oscillation.explanation}`;
      await updateRule(ctx.db, rule.orgId, rule.id, { status: 'stopped', stopReason: reason, nextRunAt: null, updatedAt: now }, true);
      await notifyRuleStopped(ctx, rule, reason, now);
      message = message ? `${message} ${reason}` : reason;
    }
    const count = (o: Outcome) => rows.filter((r) => r.outcome === o).length;
    const finished = await finish(ctx, rule, run, {
      outcome: decision.skipped ? 'skipped' : 'ok',
      message,
      examined: rows.length,
      matched: rows.filter((r) => r.outcome !== 'no_match' && !(r.outcome === 'skipped' && Array.isArray(r.conditions) && r.conditions.length === 0)).length,
      acted: count('acted'),
      proposed: count('proposed'),
      notified: count('notified'),
      skipped: count('skipped'),
      dataAsOf: facts.dataAsOf,
      finishedAt: ctx.clock.now(),
    }, records);
    if (records) records.ran.push(rule.id);
    else await updateRule(ctx.db, rule.orgId, rule.id, { lastRunAt: now });
    return finished;
  } catch (error) {
    ctx.logger.error({ err: error, ruleId: rule.id, runId: run.id }, 'rule run failed');
    const message = error instanceof Error ? error.message : String(error);
    return finish(ctx, rule, run, { outcome: 'failed', message: `The run failed: ${message}`, finishedAt: ctx.clock.now() }, records);
  }
}
