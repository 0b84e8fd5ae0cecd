import { z } from 'zod';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

/** Every 5 minutes: claims the scheduled reports whose send time has come and queues a run for each. */
export const REPORTS_TICK = {
  name: 'reports.tick',
  payload: z.object({}).passthrough(),
  retry: { limit: 0, delaySeconds: 30, backoff: false },
} satisfies JobType;

/** Renders one run of a report (PDF and CSV), keeps it in the history and emails it to the recipients. */
export const RUN_REPORT = {
  name: 'reports.run',
  payload: z.object({ orgId: z.uuid(), runId: z.uuid() }),
  retry: { limit: 2, delaySeconds: 30, backoff: true },
  concurrency: 1,
  expireInSeconds: 10 * 60,
} satisfies JobType;
