/**
 * Where a path's time goes: from the job queue's own records (pg-boss keeps every apply job with
 * its created / started / completed instants), how long changes waited for a worker, how long a
 * worker took to apply one, and what the workers could do if they never waited for work; and
 * which statements the process sent to PostgreSQL per change.
 */
import pg from 'pg';
import type { DbHandle } from '@adloop/db';
import { APPLY_CHANGE } from '../../apps/server/src/modules/changes/changes.jobs.ts';

export interface QueueProfile {
  jobs: number;
  retries: number;
  waitP50Ms: number;
  waitP95Ms: number;
  runP50Ms: number;
  runP95Ms: number;
  /** Changes a second the apply workers of one process could do back to back: concurrency / mean run. */
  workerCeilingPerS: number;
}

/** The apply jobs of `changeIds` (one each, retries counted). */
export async function queueProfile(handle: DbHandle, changeIds: string[]): Promise<QueueProfile> {
  // A job is marked completed just after its change is recorded as applied: give the last ones a moment.
  const completed = async () =>
    (await handle.sql.query<{ n: number }>(`${OWN}SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'changeId' = ANY($2::text[]) AND state = 'completed'`, [APPLY_CHANGE.name, changeIds])).rows[0]?.n ?? 0;
  for (let tries = 0; tries < 50 && (await completed()) < changeIds.length; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
  const { rows } = await handle.sql.query<{ jobs: number; retries: number; wait_p50: number; wait_p95: number; run_p50: number; run_p95: number; run_mean: number }>(
    `${OWN}WITH j AS (
       SELECT retry_count, extract(epoch FROM started_on - created_on) * 1000 AS wait_ms, extract(epoch FROM completed_on - started_on) * 1000 AS run_ms
         FROM pgboss.job WHERE name = $1 AND data->>'changeId' = ANY($2::text[]) AND state = 'completed')
     SELECT count(*)::int AS jobs, coalesce(sum(retry_count), 0)::int AS retries,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_ms) AS wait_p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY wait_ms) AS wait_p95,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY run_ms) AS run_p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY run_ms) AS run_p95, avg(run_ms) AS run_mean
       FROM j`,
    [APPLY_CHANGE.name, changeIds],
  );
  const r = rows[0];
  if (!r || r.jobs === 0) return { jobs: 0, retries: 0, waitP50Ms: 0, waitP95Ms: 0, runP50Ms: 0, runP95Ms: 0, workerCeilingPerS: 0 };
  return {
    jobs: r.jobs,
    retries: r.retries,
    waitP50Ms: Number(r.wait_p50),
    waitP95Ms: Number(r.wait_p95),
    runP50Ms: Number(r.run_p50),
    runP95Ms: Number(r.run_p95),
    workerCeilingPerS: ((APPLY_CHANGE.concurrency ?? 1) * 1000) / Number(r.run_mean),
  };
}

export function describe(name: string, p: QueueProfile, achievedPerS: number): string {
  const ms = (v: number) => v.toFixed(0);
  return (
    `${name}: ${p.jobs} apply jobs (${p.retries} retries); waited for a worker p50 ${ms(p.waitP50Ms)} ms / p95 ${ms(p.waitP95Ms)} ms; ` +
    `ran p50 ${ms(p.runP50Ms)} ms / p95 ${ms(p.runP95Ms)} ms; ${APPLY_CHANGE.concurrency} workers back to back could do ${p.workerCeilingPerS.toFixed(1)}/s, achieved ${achievedPerS.toFixed(1)}/s` +
    // Queued changes waiting far longer than one takes, with the workers well below their pace: they sat idle.
    (achievedPerS < p.workerCeilingPerS / 2 && p.waitP50Ms > 10 * p.runP50Ms ? ' (bound by the queue handing out work, not by applying)' : '')
  );
}

/** Marks the benchmark's own statements (waiting for changes to apply), left out of the counts. */
export const OWN = '/* bench */ ';

/** A short name for a statement: its verb and first table ("update campaign_changes"). */
function kindOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim().toLowerCase();
  if (/^(begin|commit|rollback|savepoint|release)/.test(flat)) return 'transaction control';
  const verb = /^(select|insert|update|delete|with|notify|listen)/.exec(flat)?.[1] ?? flat.split(' ')[0] ?? '?';
  const table = /(?:from|into|update|join) "?([a-z_]+)"?(?:\."?([a-z_]+)"?)?/.exec(flat);
  return `${verb} ${table ? (table[2] ? `${table[1]}.${table[2]}` : table[1]) : ''}`.trim();
}

/**
 * Counts every statement this process sends to PostgreSQL (Adloop's pool and pg-boss's, both
 * pg.Client underneath) by kind, so each phase can say how many statements a change costs.
 */
export function statementCounter(): { snapshot(): Map<string, number>; stop(): void } {
  const counts = new Map<string, number>();
  const prototype = pg.Client.prototype;
  const original = prototype.query;
  // Test seam on the driver: the overloads of query() are passed through untouched.
  const counting = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : typeof first === 'object' && first !== null && 'text' in first && typeof first.text === 'string' ? first.text : '';
    if (text.startsWith(OWN)) return (original as (...a: unknown[]) => unknown).apply(this, args);
    const kind = kindOf(text);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  prototype.query = counting as typeof original;
  return {
    snapshot: () => new Map(counts),
    stop: () => {
      prototype.query = original;
    },
  };
}

/** The statements between two snapshots, most frequent first. */
export function between(before: Map<string, number>, after: Map<string, number>): Array<[string, number]> {
  return [...after].map(([kind, n]): [string, number] => [kind, n - (before.get(kind) ?? 0)]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
}

/** Adds one phase's statements into a running total per kind. */
export function accumulate(into: Map<string, number>, phase: Array<[string, number]>): void {
  for (const [kind, n] of phase) into.set(kind, (into.get(kind) ?? 0) + n);
}

/** "12.3 statements a change: 3.0 select campaign_changes, …" (the `top` most frequent kinds). */
export function perChange(statements: Map<string, number>, changes: number, top = 8): string {
  const total = [...statements.values()].reduce((a, b) => a + b, 0);
  const kinds = [...statements].sort((a, b) => b[1] - a[1]).slice(0, top);
  return `${(total / changes).toFixed(1)} statements a change: ${kinds.map(([kind, n]) => `${(n / changes).toFixed(1)} ${kind}`).join(', ')}`;
}
