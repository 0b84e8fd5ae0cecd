import { nextRunAt } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { loadFactsForRules } from './facts/index.ts';
import { definitionOf } from './rules.present.ts';
import { claimDueRule, deleteRunEntitiesWithChanges, dueRules, findRules, finishRuns, insertRunEntities, insertRuns, markRulesRun, orgZoneAndCurrency } from './rules.repository.ts';
import { RUN_RULES } from './rules.jobs.ts';
import { loadMemorySource } from './memory.ts';
import { approvers, notifyRuleMatchesTogether } from './rules.notify.ts';
import { openChangeBatch } from '../changes/index.ts';
import { readOnlyIds } from '../billing/limits.keep.ts';
import { isOrgReadOnly } from '../billing/index.ts';
import { countsOf, enqueueResume, loadOrgRunContext, NOT_RECORDED, runRule, type RunEntityRecord, type RunOptions, type RunRecords } from './runner.ts';

/** Rules claimed per tick at most (the rest wait for the next tick, oldest due first). */
const TICK_LIMIT = 5_000;
/** Rules of one organisation evaluated by one job (they share one read of the numbers). */
const RULES_PER_JOB = 200;

/**
 * The `rules.tick` job (every 15 minutes): claims every enabled rule whose next run is due (moving
 * `next_run_at` on from now, compare-and-set on the time read, so two ticks never run a rule twice
 * for one due time) and queues one run job per organisation and batch. Returns the rules claimed.
 */
export async function tick(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const due = await dueRules(ctx.db, now, TICK_LIMIT);
  const zones = new Map<string, string>();
  const claimed = new Map<string, string[]>();
  for (const rule of due) {
    let zone = zones.get(rule.orgId);
    if (zone === undefined) {
      zone = (await orgZoneAndCurrency(ctx.db, rule.orgId)).timeZone;
      zones.set(rule.orgId, zone);
    }
    const next = nextRunAt(definitionOf(rule).schedule, now, zone);
    if (!rule.nextRunAt || !(await claimDueRule(ctx.db, rule.orgId, rule.id, rule.nextRunAt, next))) continue;
    const ids = claimed.get(rule.orgId);
    if (ids) ids.push(rule.id);
    else claimed.set(rule.orgId, [rule.id]);
  }
  let count = 0;
  for (const [orgId, ids] of claimed) {
    for (let i = 0; i < ids.length; i += RULES_PER_JOB) {
      await ctx.jobs.enqueue(RUN_RULES, { orgId, ruleIds: ids.slice(i, i + RULES_PER_JOB) });
    }
    count += ids.length;
  }
  return count;
}

/** Runs the given rules of one organisation now (the scheduled path): one pass over the numbers for all of them. */
export async function runRulesOfOrg(ctx: AppContext, orgId: string, ruleIds: readonly string[], now = ctx.clock.now()): Promise<number> {
  // Automation is paused while the organisation is read-only for an unpaid invoice (its admins were told);
  // rules beyond the plan's limit after a downgrade are read-only: they do not run until kept.
  const [orgReadOnly, readOnly, found] = await Promise.all([isOrgReadOnly(ctx, orgId), readOnlyIds(ctx, ctx.db, orgId, 'rules'), findRules(ctx.db, orgId, ruleIds)]);
  if (orgReadOnly) return 0;
  const rules = found.filter((r) => r.status === 'enabled' && !readOnly.has(r.id));
  if (rules.length === 0) return 0;
  const defs = rules.map((r) => ({ id: r.id, definition: definitionOf(r) }));
  // What does not depend on the numbers is read and started while PostgreSQL sums them (the pool's
  // other connections): the organisation's settings, what its rules remember, the batch's runs and changes.
  const reading = loadFactsForRules(ctx, orgId, defs, now).catch((error: unknown) => {
    // Each rule then reads its own numbers, and a rule whose read fails records its failed run.
    ctx.logger.error({ err: error, orgId }, 'reading the numbers for the due rules failed');
    return null;
  });
  const remembering = Promise.all([loadOrgRunContext(ctx, orgId, now), loadMemorySource(ctx.db, orgId, defs, now)]).catch((error: unknown) => {
    // Each rule then reads its own, and a rule whose read fails records its failed run.
    ctx.logger.error({ err: error, orgId }, 'reading the memory of the due rules failed');
    return null;
  });
  const opening = openChangeBatch(ctx, orgId).catch((error: unknown) => {
    // Each run then writes its own changes.
    ctx.logger.error({ err: error, orgId }, 'opening the batch of changes of the due rules failed');
    return undefined;
  });
  // The batch's runs start together and are written together once every rule has run.
  const starting = insertRuns(ctx.db, orgId, rules.map((r) => ({ ruleId: r.id, ruleVersion: r.version, trigger: 'schedule' as const, outcome: 'running' as const, startedAt: now })));
  const [facts, remembered, changes, startedRuns] = await Promise.all([reading, remembering, opening, starting]);
  const [org, memory] = remembered ?? [null, null];
  const started = new Map(startedRuns.map((r) => [r.ruleId, r]));
  const records: RunRecords = { runs: [], entities: [], ran: [], resumes: [], changes };
  // The campaigns of every object read: what their changes are checked against, read once for the tick.
  if (records.changes && facts) {
    const campaignIds = new Set<string>();
    for (const loaded of facts.values()) for (const e of loaded.entities) if (e.campaignId) campaignIds.add(e.campaignId);
    await records.changes.prepare([...campaignIds]).catch((error: unknown) => ctx.logger.error({ err: error, orgId }, 'reading the campaigns of the due rules failed'));
  }
  for (const [i, rule] of rules.entries()) {
    const options: RunOptions = { records, definition: defs[i]!.definition };
    const run = started.get(rule.id);
    if (run) options.run = run;
    if (facts) options.facts = facts.get(rule.id) ?? { entities: [], dataAsOf: null };
    if (org && memory) {
      options.org = org;
      options.memory = memory;
    }
    await runRule(ctx, rule, 'schedule', now, options);
  }
  // The changes and the run records are written side by side (connections of their own); when the
  // changes could not be written, the objects that sent one are recorded again as failed.
  const [committed, written] = await Promise.all([writeChanges(ctx, orgId, records), writeRunRecords(ctx, orgId, records, now)]);
  if (!committed) await recordUnwrittenChanges(ctx, orgId, records, written);
  if (records.notices?.length) {
    await approvers(ctx.db, orgId)
      .then((people) => notifyRuleMatchesTogether(ctx, orgId, records.notices ?? [], people))
      .catch((error: unknown) => ctx.logger.error({ err: error, orgId }, 'telling the approvers of the due rules failed'));
  }
  return rules.length;
}

