import { z } from 'zod';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

/** Hourly (each account's day starts in its own time zone): queues one pacing check per organisation with selected ad accounts. */
export const PACING_TICK = {
  name: 'insights.pacing_tick',
  payload: z.object({}).passthrough(),
  retry: { limit: 0, delaySeconds: 60, backoff: false },
} satisfies JobType;

/** One organisation's pacing check: accounts and campaigns that will miss their month's plan are told once per drift, and told again when back on plan. */
export const PACING_CHECK = {
  name: 'insights.pacing_check',
  payload: z.object({ orgId: z.uuid() }),
  retry: { limit: 1, delaySeconds: 120, backoff: false },
  concurrency: 1,
  expireInSeconds: 15 * 60,
} satisfies JobType;
