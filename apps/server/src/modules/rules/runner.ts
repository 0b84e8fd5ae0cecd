import { evaluateRule, type EntityDecision, type EntityFacts, type EvaluationContext, type PlannedAction, type RuleDecision } from '@adloop/engine';
import type { RuleDefinition } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { findEntityRows, loadChangeSettings, openChangeBatch, type ChangeActor, type ChangeBatch, type ChangeIntent, type EntityTarget, type SubmissionOutcome } from '../changes/index.ts';
import type { EntityRow } from '../changes/entity-targets.ts';
import { platformRulesOf } from '../changes/platform-rules.ts';
import { latestFactors } from '../metrics/fx.service.ts';
import { loadFacts } from './facts/index.ts';
import { loadMemorySource, memoryOf, OSCILLATION_HOURS, rememberChanges, type MemorySource } from './memory.ts';
import { notifyRuleMatches, notifyRuleStopped, type RuleMatchNotice } from './rules.notify.ts';
import { definitionOf } from './rules.present.ts';
import { addLabel, finishRun, insertRun, insertRunEntities, orgZoneAndCurrency, updateRule, type NewRuleRunEntityRow, type RuleRow, type RuleRunRow } from './rules.repository.ts';
import { RESUME_PAUSED } from './rules.jobs.ts';

export type RunEntityRecord = Omit<NewRuleRunEntityRow, 'orgId'>;

/** A batch's run records, written together once its rules have run (`writeRunRecords`). */
export interface RunRecords {
  /** The finished runs. */
  runs: RuleRunRow[];
  /** The tick's changes, written together after the runs (when the scheduler batches them). */
  changes?: ChangeBatch | undefined;
  /** With `changes`: the ends of `pause_until` to schedule once they are written. */
  resumes?: ResumeJob[] | undefined;
  /** Every object the runs examined. */
  entities: RunEntityRecord[];
  /** The rules that ran through (their last run time moves to the batch's time). */
  ran: string[];
  /** What the runs' notify actions tell the approvers, told together once the runs are written. */
  notices?: RuleMatchNotice[] | undefined;
  /** Ad groups and ads read for the batch's changes, by id (null: gone), kept for its later rules. */
  entityRows?: Map<string, EntityRow | null> | undefined;
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
  /** The tick's batch of changes (written by the scheduler once every rule has run); absent: the run writes its own. */
  changes?: ChangeBatch | undefined;
  /** With `changes`: the ends of `pause_until` to schedule once the batch is written. */
  resumes?: ResumeJob[] | undefined;
  /** The batch's ad groups and ads read so far (`RunRecords.entityRows`). */
  entityRows?: Map<string, EntityRow | null> | undefined;
}

/** The enable that ends a `pause_until`, scheduled for its time. */
export interface ResumeJob {
  orgId: string;
  ruleId: string;
  changeId: string;
  at: Date;
}

export async function enqueueResume(ctx: AppContext, job: ResumeJob): Promise<void> {
  await ctx.jobs.enqueue(RESUME_PAUSED, { orgId: job.orgId, ruleId: job.ruleId, changeId: job.changeId }, { startAfter: job.at, singletonKey: `rule-resume:${job.changeId}` });
}

/** An object whose change could not be written. */
export const NOT_RECORDED = 'The change could not be recorded (an internal error); the next run tries again.';

/** One object's decision on its way through the change pipeline. */
interface Pending {
  facts: EntityFacts;
  decision: EntityDecision;
  /** Its platform changes (none: labels only); null when the object is gone from Adloop. */
  intents: ChangeIntent[] | null;
  idempotencyKey: string;
}

const baseOf = (decision: EntityDecision) => ({ skipReason: decision.skipReason, explanation: decision.explanation, actions: decision.actions, changeIds: [] as string[] });

