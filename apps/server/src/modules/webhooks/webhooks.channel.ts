import type { AppContext } from '../../platform/context.ts';
import type { ChannelSender } from '../notifications/channels.ts';
import { subscribedEndpointIds } from './webhooks.repository.ts';
import { queueWebhookEvent } from './webhooks.service.ts';

/**
 * The `webhook` notification channel: an event's targets are the organisation's enabled endpoints
 * subscribed to its kind; sending hands the event to the webhook delivery queue (signing, retries with
 * backoff, the delivery log, auto-disable). The hand-over is keyed by the notification delivery, so a
 * retried hand-over never makes a second webhook delivery.
 */
export const webhookChannel: ChannelSender = {
  channel: 'webhook',
  orgTargets: (ctx: AppContext, orgId, kind) => subscribedEndpointIds(ctx.db, orgId, kind),
  async send(ctx, delivery) {
    if (delivery.orgId === null) return;
    await ctx.db.transaction((tx) => queueWebhookEvent(ctx, tx, {
      orgId: delivery.orgId ?? '', endpointId: delivery.target, eventId: delivery.eventId, kind: delivery.kind, severity: delivery.severity,
      title: delivery.title, body: delivery.body, link: delivery.link, details: delivery.data, createdAt: delivery.createdAt, sourceKey: delivery.deliveryId,
    }));
  },
};
