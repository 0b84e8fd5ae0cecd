import { sql } from 'drizzle-orm';
import type { Db } from '@adloop/db';
import { rowsOf } from '../metrics/report-scope.ts';

/**
 * Jobs that used up their retries, read from pg-boss's own table (same database). Retry and
 * discard use the statements pg-boss 12 itself runs for `retry()` and `deleteJob()` on failed jobs.
 */
export type FailedJobRow = {
  id: string;
  name: string;
  data: unknown;
  output: unknown;
  retry_count: number;
  completed_on: Date | string | null;
};

export async function listFailedJobs(db: Db, queue: string | null, limit = 200): Promise<FailedJobRow[]> {
  const rows = rowsOf<FailedJobRow>(await db.execute(sql`
    select id::text as id, name, data, output, retry_count, completed_on
    from pgboss.job
    where state = 'failed' ${queue ? sql`and name = ${queue}` : sql``}
    order by completed_on desc nulls last
    limit ${limit}`));
  return rows;
}

/** Puts a failed job back in the queue with one more attempt; false when it was not failed. */
export async function retryFailedJob(db: Db, queue: string, jobId: string): Promise<boolean> {
  const rows = rowsOf<{ id: string }>(await db.execute(sql`
    update pgboss.job
    set state = 'retry', retry_limit = retry_limit + 1, completed_on = null, start_after = greatest(start_after, now())
    where name = ${queue} and id = ${jobId}::uuid and state = 'failed'
    returning id::text as id`));
  return rows.length > 0;
}

export async function discardFailedJob(db: Db, queue: string, jobId: string): Promise<boolean> {
  const rows = rowsOf<{ id: string }>(await db.execute(sql`delete from pgboss.job where name = ${queue} and id = ${jobId}::uuid and state = 'failed' returning id::text as id`));
  return rows.length > 0;
}

export type QueueStateRow = {
  name: string;
  queued: number;
  active: number;
  failed: number;
  completed_last_hour: number;
  failed_last_hour: number;
};

/** Depth and the last hour's outcomes of every queue that has jobs. */
export async function queueStates(db: Db, now: Date): Promise<QueueStateRow[]> {
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const rows = rowsOf<QueueStateRow>(await db.execute(sql`
    select name,
      count(*) filter (where state in ('created', 'retry'))::int as queued,
      count(*) filter (where state = 'active')::int as active,
      count(*) filter (where state = 'failed')::int as failed,
      count(*) filter (where state = 'completed' and completed_on >= ${hourAgo}::timestamptz)::int as completed_last_hour,
      count(*) filter (where state = 'failed' and completed_on >= ${hourAgo}::timestamptz)::int as failed_last_hour
    from pgboss.job
    group by name
    order by name`));
  return rows;
}

export type FailedSinceRow = { name: string; failed: number; last_failed_on: Date | string; last_output: unknown; last_data: unknown };

/** Jobs that failed for good since `since`, per queue: how many, the latest failure, its error and payload. */
export async function failedSince(db: Db, since: Date): Promise<FailedSinceRow[]> {
  return rowsOf<FailedSinceRow>(await db.execute(sql`
    select name, count(*)::int as failed, max(completed_on) as last_failed_on,
      (array_agg(output order by completed_on desc))[1] as last_output,
      (array_agg(data order by completed_on desc))[1] as last_data
    from pgboss.job
    where state = 'failed' and completed_on >= ${since.toISOString()}::timestamptz
    group by name
    order by count(*) desc, name`));
}