/** A decision that sends nothing (no match, skipped, notify, or the kill switch): its result; null when it acts or proposes. */
function settledResult(state: RunState, decision: EntityDecision): EntityResult | null {
  const base = baseOf(decision);
  if (decision.outcome === 'no_match') return { ...base, outcome: 'no_match' };
  if (decision.outcome === 'skipped') return { ...base, outcome: 'skipped' };
  if (decision.outcome === 'notify') return { ...base, outcome: 'notified' };
  if (state.killSwitch) return { ...base, outcome: 'skipped', skipReason: 'kill_switch', explanation: 'The organisation’s automation is stopped (kill switch): nothing was sent.' };
  return null;
}

/** Up to this many objects a run examined are read with the first of them it changes (its later rules find them read). */
const READ_AHEAD = 2_000;

/**
 * The ad groups and ads the acting decisions change, each with its campaign's Adloop id as the numbers
 * were read with it: one query per level for those not read yet in the batch (`cache`), which also
 * reads the other objects the run examined at that level (up to READ_AHEAD): a tick's rules over the
 * same accounts then find theirs read.
 */
async function entitiesOf(ctx: AppContext, orgId: string, acting: readonly { facts: EntityFacts }[], examined: readonly EntityFacts[], cache: Map<string, EntityRow | null>): Promise<Map<string, EntityTarget>> {
  const missing = acting.filter(({ facts }) => !cache.has(facts.id)).map(({ facts }) => facts);
  if (missing.length > 0) {
    const ahead = examined.length <= READ_AHEAD ? examined.filter((e) => e.level !== 'campaign' && !cache.has(e.id)) : [];
    const wanted = [...missing, ...ahead];
    const ids = (level: 'ad_group' | 'ad') => wanted.flatMap((e) => (e.level === level ? [e.id] : []));
    const rows = await findEntityRows(ctx.db, orgId, ids('ad_group'), ids('ad'));
    for (const e of wanted) cache.set(e.id, rows.get(e.id) ?? null);
  }
  const out = new Map<string, EntityTarget>();
  for (const { facts } of acting) {
    const row = cache.get(facts.id);
    if (row && row.level === facts.level && facts.campaignId) out.set(facts.id, { ...row, campaignId: facts.campaignId });
  }
  return out;
}

/**
 * Carries out a run's decisions: the platform changes of every acting object go through the change
 * pipeline as the rule, one submission per object with its own key, into a batch of changes (the
 * tick's, written once all its rules have run, or the run's own, written here); a guardrail refusal
 * makes that object `skipped`: guardrail, with its words. Labels are set on the object in Adloop, and
 * a `pause_until` schedules the enable that ends it (once the change is written). One result per decision.
 */
