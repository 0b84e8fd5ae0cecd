import { BacktestBody, BacktestResult, RuleRunSummary, type RuleDefinition, type RuleJob } from '@adloop/contracts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { OrgAccess } from '../../auth/auth.guard.ts';
import { checkDefinition, requireRule } from '../rules.service.ts';
import { runNow } from '../runs.service.ts';
import { backtestRule } from './index.ts';
import { finishRuleJob, findRuleJob, insertRuleJob, setRuleJobProgress, startRuleJob, type RuleJobRow } from './rule-jobs.repository.ts';
import { LOST_AFTER_MS, RULE_BACKTEST, RULE_RUN_NOW } from './rule-jobs.jobs.ts';
import { announceRules } from '../rules.live.ts';

type Asker = Pick<OrgAccess, 'orgId' | 'accountIds' | 'actor'>;

const askerId = (access: Asker): string | null => (access.actor.kind === 'user' ? access.actor.userId : null);

/**
 * Queues a backtest of `body.definition` over the asker's accounts (a definition the engine refuses
 * is a 400 here, before anything is queued); the job replays it and writes progress and result.
 */
export async function requestBacktest(ctx: AppContext, access: Asker, body: { definition: RuleDefinition; days: number }): Promise<RuleJob> {
  const now = ctx.clock.now();
  checkDefinition(body.definition, now);
  const row = await ctx.db.transaction(async (tx) => {
    const job = await insertRuleJob(tx, access.orgId, { kind: 'backtest', ruleId: null, request: { definition: body.definition, days: body.days }, accountIds: access.accountIds, requestedById: askerId(access), now });
    await ctx.jobs.enqueue(RULE_BACKTEST, { orgId: access.orgId, jobId: job.id }, { db: tx });
    return job;
  });
  return present(row, now);
}

/** Queues "run now" of a saved rule (404 for a rule not in the organisation). */
export async function requestRunNow(ctx: AppContext, access: Asker, ruleId: string): Promise<RuleJob> {
  await requireRule(ctx, access.orgId, ruleId);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const job = await insertRuleJob(tx, access.orgId, { kind: 'run', ruleId, request: {}, accountIds: null, requestedById: askerId(access), now });
    await ctx.jobs.enqueue(RULE_RUN_NOW, { orgId: access.orgId, jobId: job.id, ruleId }, { db: tx });
    return job;
  });
  return present(row, now);
}

/**
 * A job's state, progress and result. A backtest reads the accounts its asker could see: someone who
 * does not see all of them gets a 404, as for a job that does not exist.
 */
export async function getRuleJob(ctx: AppContext, access: Pick<OrgAccess, 'orgId' | 'accountIds'>, jobId: string): Promise<RuleJob> {
  const row = await findRuleJob(ctx.db, access.orgId, jobId);
  if (!row || !seesAll(access.accountIds, row.accountIds)) throw notFound('Rule job');
  const now = ctx.clock.now();
  if ((row.state === 'queued' || row.state === 'running') && now.getTime() - (row.startedAt ?? row.createdAt).getTime() > LOST_AFTER_MS) {
    await finishRuleJob(ctx.db, access.orgId, jobId, { error: 'It stopped before finishing (the server restarted or it ran too long): ask again.' }, now);
    return present((await findRuleJob(ctx.db, access.orgId, jobId))!, now);
  }
  return present(row, now);
}

function seesAll(mine: readonly string[] | null, asked: unknown): boolean {
  if (mine === null) return true;
  if (!Array.isArray(asked)) return false;
  return asked.every((id) => mine.includes(id as string));
}

/** Progress is written at most this often (each write a statement; the bar needs no more). */
const PROGRESS_EVERY_MS = 400;

/** The backtest job: replays the rule as asked, at the moment it was asked for, writing progress as it goes. */
export async function runBacktestJob(ctx: AppContext, orgId: string, jobId: string): Promise<void> {
  if (!(await startRuleJob(ctx.db, orgId, jobId, ctx.clock.now()))) return;
  const row = await findRuleJob(ctx.db, orgId, jobId);
  if (!row) return;
  try {
    const request = BacktestBody.parse(row.request);
    const accountIds = Array.isArray(row.accountIds) ? row.accountIds.map(String) : null;
    let written = Date.now();
    const result = await backtestRule(ctx, orgId, request.definition, request.days, row.createdAt, accountIds, undefined, async (done, total) => {
      if (Date.now() - written < PROGRESS_EVERY_MS || total === 0) return;
      written = Date.now();
      await setRuleJobProgress(ctx.db, orgId, jobId, Math.min(0.99, done / total));
    });
    await finishRuleJob(ctx.db, orgId, jobId, { result }, ctx.clock.now());
  } catch (error) {
    ctx.logger.error({ err: error, orgId, jobId }, 'rule backtest failed');
    await finishRuleJob(ctx.db, orgId, jobId, { error: failureWords('The backtest', error) }, ctx.clock.now());
  }
}

/** The run-now job: the rule run as the scheduler would, through the change pipeline. */
export async function runRunNowJob(ctx: AppContext, orgId: string, jobId: string, ruleId: string): Promise<void> {
  if (!(await startRuleJob(ctx.db, orgId, jobId, ctx.clock.now()))) return;
  try {
    const run = await runNow(ctx, orgId, ruleId);
    await finishRuleJob(ctx.db, orgId, jobId, { result: run }, ctx.clock.now());
  } catch (error) {
    ctx.logger.error({ err: error, orgId, jobId, ruleId }, 'rule run-now failed');
    await finishRuleJob(ctx.db, orgId, jobId, { error: failureWords('The run', error) }, ctx.clock.now());
  }
  // The run is written (or failed): open rule pages read the list and the history again.
  await announceRules(ctx, orgId, [ruleId]);
}

/** An expected failure (a rule gone, a definition refused) in its own words; anything else without internals. */
const failureWords = (what: string, error: unknown): string =>
  error instanceof AppError ? `${what} failed: ${error.message}` : `${what} stopped on an unexpected error; it has been logged. Try again, or with fewer days.`;

function present(row: RuleJobRow, now: Date): RuleJob {
  const backtest = row.kind === 'backtest' && row.state === 'done' ? BacktestResult.safeParse(row.result) : null;
  const run = row.kind === 'run' && row.state === 'done' ? RuleRunSummary.safeParse(row.result) : null;
  return {
    id: row.id,
    kind: row.kind,
    ruleId: row.ruleId,
    state: row.state,
    progress: Math.max(0, Math.min(1, row.progress)),
    progressText: progressWords(row, now),
    backtest: backtest?.success ? backtest.data : null,
    run: run?.success ? run.data : null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

function progressWords(row: RuleJobRow, now: Date): string | null {
  const days = row.kind === 'backtest' && typeof row.request === 'object' && row.request !== null && 'days' in row.request ? Number(row.request.days) : null;
  switch (row.state) {
    case 'queued':
      return now.getTime() - row.createdAt.getTime() > 10_000 ? 'Waiting for a free worker…' : 'Starting…';
    case 'running':
      return row.kind === 'run' ? 'Running the rule…' : `Replaying ${days ?? ''} days: ${Math.floor(row.progress * 100)} % done`.replace('  ', ' ');
    case 'done':
      return null;
    case 'failed':
      return null;
  }
}
