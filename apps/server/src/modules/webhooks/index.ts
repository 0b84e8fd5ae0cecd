import { defineJob } from '../../platform/jobs/define-job.ts';
import type { AppModule } from '../module.ts';
import { registerChannel } from '../notifications/channels.ts';
import { webhookChannel } from './webhooks.channel.ts';
import { attemptDelivery, realNetwork } from './webhooks.delivery.ts';
import { WEBHOOK_DELIVER } from './webhooks.jobs.ts';
import { registerWebhookRoutes } from './webhooks.routes.ts';

/**
 * Outbound webhooks: endpoints per organisation, signed JSON events (HMAC-SHA256 over timestamp and
 * body), delivery through the job queue with retries and backoff, a delivery log with replay, and
 * auto-disable after repeated failures. Registers the `webhook` notification channel.
 */
export const webhooksModule: AppModule = {
  name: 'webhooks',
  routes: registerWebhookRoutes,
  jobs: (ctx) => {
    registerChannel(webhookChannel);
    return [defineJob(WEBHOOK_DELIVER, { handler: (payload) => attemptDelivery(ctx, realNetwork, payload) })];
  },
};