async function carryOut(state: RunState, decisions: readonly { facts: EntityFacts; decision: EntityDecision }[]): Promise<EntityResult[]> {
  const { ctx, rule, runId } = state;
  const results: (EntityResult | null)[] = decisions.map(({ decision }) => settledResult(state, decision));
  const acting = decisions.flatMap((d, i) => (results[i] === null ? [{ ...d, index: i }] : []));
  if (acting.length === 0) return results as EntityResult[];
  const below = acting.filter(({ facts }) => facts.level !== 'campaign');
  // A run on its own reads only what it changes; a tick's runs read ahead for the rules after them.
  const examined = state.entityRows ? decisions.map((d) => d.facts) : [];
  const entities = below.length > 0 ? await entitiesOf(ctx, rule.orgId, below, examined, state.entityRows ?? new Map()) : new Map<string, EntityTarget>();
  const pending: (Pending & { index: number })[] = acting.map(({ facts, decision, index }) => {
    const entity = facts.level === 'campaign' ? undefined : entities.get(facts.id);
    const gone = facts.level !== 'campaign' && !entity;
    const campaignId = entity?.campaignId ?? facts.campaignId;
    const intents = gone ? null : decision.planned.map((p) => intentOf(p, campaignId, entity)).filter((i): i is ChangeIntent => i !== null);
    return { facts, decision, intents, idempotencyKey: `rule:${runId}:${facts.id}`, index };
  });
  const sending = pending.filter((p) => p.intents !== null && p.intents.length > 0);
  let outcomes: SubmissionOutcome[] | Error = [];
  const batch = state.changes ?? (sending.length > 0 ? await openChangeBatch(ctx, rule.orgId) : null);
  try {
    if (batch && sending.length > 0) {
      // The keys name this run, started just now: no earlier change can hold them (a race still inserts nothing twice).
      await batch.prepare(sending.flatMap((p) => p.intents!.map((i) => i.campaignId)));
      outcomes = sending.map((p) =>
        batch.add({
          actor: ruleActor(rule),
          intents: p.intents!,
          options: {
            ruleMode: p.decision.outcome === 'act' ? 'auto' : 'approve',
            reason: p.decision.explanation,
            evidence: { ruleId: rule.id, runId, values: p.decision.values, conditions: p.decision.conditions },
            idempotencyKey: p.idempotencyKey,
          },
        }),
      );
      // A run on its own writes its changes now; a tick's runs are written together by the scheduler.
      if (!state.changes) await batch.commit();
    }
  } catch (error) {
    ctx.logger.error({ err: error, ruleId: rule.id, runId }, 'rule actions failed');
    outcomes = error instanceof Error ? error : new Error(String(error));
  }
  const sent = new Map(sending.map((p, i) => [p.index, i]));
  for (const p of pending) {
    const base = baseOf(p.decision);
    if (p.intents === null) {
      results[p.index] = { ...base, outcome: 'failed', explanation: 'The object is gone from Adloop since its numbers were read.' };
      continue;
    }
    let changeIds: string[] = [];
    let proposed = p.decision.outcome !== 'act';
    const at = sent.get(p.index);
    if (at !== undefined) {
      if (outcomes instanceof Error) {
        results[p.index] = { ...base, outcome: 'failed', explanation: NOT_RECORDED };
        continue;
      }
      const outcome = outcomes[at]!;
      if (outcome.error) {
        results[p.index] =
          outcome.error.code === 'guardrail_refused'
            ? { ...base, outcome: 'skipped', skipReason: 'guardrail', explanation: `A guardrail refused it: ${outcome.error.message}` }
            : { ...base, outcome: 'failed', explanation: `The change was refused: ${outcome.error.message}` };
        continue;
      }
      const created = outcome.changes;
      rememberChanges(state.memory, created, p.idempotencyKey);
      changeIds = created.map((c) => c.id);
      proposed = created.some((c) => c.state === 'proposed');
      for (const planned of p.decision.planned) {
        if (planned.kind !== 'status' || planned.action !== 'pause' || !planned.resumeAt) continue;
        const pause = created.find((c) => c.field === 'status');
        if (!pause) continue;
        const resume: ResumeJob = { orgId: rule.orgId, ruleId: rule.id, changeId: pause.id, at: new Date(planned.resumeAt) };
        if (state.resumes) state.resumes.push(resume);
        else await enqueueResume(ctx, resume);
      }
    }
    // Labels are Adloop's own (nothing changes on the platform): set in either mode.
    for (const planned of p.decision.planned) if (planned.kind === 'label') await addLabel(ctx.db, rule.orgId, p.facts.level, p.facts.id, planned.label);
    results[p.index] = { ...base, outcome: proposed && changeIds.length > 0 ? 'proposed' : 'acted', changeIds };
  }
  return results as EntityResult[];
}

/** A run's counts out of the objects it examined. */
export function countsOf(rows: readonly Pick<RunEntityRecord, 'outcome' | 'conditions'>[]): Pick<RuleRunRow, 'examined' | 'matched' | 'acted' | 'proposed' | 'notified' | 'skipped'> {
  const count = (o: Outcome) => rows.filter((r) => r.outcome === o).length;
  return {
    examined: rows.length,
    matched: rows.filter((r) => matchedRule(r.outcome, r.conditions)).length,
    acted: count('acted'),
    proposed: count('proposed'),
    notified: count('notified'),
    skipped: count('skipped'),
  };
}

