import { z } from 'zod';
import { NOTIFICATION_CHANNELS } from '@adloop/contracts';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

const FanoutPayload = z.object({
  eventId: z.uuid(),
  /** Only these channels (the emitter's choice, e.g. a rule's notify action); absent = every channel. */
  channels: z.array(z.enum(NOTIFICATION_CHANNELS)).optional(),
});

/** Per event: works out every delivery beyond the bell (email per person, Slack, webhooks) and enqueues them. */
export const NOTIFICATIONS_FANOUT: JobType<typeof FanoutPayload> = {
  name: 'notifications.fanout',
  payload: FanoutPayload,
  retry: { limit: 5, delaySeconds: 5, backoff: true },
  batchSize: 20,
  concurrency: 1,
};

/** Per delivery: one send through the channel's sender; retried with backoff by re-enqueueing (Retry-After honoured). */
export const NOTIFICATIONS_DELIVER: JobType<z.ZodObject<{ deliveryId: z.ZodUUID }>> = {
  name: 'notifications.deliver',
  payload: z.object({ deliveryId: z.uuid() }),
  retry: { limit: 5, delaySeconds: 10, backoff: true },
  batchSize: 25,
  concurrency: 2,
};

/** Hourly: sends the digests that are due (one email per person with their batched low-severity items). */
export const NOTIFICATIONS_DIGEST: JobType<z.ZodObject<Record<string, never>>> = {
  name: 'notifications.digest',
  payload: z.object({}),
  retry: { limit: 2, delaySeconds: 60, backoff: false },
};
