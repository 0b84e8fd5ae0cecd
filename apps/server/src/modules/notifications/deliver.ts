import { sql } from 'drizzle-orm';
import { isNotificationKind, type NotificationChannel, type NotificationSeverity } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { channelSender, RetryableDeliveryError, type ChannelDelivery } from './channels.ts';
import { NOTIFICATIONS_DELIVER } from './notifications.jobs.ts';

/** Tries per delivery before it is marked failed (the first one included). */
export const MAX_DELIVERY_ATTEMPTS = 6;
/** First retry after this long, doubled each time (2 s, 4 s, 8 s, 16 s, 32 s), or the channel's Retry-After when longer. */
export const RETRY_BASE_SECONDS = 2;

interface ClaimedRow {
  id: string;
  event_id: string;
  org_id: string | null;
  channel: string;
  recipient_user_id: string | null;
  target: string;
  attempts: number;
  kind: string;
  severity: NotificationSeverity;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, unknown>;
  first_at: string | Date;
}

const absolute = (ctx: AppContext, link: string | null) => (link ? (/^https?:\/\//.test(link) ? link : `${ctx.config.publicUrl}${link.startsWith('/') ? '' : '/'}${link}`) : null);

/**
 * Sends one delivery through its channel's sender. Only a delivery still queued or held is taken (a
 * sent, failed or skipped one is left alone, so a repeated job sends nothing twice); each try counts
 * an attempt. A retryable failure is tried again later by a new job (Retry-After honoured); after
 * MAX_DELIVERY_ATTEMPTS, or on any other error, the delivery is failed with its error kept.
 */
export async function deliver(ctx: AppContext, deliveryId: string): Promise<void> {
  const claimed = (await ctx.db.execute(sql`
    update notification_deliveries d set attempts = d.attempts + 1, state = 'queued'
    from notification_events e
    where d.id = ${deliveryId} and e.id = d.event_id and d.state in ('queued', 'held')
    returning d.id, d.event_id, d.org_id, d.channel, d.recipient_user_id, d.target, d.attempts, e.kind, e.severity, e.title, e.body, e.link, e.data, e.first_at`)) as unknown as { rows: ClaimedRow[] };
  const row = claimed.rows[0];
  if (!row || !isNotificationKind(row.kind)) return;
  const sender = channelSender(row.channel as NotificationChannel);
  if (!sender) {
    await finish(ctx, row.id, 'skipped', `No sender for the ${row.channel} channel`);
    return;
  }
  const delivery: ChannelDelivery = {
    deliveryId: row.id,
    eventId: row.event_id,
    orgId: row.org_id,
    kind: row.kind,
    severity: row.severity,
    title: row.title,
    body: row.body,
    link: absolute(ctx, row.link),
    data: row.data,
    createdAt: new Date(row.first_at),
    recipientUserId: row.recipient_user_id,
    target: row.target,
    attempt: row.attempts - 1,
  };
  try {
    await sender.send(ctx, delivery);
    await finish(ctx, row.id, 'sent', null);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    if (!(error instanceof RetryableDeliveryError) || row.attempts >= MAX_DELIVERY_ATTEMPTS) {
      await finish(ctx, row.id, 'failed', message);
      ctx.logger.warn({ deliveryId: row.id, channel: row.channel, err: error }, 'notification delivery failed');
      return;
    }
    const delaySeconds = Math.max(error.retryAfterSeconds ?? 0, RETRY_BASE_SECONDS * 2 ** (row.attempts - 1));
    // pg-boss compares start times with the database's clock, so the wait is measured in real time.
    const startAfter = new Date(Date.now() + delaySeconds * 1000);
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`update notification_deliveries set last_error = ${message}, due_at = ${startAfter.toISOString()}::timestamptz where id = ${row.id}`);
      await ctx.jobs.enqueue(NOTIFICATIONS_DELIVER, { deliveryId: row.id }, { db: tx, startAfter });
    });
  }
}

async function finish(ctx: AppContext, id: string, state: 'sent' | 'failed' | 'skipped', error: string | null): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await ctx.db.execute(sql`update notification_deliveries set state = ${state}, last_error = ${error}, sent_at = ${state === 'sent' ? at : null}::timestamptz where id = ${id}`);
}
