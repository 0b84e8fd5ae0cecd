import type { z } from 'zod';
import type { Db } from '@adloop/db';

export interface RetryPolicy {
  /** Attempts after the first one. */
  limit: number;
  /** Delay before the first retry; doubled each time when `backoff` is true. */
  delaySeconds: number;
  backoff: boolean;
}

/** A kind of job: enough to enqueue it (modules import these without the handler's dependencies). */
export interface JobType<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  retry: RetryPolicy;
  /**
   * Workers of this kind in one process (default 1); each runs up to `batchSize` jobs at once. A worker
   * that got a full batch fetches again at once rather than after the polling interval, so a burst of
   * jobs enqueued together drains at the handlers' pace.
   */
  concurrency?: number;
  /** Jobs a worker takes per fetch and runs side by side (default 1). Each job still succeeds, fails and retries on its own. */
  batchSize?: number;
  /** Blank the stored payload once the handler succeeds (payloads that must not outlive delivery). */
  clearPayloadWhenDone?: boolean;
  /** Longest a run may take before it is failed and retried (default 15 minutes). */
  expireInSeconds?: number;
  /**
   * Workers refresh a running job this often (seconds, >= 10); a job whose worker stopped refreshing
   * is handed back for a retry within about two intervals instead of waiting for the expiry.
   */
  heartbeatSeconds?: number;
}

/**
 * A typed job: its name, payload schema, handler and retry policy.
 * Handlers must be idempotent: a job may run more than once (retry after a crash).
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> extends JobType<S> {
  handler(payload: z.infer<S>, meta: { jobId: string; attempt: number }): Promise<void>;
  /**
   * Called when a run of this job was abandoned by a worker that stopped (crash, kill) and the job was
   * handed back for a retry: release what the dead run held (leases) so the retry can start at once.
   */
  onRecovered?(payload: z.infer<S>): Promise<void>;
}

export interface EnqueueOptions {
  /** Enqueue inside this transaction (outbox): the job exists only if the transaction commits. */
  db?: Db;
  /** Only one queued job with this key at a time. */
  singletonKey?: string;
  startAfter?: Date;
}

export interface JobQueue {
  register(definition: JobDefinition): void;
  enqueue<S extends z.ZodType>(definition: JobType<S>, payload: z.infer<S>, options?: EnqueueOptions): Promise<string | null>;
  /** Enqueues one job per payload in a single statement (with one NOTIFY), inside `options.db` when given. */
  enqueueMany<S extends z.ZodType>(definition: JobType<S>, payloads: readonly z.infer<S>[], options?: Pick<EnqueueOptions, 'db'>): Promise<void>;
  /** Runs a cron schedule (`* / 5 * * * *` style) for a registered job. */
  schedule(definition: JobType, cron: string, payload?: unknown): Promise<void>;
  /**
   * Creates the queue of every registered job. Called once at start-up, so that enqueueing
   * inside a transaction never needs a query outside it (PGlite has a single connection).
   */
  prepare(): Promise<void>;
  /**
   * Starts workers for every registered job (worker and all-in-one processes), after handing back the
   * jobs of heartbeat queues that a stopped worker left running (see `orphan-sweep.ts`).
   */
  startWorkers(): Promise<void>;
  stop(): Promise<void>;
  /** Counts by state, for /metrics and tests. */
  counts(): Promise<Record<string, Record<string, number>>>;
}
