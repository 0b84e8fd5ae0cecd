import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { ruleJobs, type Db } from '@adloop/db';

export type RuleJobRow = typeof ruleJobs.$inferSelect;

/** Jobs are kept a week: enough to come back to a result, not a history. */
const KEEP_MS = 7 * 86_400_000;

/** A new queued job (and the organisation's jobs older than a week gone). */
export async function insertRuleJob(
  db: Db,
  orgId: string,
  job: { kind: RuleJobRow['kind']; ruleId: string | null; request: unknown; accountIds: readonly string[] | null; requestedById: string | null; now: Date },
): Promise<RuleJobRow> {
  await db.delete(ruleJobs).where(and(eq(ruleJobs.orgId, orgId), lt(ruleJobs.createdAt, new Date(job.now.getTime() - KEEP_MS))));
  const [row] = await db
    .insert(ruleJobs)
    .values({ orgId, kind: job.kind, ruleId: job.ruleId, state: 'queued', request: job.request, accountIds: job.accountIds, requestedById: job.requestedById, createdAt: job.now })
    .returning();
  return row!;
}

export async function findRuleJob(db: Db, orgId: string, jobId: string): Promise<RuleJobRow | null> {
  const [row] = await db.select().from(ruleJobs).where(and(eq(ruleJobs.orgId, orgId), eq(ruleJobs.id, jobId)));
  return row ?? null;
}

/** Marks a queued job running; false when it is not queued any more (a second delivery of the same job). */
export async function startRuleJob(db: Db, orgId: string, jobId: string, now: Date): Promise<boolean> {
  const started = await db
    .update(ruleJobs)
    .set({ state: 'running', startedAt: now, progress: 0 })
    .where(and(eq(ruleJobs.orgId, orgId), eq(ruleJobs.id, jobId), eq(ruleJobs.state, 'queued')))
    .returning({ id: ruleJobs.id });
  return started.length > 0;
}

export async function setRuleJobProgress(db: Db, orgId: string, jobId: string, progress: number): Promise<void> {
  await db.update(ruleJobs).set({ progress: sql`greatest(${ruleJobs.progress}, ${progress})` }).where(and(eq(ruleJobs.orgId, orgId), eq(ruleJobs.id, jobId), eq(ruleJobs.state, 'running')));
}

/** Ends a running (or lost) job with its result or error. */
export async function finishRuleJob(db: Db, orgId: string, jobId: string, end: { result: unknown } | { error: string }, now: Date): Promise<void> {
  const set = 'error' in end ? { state: 'failed' as const, error: end.error, finishedAt: now } : { state: 'done' as const, result: end.result, progress: 1, finishedAt: now };
  await db.update(ruleJobs).set(set).where(and(eq(ruleJobs.orgId, orgId), eq(ruleJobs.id, jobId), inArray(ruleJobs.state, ['queued', 'running'])));
}
