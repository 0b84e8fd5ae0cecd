import { z } from 'zod';
import type { DbHandle } from '@adloop/db';
import { createLogger } from '../../apps/server/src/platform/logger.ts';
import { createJobQueue } from '../../apps/server/src/platform/jobs/job-queue.ts';
import type { JobQueue } from '../../apps/server/src/platform/jobs/jobs.types.ts';
import { openTestDatabase } from './db.ts';
import { eventually } from './connect-helpers.ts';

/** The payload of the job queue tests' jobs. */
export const Payload = z.object({ n: z.number() });

/** Polls `check` every 50 ms until it holds, or fails after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  await eventually(async () => check(), timeoutMs, 'condition', 50);
}

/** A job queue (pg-boss) on a fresh database for the calling test file, polling every half second unless told, workers not started. */
export async function openJobQueue(pollingIntervalSeconds = 0.5): Promise<{ handle: DbHandle; jobs: JobQueue }> {
  const handle = await openTestDatabase();
  const jobs = await createJobQueue({ dbHandle: handle, logger: createLogger({ logLevel: 'silent' }), pollingIntervalSeconds });
  return { handle, jobs };
}
