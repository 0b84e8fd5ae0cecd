import { z } from 'zod';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

/** Builds one data export (zip of JSON and CSV), then emails its link to the requester. */
export const BUILD_EXPORT = {
  name: 'privacy.export',
  payload: z.object({ exportId: z.uuid() }),
  retry: { limit: 2, delaySeconds: 30, backoff: true },
  concurrency: 1,
  expireInSeconds: 30 * 60,
} satisfies JobType;

/** Daily: purges the deletions whose grace ended, then runs the retention rules. */
export const PRIVACY_DAILY = {
  name: 'privacy.daily',
  payload: z.object({}).passthrough(),
  retry: { limit: 1, delaySeconds: 300, backoff: false },
  expireInSeconds: 60 * 60,
} satisfies JobType;
