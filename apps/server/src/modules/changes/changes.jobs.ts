import { z } from 'zod';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

/** Applies one campaign change on its platform, compare-and-set; safe to run again after a crash. */
export const APPLY_CHANGE = {
  name: 'campaign.change.apply',
  payload: z.object({ orgId: z.uuid(), changeId: z.uuid() }),
  retry: { limit: 5, delaySeconds: 5, backoff: true },
  concurrency: 4,
  // A change takes seconds; a dead worker's run is noticed by its missing heartbeat and retried at once.
  expireInSeconds: 120,
  heartbeatSeconds: 10,
} satisfies JobType;