/**
 * Whether an examined object matched the rule's conditions, whatever became of it: anything but no
 * match, and but an object skipped before its conditions were looked at (none recorded). The one
 * definition of "matched" for runs, their history and dry runs.
 */
export function matchedRule(outcome: string, conditions: unknown): boolean {
  return outcome !== 'no_match' && !(outcome === 'skipped' && Array.isArray(conditions) && conditions.length === 0);
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
  /** The rule's definition parsed ahead (a batch parses each rule's once for its reads and its run); parsed here when absent. */
  definition?: RuleDefinition;
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
  const def: RuleDefinition = options.definition ?? definitionOf(rule);
  const { records } = options;
  const run = options.run ?? (await insertRun(ctx.db, rule.orgId, { ruleId: rule.id, ruleVersion: rule.version, trigger, outcome: 'running', startedAt: now }));
  try {
    const { killSwitch, org, factors } = options.org ?? (await loadOrgRunContext(ctx, rule.orgId, now));
    const toOrgMicros = (currency: string, micros: number) => Math.round(micros * (factors[currency] ?? 1));
    const [source, facts] = await Promise.all([
      options.memory ? Promise.resolve(options.memory) : loadMemorySource(ctx.db, rule.orgId, [{ id: rule.id, definition: def }], now),
      options.facts ? Promise.resolve(options.facts) : loadFacts(ctx, rule.orgId, def, now),
    ]);
    // The memory of the objects examined: a tick's source holds every rule's changes, looked up by object.
    const memory = memoryOf(source, rule.id, def, now, toOrgMicros, facts.entities.map((e) => e.id));
    const decision: RuleDecision = evaluateRule(def, facts.entities, memory, {
      now,
      mode: rule.mode,
      killSwitch,
      orgCurrency: org.currency,
      budgetStep: budgetStepOf(ctx),
      oscillationHours: OSCILLATION_HOURS,
    });
    const byId = new Map(facts.entities.map((e) => [e.id, e]));
    if (records) records.entityRows ??= new Map();
    const state: RunState = { ctx, rule, runId: run.id, killSwitch, memory: source, changes: records?.changes, resumes: records?.resumes, entityRows: records?.entityRows };
    const examined = decision.entities.flatMap((d) => {
      const f = byId.get(d.id);
      return f ? [{ facts: f, decision: d }] : [];
    });
    // A run skipped as a whole (its limits, the kill switch) sends nothing: its matches are recorded as skipped.
    const wholeRunSkipped = (d: EntityDecision) => decision.skipped && d.outcome !== 'no_match' && d.outcome !== 'skipped';
    const carried = await carryOut(state, examined.filter(({ decision: d }) => !wholeRunSkipped(d)));
    const rows: RunEntityRecord[] = [];
    const notified: { facts: EntityFacts; decision: EntityDecision }[] = [];
    let next = 0;
    for (const { facts: f, decision: d } of examined) {
      const result = wholeRunSkipped(d) ? { outcome: 'skipped' as const, skipReason: d.skipReason ?? 'skipped', explanation: d.explanation, actions: d.actions, changeIds: [] } : carried[next++]!;
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
    if (notified.length > 0 && !killSwitch) {
      // A tick's runs tell the approvers together once their records are written.
      if (records) (records.notices ??= []).push({ rule, runId: run.id, matched: notified });
      else await notifyRuleMatches(ctx, rule, run.id, notified);
    }
    let message = decision.skipped;
    if (decision.oscillation) {
      const reason = `Stopped: ${decision.oscillation.explanation}`;
      await updateRule(ctx.db, rule.orgId, rule.id, { status: 'stopped', stopReason: reason, nextRunAt: null, updatedAt: now }, true);
      await notifyRuleStopped(ctx, rule, reason, now);
      message = message ? `${message} ${reason}` : reason;
    }
    const finished = await finish(ctx, rule, run, {
      outcome: decision.skipped ? 'skipped' : 'ok',
      message,
      ...countsOf(rows),
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
