import { z } from 'zod';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

/** Every 15 minutes: claims the enabled rules whose next run is due and queues a run for each. */
export const RULES_TICK = {
  name: 'rules.tick',
  payload: z.object({}).passthrough(),
  retry: { limit: 0, delaySeconds: 30, backoff: false },
} satisfies JobType;

/** The scheduled evaluation of an organisation's due rules (claimed by the tick for their due time), sharing one read of the numbers. */
export const RUN_RULES = {
  name: 'rules.run',
  payload: z.object({ orgId: z.uuid(), ruleIds: z.array(z.uuid()).min(1).max(1000) }),
  retry: { limit: 1, delaySeconds: 30, backoff: false },
  concurrency: 2,
  expireInSeconds: 10 * 60,
} satisfies JobType;

/** A `pause_until` action's end: enables the object again as the rule, if it is still paused by the rule. */
export const RESUME_PAUSED = {
  name: 'rules.resume',
  payload: z.object({ orgId: z.uuid(), ruleId: z.uuid(), changeId: z.uuid() }),
  retry: { limit: 3, delaySeconds: 60, backoff: true },
} satisfies JobType;
