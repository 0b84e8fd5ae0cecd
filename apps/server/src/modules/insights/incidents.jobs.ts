import { z } from 'zod';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

/** Hourly: queues one anomaly check per organisation with selected ad accounts. */
export const ANOMALY_TICK = {
  name: 'insights.anomaly_tick',
  payload: z.object({}).passthrough(),
  retry: { limit: 0, delaySeconds: 60, backoff: false },
} satisfies JobType;

/** One organisation's anomaly check: detection over every account and campaign, incidents opened, folded and resolved. */
export const ANOMALY_CHECK = {
  name: 'insights.anomaly_check',
  payload: z.object({ orgId: z.uuid() }),
  retry: { limit: 1, delaySeconds: 120, backoff: false },
  concurrency: 1,
  expireInSeconds: 15 * 60,
} satisfies JobType;
