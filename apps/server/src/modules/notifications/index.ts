import { defineJob } from '../../platform/jobs/define-job.ts';
import type { AppModule } from '../module.ts';
import { registerChannel } from './channels.ts';
import { deliver } from './deliver.ts';
import { sendDueDigests } from './digest.ts';
import { emailChannel } from './email.channel.ts';
import { fanOut } from './fanout.ts';
import { NOTIFICATIONS_DELIVER, NOTIFICATIONS_DIGEST, NOTIFICATIONS_FANOUT } from './notifications.jobs.ts';
import { registerNotificationRoutes } from './notifications.routes.ts';
import { registerPreferenceRoutes } from './preferences.routes.ts';

export { emitNotification, resolveNotificationIncident, type NotificationEvent } from './emit.ts';
export { registerChannel, RetryableDeliveryError, type ChannelDelivery, type ChannelSender } from './channels.ts';
export { announceNotifications } from './notifications.service.ts';

/**
 * Notifications: the bell's routes, preferences and unsubscribe, and the delivery pipeline every
 * module's `emitNotification` feeds (fan-out per event, one job per delivery, hourly digests). The
 * email channel registers here; Slack and webhooks register their senders from their own modules.
 */
export const notificationsModule: AppModule = {
  name: 'notifications',
  routes: (app, ctx) => {
    registerNotificationRoutes(app, ctx);
    registerPreferenceRoutes(app, ctx);
  },
  jobs: (ctx) => {
    registerChannel(emailChannel);
    return [
      defineJob(NOTIFICATIONS_FANOUT, { handler: async (payload) => void (await fanOut(ctx, payload.eventId, payload.channels)) }),
      defineJob(NOTIFICATIONS_DELIVER, { handler: async (payload) => deliver(ctx, payload.deliveryId) }),
      defineJob(NOTIFICATIONS_DIGEST, { handler: async () => void (await sendDueDigests(ctx)) }),
    ];
  },
  schedules: [{ job: NOTIFICATIONS_DIGEST, cron: '5 * * * *' }],
};
