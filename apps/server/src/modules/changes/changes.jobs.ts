import { z } from 'zod';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

/** Applies one campaign change on its platform, compare-and-set; safe to run again after a crash. */
export const APPLY_CHANGE = {
  name: 'campaign.change.apply',
  payload: z.object({ orgId: z.uuid(), changeId: z.uuid() }),
  retry: { limit: 5, delaySeconds: 5, backoff: true },
  concurrency: 4,
  // A request's changes are enqueued together: each worker takes up to 8 and sends them side by side.
  batchSize: 8,
  // A change takes seconds; a dead worker's run is noticed by its missing heartbeat and retried at once.
  expireInSeconds: 120,
  heartbeatSeconds: 10,
} satisfies JobType;

/** Creates an approved proposed campaign through the creation path; never sends twice (see `runLaunch`). */
export const LAUNCH_CAMPAIGN = {
  name: 'campaign.launch',
  payload: z.object({ orgId: z.uuid(), changeId: z.uuid() }),
  retry: { limit: 3, delaySeconds: 10, backoff: true },
  concurrency: 2,
} satisfies JobType;

/** Proposals past their expiry become `expired` (every few minutes). */
export const EXPIRE_PROPOSALS = {
  name: 'changes.proposals.expire',
  payload: z.object({}).passthrough(),
  retry: { limit: 1, delaySeconds: 60, backoff: false },
} satisfies JobType;