/** Writes the tick's batch of changes, then schedules the ends of its `pause_until`s. False when the batch could not be written. */
async function writeChanges(ctx: AppContext, orgId: string, records: RunRecords): Promise<boolean> {
  if (!records.changes) return true;
  try {
    await records.changes.commit();
  } catch (error) {
    ctx.logger.error({ err: error, orgId }, 'writing the changes of the due rules failed');
    return false;
  }
  for (const resume of records.resumes ?? []) {
    await enqueueResume(ctx, resume).catch((err: unknown) => ctx.logger.error({ err, orgId, changeId: resume.changeId }, 'scheduling the end of a pause failed'));
  }
  return true;
}

/**
 * The batch of changes could not be written: the objects that sent a change are recorded as failed
 * (the next run tries again) and their runs counted again, in the run records already written.
 */
async function recordUnwrittenChanges(ctx: AppContext, orgId: string, records: RunRecords, written: ReadonlySet<string>): Promise<void> {
  const failed: RunEntityRecord[] = [];
  for (const entity of records.entities) {
    if (!Array.isArray(entity.changeIds) || entity.changeIds.length === 0) continue;
    entity.outcome = 'failed';
    entity.skipReason = null;
    entity.explanation = NOT_RECORDED;
    entity.changeIds = [];
    failed.push(entity);
  }
  const touched = new Set(failed.map((e) => e.runId));
  const runs = records.runs.filter((run) => touched.has(run.id) && written.has(run.id)).map((run) => ({ ...run, ...countsOf(records.entities.filter((e) => e.runId === run.id)) }));
  if (runs.length === 0) return;
  const ids = new Set(runs.map((run) => run.id));
  try {
    await ctx.db.transaction(async (tx) => {
      await deleteRunEntitiesWithChanges(tx, orgId, [...ids]);
      await insertRunEntities(tx, orgId, failed.filter((e) => ids.has(e.runId)));
      await finishRuns(tx, orgId, runs);
    });
  } catch (error) {
    ctx.logger.error({ err: error, orgId }, 'recording the unwritten changes of the due rules failed');
  }
}

/**
 * Writes a batch's finished runs, the objects they examined and the rules' last run time: a few
 * multi-row statements in one transaction; when that fails, each run on its own (a run whose records
 * cannot be written is recorded as failed, saying so). Returns the runs whose records were written.
 */
async function writeRunRecords(ctx: AppContext, orgId: string, records: RunRecords, now: Date): Promise<Set<string>> {
  try {
    await ctx.db.transaction(async (tx) => {
      await finishRuns(tx, orgId, records.runs);
      await insertRunEntities(tx, orgId, records.entities);
      await markRulesRun(tx, orgId, records.ran, now);
    });
    return new Set(records.runs.map((run) => run.id));
  } catch (error) {
    ctx.logger.error({ err: error, orgId }, 'writing the runs of the due rules together failed; writing them one at a time');
  }
  const ran = new Set(records.ran);
  const written = new Set<string>();
  for (const run of records.runs) {
    try {
      await ctx.db.transaction(async (tx) => {
        await finishRuns(tx, orgId, [run]);
        await insertRunEntities(tx, orgId, records.entities.filter((e) => e.runId === run.id));
        if (ran.has(run.ruleId)) await markRulesRun(tx, orgId, [run.ruleId], now);
      });
      written.add(run.id);
    } catch (error) {
      ctx.logger.error({ err: error, orgId, ruleId: run.ruleId, runId: run.id }, 'writing a rule run failed');
      const message = error instanceof Error ? error.message : String(error);
      await finishRuns(ctx.db, orgId, [{ ...run, outcome: 'failed', message: `The run's records could not be written: ${message}`, finishedAt: ctx.clock.now() }]).catch((err: unknown) => ctx.logger.error({ err, runId: run.id }, 'recording a failed rule run failed'));
    }
  }
  return written;
}
