import { eq } from 'drizzle-orm';
import { notificationDeliveries, notificationEvents } from '@adloop/db';
import { isNotificationKind, type NotificationChannel, type NotificationKind } from '@adloop/contracts';
import { quietHoursEnd } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { orgChannelSenders } from './channels.ts';
import { NOTIFICATIONS_DELIVER } from './notifications.jobs.ts';
import { loadPreferenceCheck, loadSettings } from './preferences.repository.ts';

type NewDelivery = typeof notificationDeliveries.$inferInsert;

/**
 * The fan-out of one event beyond the bell: an email delivery per person (skipped when their
 * preference says no, held until their quiet hours end unless critical, kept for their digest when
 * low-severity and they chose one), and one delivery per organisation target of every registered
 * organisation channel (Slack, webhooks). The deliveries and their jobs are written in one
 * transaction; UNIQUE (event, channel, target) makes a repeated fan-out add nothing. With `channels`,
 * only those channels are considered (the emitter's choice).
 */
export async function fanOut(ctx: AppContext, eventId: string, channels?: readonly NotificationChannel[]): Promise<number> {
  const [event] = await ctx.db.select().from(notificationEvents).where(eq(notificationEvents.id, eventId));
  if (!event || !isNotificationKind(event.kind)) return 0;
  const kind: NotificationKind = event.kind;
  const now = ctx.clock.now();
  const recipients = event.recipients;
  const rows: NewDelivery[] = [];
  const base = { eventId, orgId: event.orgId, createdAt: now };
  const isChosen = (channel: NotificationChannel) => !channels || channels.includes(channel);

  if (recipients.length > 0 && isChosen('email')) {
    const allowed = await loadPreferenceCheck(ctx.db, event.orgId, kind, recipients);
    const settings = await loadSettings(ctx.db, recipients);
    for (const userId of recipients) {
      const person = { ...base, channel: 'email', recipientUserId: userId, target: userId };
      if (!allowed(userId, 'email')) {
        rows.push({ ...person, state: 'skipped' });
        continue;
      }
      const mine = settings.get(userId);
      if (event.severity === 'info' && mine && mine.digest !== 'off') {
        rows.push({ ...person, state: 'digested' });
        continue;
      }
      const until = event.severity === 'critical' || !mine ? null : quietHoursEnd({ start: mine.quietStart, end: mine.quietEnd, timeZone: mine.timeZone }, now);
      rows.push(until ? { ...person, state: 'held', dueAt: until } : { ...person, state: 'queued' });
    }
  }
  if (event.orgId) {
    for (const sender of orgChannelSenders().filter((s) => isChosen(s.channel))) {
      const targets = (await sender.orgTargets?.(ctx, event.orgId, kind)) ?? [];
      for (const target of new Set(targets)) rows.push({ ...base, channel: sender.channel, recipientUserId: null, target, state: 'queued' });
    }
  }
  if (rows.length === 0) return 0;

  return ctx.db.transaction(async (tx) => {
    const created = await tx
      .insert(notificationDeliveries)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: notificationDeliveries.id, state: notificationDeliveries.state, dueAt: notificationDeliveries.dueAt });
    const now = created.filter((d) => d.state === 'queued').map((d) => ({ deliveryId: d.id }));
    await ctx.jobs.enqueueMany(NOTIFICATIONS_DELIVER, now, { db: tx });
    for (const held of created.filter((d) => d.state === 'held')) {
      await ctx.jobs.enqueue(NOTIFICATIONS_DELIVER, { deliveryId: held.id }, { db: tx, ...(held.dueAt ? { startAfter: held.dueAt } : {}) });
    }
    return created.length;
  });
}
