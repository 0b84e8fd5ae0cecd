import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { auditOperator, type OperatorActor } from './operators.auth.ts';
import { discardFailedJob, listFailedJobs, queueStates, retryFailedJob } from './dead-letters.repository.ts';
import { summarisePayload, errorOf, failureRate } from './dead-letters.summary.ts';

export async function listDeadLetters(ctx: AppContext, queue: string | null) {
  const rows = await listFailedJobs(ctx.db, queue);
  return {
    items: rows.map((row) => ({
      id: row.id,
      queue: row.name,
      payloadSummary: summarisePayload(row.data),
      error: errorOf(row.output),
      attempts: Number(row.retry_count) + 1,
      failedAt: row.completed_on ? new Date(row.completed_on).toISOString() : null,
    })),
  };
}

export async function retryDeadLetter(ctx: AppContext, operator: OperatorActor, queue: string, jobId: string): Promise<void> {
  if (!(await retryFailedJob(ctx.db, queue, jobId))) throw notFound('Failed job');
  await auditOperator(ctx, operator, 'job.retried', { details: { queue, jobId } });
}

export async function discardDeadLetter(ctx: AppContext, operator: OperatorActor, queue: string, jobId: string): Promise<void> {
  if (!(await discardFailedJob(ctx.db, queue, jobId))) throw notFound('Failed job');
  await auditOperator(ctx, operator, 'job.discarded', { details: { queue, jobId } });
}

export async function queueStats(ctx: AppContext) {
  const rows = await queueStates(ctx.db, ctx.clock.now());
  return {
    items: rows.map((row) => ({
      name: row.name,
      queued: Number(row.queued),
      active: Number(row.active),
      failed: Number(row.failed),
      completedLastHour: Number(row.completed_last_hour),
      failedLastHour: Number(row.failed_last_hour),
      failureRate: failureRate(Number(row.failed_last_hour), Number(row.completed_last_hour)),
    })),
  };
}
