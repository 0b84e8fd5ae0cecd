import { z } from 'zod';
import type { JobType } from '../../platform/jobs/jobs.types.ts';

const WebhookDeliverPayload = z.object({ orgId: z.uuid(), deliveryId: z.uuid(), attempt: z.number().int().min(1) });

/**
 * One attempt of one webhook delivery. Retries with backoff are this job enqueued again for the next
 * attempt (`startAfter`), in the transaction that records the failed one, so the delivery log holds
 * every attempt; the queue's own retries only cover a worker that stopped mid-attempt.
 */
export const WEBHOOK_DELIVER: JobType<typeof WebhookDeliverPayload> = {
  name: 'webhooks.deliver',
  payload: WebhookDeliverPayload,
  retry: { limit: 2, delaySeconds: 30, backoff: true },
  batchSize: 8,
  expireInSeconds: 120,
};
