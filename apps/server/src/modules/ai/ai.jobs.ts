import { z } from 'zod';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

/** Every 10 minutes: releases the reservations of AI calls that never settled (see `releaseStaleReservations`). */
export const AI_RELEASE_STALE = {
  name: 'ai.release_stale',
  payload: z.object({}).passthrough(),
  retry: { limit: 0, delaySeconds: 60, backoff: false },
} satisfies JobType;
