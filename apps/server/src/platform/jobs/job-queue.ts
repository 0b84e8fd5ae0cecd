import { sql, type SQL } from 'drizzle-orm';
import { PgBoss, fromDrizzle, fromPglite, type Job, type JobResult } from 'pg-boss';
import type { Db, DbHandle } from '@adloop/db';
import type { Logger } from '../logger.ts';
import { recoverAbandonedJobs } from './orphan-sweep.ts';
import type { EnqueueOptions, JobDefinition, JobQueue, JobType } from './jobs.types.ts';

export interface JobQueueOptions {
  dbHandle: DbHandle;
  logger: Logger;
  /** Seconds between polls when LISTEN/NOTIFY is unavailable. */
  pollingIntervalSeconds?: number;
}

/** pg-boss runs its INSERT through the caller's transaction (outbox): the job exists only if it commits. */
function inTransaction(tx: Db) {
  // pg-boss hands back the query built with drizzle's own `sql` tag, so this cast is at a library seam.
  return fromDrizzle({ execute: async (query: unknown) => (await tx.execute(query as SQL)) as { rows: unknown[] } }, sql);
}

/** pg-boss's default expiry, used when a job type sets none. */
const DEFAULT_EXPIRY_SECONDS = 15 * 60;

/**
 * A run that outlives its expiry fails on its own, just before pg-boss's timer for the whole batch
 * would fail its neighbours with it. Like pg-boss, the run is abandoned, not stopped: handlers are idempotent.
 */
