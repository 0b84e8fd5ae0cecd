import { z } from 'zod';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

/** Daily: deletes copy generations (briefs, prompts, copy) older than the retention period. */
export const COPY_RETENTION = {
  name: 'copy.retention',
  payload: z.object({}).passthrough(),
  retry: { limit: 2, delaySeconds: 300, backoff: true },
} satisfies JobType;
