import { z } from 'zod';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

/** Every 5 minutes: refreshes tokens that expire soon, checks the others, reminds before expiry. */
export const TOKENS_CHECK = {
  name: 'connections.tokens',
  payload: z.object({}).passthrough(),
  retry: { limit: 0, delaySeconds: 10, backoff: false },
} satisfies JobType;
