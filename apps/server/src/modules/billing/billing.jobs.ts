import { z } from 'zod';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

/** Hourly: the dunning reminders and read-only notices that are due (each sent once per subscription and day). */
export const BILLING_DUNNING = {
  name: 'billing.dunning',
  payload: z.object({}).passthrough(),
  retry: { limit: 1, delaySeconds: 60, backoff: false },
} satisfies JobType;
