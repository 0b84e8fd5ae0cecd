import type { z } from 'zod';
import type { JobDefinition, JobType } from './jobs.types.ts';

/**
 * A job's type with its handler (and recovery), typed by the payload schema: the queue parses the
 * payload once before calling, so handlers take `z.infer<S>` and never parse again.
 */
export function defineJob<S extends z.ZodType>(type: JobType<S>, run: Pick<JobDefinition<S>, 'handler' | 'onRecovered'>): JobDefinition<S> {
  return { ...type, ...run };
}
