import { z } from 'zod';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

/** Every minute: claims the ad accounts whose next sync is due and queues a sync for each. */
export const SYNC_TICK = {
  name: 'sync.tick',
  payload: z.object({}).passthrough(),
  retry: { limit: 0, delaySeconds: 10, backoff: false },
} satisfies JobType;

export const SyncAccountPayload = z.object({
  orgId: z.uuid(),
  adAccountId: z.uuid(),
  reason: z.enum(['first', 'scheduled', 'manual']),
});

/** One account's sync: structure, hourly metrics for today and yesterday, daily metrics over the re-pull window. */
export const SYNC_ACCOUNT = {
  name: 'sync.account',
  payload: SyncAccountPayload,
  retry: { limit: 2, delaySeconds: 30, backoff: true },
  // Syncs mostly wait on the platforms (whose budgets the gateway enforces), so several run at once.
  concurrency: 8,
  // As long as the account's sync lease; a dead worker's run is noticed by its missing heartbeat.
  expireInSeconds: 15 * 60,
  heartbeatSeconds: 10,
} satisfies JobType;
