import { z } from 'zod';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

/** Every 15 minutes: sends the daily summary of each organisation whose local 08:00 has passed and that has not had today's. */
export const SUMMARY_TICK = {
  name: 'summary.tick',
  payload: z.object({}).passthrough(),
  retry: { limit: 0, delaySeconds: 30, backoff: false },
} satisfies JobType;
