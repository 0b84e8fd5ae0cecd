import { z } from 'zod';
import type { JobType } from '../../../platform/jobs/jobs.types.ts';

/** A backtest asked for by a request: replays the rule, writing its progress and then its result to `rule_jobs`. */
export const RULE_BACKTEST = {
  name: 'rules.backtest',
  payload: z.object({ orgId: z.uuid(), jobId: z.uuid() }),
  // A failure is recorded on the row and shown; asking again is the person's choice.
  retry: { limit: 0, delaySeconds: 30, backoff: false },
  concurrency: 1,
  expireInSeconds: 10 * 60,
} satisfies JobType;

/** "Run now": the rule run as the scheduler would, the run's summary written to `rule_jobs` when it ends. */
export const RULE_RUN_NOW = {
  name: 'rules.run-now',
  payload: z.object({ orgId: z.uuid(), jobId: z.uuid(), ruleId: z.uuid() }),
  retry: { limit: 0, delaySeconds: 30, backoff: false },
  concurrency: 2,
  expireInSeconds: 10 * 60,
} satisfies JobType;

/** A job still `queued` or `running` this long after it was asked for has been lost (its worker stopped): it reads as failed. */
export const LOST_AFTER_MS = 15 * 60_000;