async function withinExpiry(definition: JobType, run: Promise<void>): Promise<void> {
  const ms = Math.max((definition.expireInSeconds ?? DEFAULT_EXPIRY_SECONDS) * 1000 - 1000, 500);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${definition.name} ran longer than its expiry (${ms} ms)`)), ms);
  });
  try {
    await Promise.race([run, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The typed job module on pg-boss, on the same database as everything else: pg-boss's own
 * PGlite backend in embedded mode, a connection pool on a PostgreSQL server.
 */
export async function createJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const { dbHandle, logger } = options;
  const common = {
    useListenNotify: true,
    cronMonitorIntervalSeconds: 30,
    cronWorkerIntervalSeconds: 5,
    monitorIntervalSeconds: 60,
  } as const;
  const boss = dbHandle.pglite
    ? new PgBoss({ ...common, db: fromPglite(dbHandle.pglite), backend: 'pglite' })
    : new PgBoss({ ...common, connectionString: dbHandle.url ?? undefined, max: 4 });
  boss.on('error', (error: unknown) => logger.error({ err: error }, 'job queue error'));
  await boss.start();

  const definitions = new Map<string, JobDefinition>();
  const queues = new Set<string>();
  let working = false;
  let sweepTimer: NodeJS.Timeout | undefined;

  async function ensureQueue(definition: JobType): Promise<void> {
    if (queues.has(definition.name)) return;
    const queueOptions = {
      retryLimit: definition.retry.limit,
      retryDelay: definition.retry.delaySeconds,
      retryBackoff: definition.retry.backoff,
      ...(definition.expireInSeconds ? { expireInSeconds: definition.expireInSeconds } : {}),
      ...(definition.heartbeatSeconds ? { heartbeatSeconds: definition.heartbeatSeconds } : {}),
    };
    await boss.createQueue(definition.name, { ...queueOptions, notify: true });
    // A queue made by an earlier version keeps its old options otherwise (createQueue leaves it be).
    await boss.updateQueue(definition.name, queueOptions);
    queues.add(definition.name);
  }

  // pg-boss keeps finished jobs for days; this leaves only the job's record behind.
  async function clearPayload(name: string, jobId: string): Promise<void> {
    await boss.getDb().executeSql(`UPDATE pgboss.job SET data = '{}'::jsonb WHERE name = $1 AND id = $2`, [name, jobId]);
  }

  /** One job's run, settled on its own: a failure fails (and retries) this job only, never its batch neighbours. */
  async function runOne(definition: JobDefinition, job: Job<unknown>): Promise<JobResult> {
    try {
      const payload = definition.payload.parse(job.data);
      const retryCount = 'retryCount' in job && typeof job.retryCount === 'number' ? job.retryCount : 0;
      await withinExpiry(definition, definition.handler(payload, { jobId: job.id, attempt: retryCount + 1 }));
      if (definition.clearPayloadWhenDone) await clearPayload(definition.name, job.id);
      return { id: job.id, status: 'completed' };
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      logger.warn({ err: failure, job: definition.name, jobId: job.id }, 'job failed; retried while its retry policy allows');
      return { id: job.id, status: 'failed', output: { name: failure.name, message: failure.message, stack: failure.stack } };
    }
  }

  /**
   * The definition's workers: one pg-boss worker per slot (`concurrency`), each taking up to `batchSize`
   * jobs per fetch and running them side by side. A worker whose fetch came back full wakes itself to
   * fetch again at once: a backlog (a tick's many runs, a storm of syncs) drains at the handlers' pace
   * instead of one fetch per polling interval. An empty or short fetch falls back to NOTIFY and polling.
   */
  async function work(definition: JobDefinition): Promise<void> {
    await ensureQueue(definition);
    const batchSize = definition.batchSize ?? 1;
    for (let slot = 0; slot < (definition.concurrency ?? 1); slot++) {
      // Known once pg-boss has started the worker; a job it runs before then is followed by a normal poll.
      let workerId = '';
      workerId = await boss.work(
        definition.name,
        {
          batchSize,
          perJobResults: true,
          pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
          // NOTIFY wakes workers for new jobs, not for retries coming due: keep polling short.
          notifyPollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
          includeMetadata: true,
        },
        // The batch's jobs run side by side; each gets its own outcome (pg-boss settles them one by one).
        async (jobs: Job<unknown>[]) => {
          const results = await Promise.all(jobs.map((job) => runOne(definition, job)));
          if (jobs.length >= batchSize && workerId) boss.notifyWorker(workerId);
          return results;
        },
      );
    }
  }

  return {
    register(definition) {
      definitions.set(definition.name, definition);
      if (working) void work(definition);
    },
    async enqueue(definition, payload, enqueueOptions: EnqueueOptions = {}) {
      if (enqueueOptions.db && !queues.has(definition.name)) {
        throw new Error(`Job queue "${definition.name}" is not prepared: register it before start-up (prepare()).`);
      }
      await ensureQueue(definition);
      const data = definition.payload.parse(payload) as object;
      return boss.send(definition.name, data, {
        ...(enqueueOptions.db ? { db: inTransaction(enqueueOptions.db) } : {}),
        ...(enqueueOptions.singletonKey ? { singletonKey: enqueueOptions.singletonKey } : {}),
        ...(enqueueOptions.startAfter ? { startAfter: enqueueOptions.startAfter } : {}),
      });
    },
    async enqueueMany(definition, payloads, enqueueOptions: Pick<EnqueueOptions, 'db'> = {}) {
      if (payloads.length === 0) return;
      if (enqueueOptions.db && !queues.has(definition.name)) {
        throw new Error(`Job queue "${definition.name}" is not prepared: register it before start-up (prepare()).`);
      }
      await ensureQueue(definition);
      const jobs = payloads.map((payload) => ({ data: definition.payload.parse(payload) as object }));
      await boss.insert(definition.name, jobs, enqueueOptions.db ? { db: inTransaction(enqueueOptions.db) } : {});
    },
    async schedule(definition, cron, payload) {
      await ensureQueue(definition);
      await boss.schedule(definition.name, cron, (payload ?? {}) as object);
    },
    async prepare() {
      for (const definition of definitions.values()) await ensureQueue(definition);
    },
    async startWorkers() {
      working = true;
      const all = [...definitions.values()];
      await recoverAbandonedJobs(boss, all, logger, { everyActive: Boolean(dbHandle.pglite) });
      for (const definition of all) await work(definition);
      const shortest = Math.min(...all.map((definition) => definition.heartbeatSeconds ?? Infinity));
      if (Number.isFinite(shortest)) {
        sweepTimer = setInterval(() => {
          recoverAbandonedJobs(boss, [...definitions.values()], logger, { everyActive: false }).catch((error: unknown) => logger.error({ err: error }, 'abandoned job sweep failed'));
        }, (shortest * 1000) / 2);
        sweepTimer.unref();
      }
    },
    async stop() {
      if (sweepTimer) clearInterval(sweepTimer);
      await boss.stop({ graceful: true, timeout: 5000 });
    },
    async counts() {
      const result: Record<string, Record<string, number>> = {};
      for (const queue of await boss.getQueues()) {
        result[queue.name] = {
          queued: queue.queuedCount,
          deferred: queue.deferredCount,
          active: queue.activeCount,
          total: queue.totalCount,
        };
      }
      return result;
    },
  };
}
