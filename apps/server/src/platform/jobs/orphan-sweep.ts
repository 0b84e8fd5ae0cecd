import type { PgBoss } from 'pg-boss';
import type { Logger } from '../logger.ts';
import type { JobDefinition } from './jobs.types.ts';

/**
 * Hands back jobs whose worker stopped (crash, kill -9, lost host) so they are retried within seconds
 * instead of after the queue's expiry. A job is abandoned when its heartbeat is older than two
 * intervals, or, with `everyActive`, whenever it is still active: on the embedded database only this
 * process can be working, so at start-up everything active belongs to a process that died.
 * Handlers are idempotent (compare-and-set, `sentAt`), which is what makes the retry safe.
 */
export async function recoverAbandonedJobs(
  boss: PgBoss,
  definitions: JobDefinition[],
  logger: Logger,
  options: { everyActive: boolean },
): Promise<number> {
  const watched = definitions.filter((definition) => definition.heartbeatSeconds);
  if (!watched.length) return 0;
  const { rows } = await boss.getDb().executeSql(
    `SELECT id, name, data FROM pgboss.job
      WHERE name = ANY($1::text[]) AND state = 'active'
        AND ($2::boolean OR COALESCE(heartbeat_on, started_on) < now() - make_interval(secs => 2 * COALESCE(heartbeat_seconds, 10)))`,
    [watched.map((definition) => definition.name), options.everyActive],
  );
  let recovered = 0;
  for (const row of rows as { id: string; name: string; data: unknown }[]) {
    const definition = watched.find((candidate) => candidate.name === row.name);
    if (!definition) continue;
    await boss.fail(row.name, row.id, { message: 'The worker running this job stopped; retried by another run.' });
    const payload = definition.payload.safeParse(row.data);
    if (payload.success && definition.onRecovered) await definition.onRecovered(payload.data);
    recovered++;
  }
  if (recovered) logger.warn({ recovered }, 'jobs abandoned by a stopped worker handed back for a retry');
  return recovered;
}
