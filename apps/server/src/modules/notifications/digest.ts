import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { notificationDeliveries, notificationEvents, notificationSettings, users } from '@adloop/db';
import { digestDue } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { renderNotificationEmail, type EmailBlock } from './email.template.ts';
import { orgName, unsubscribeParts } from './email.channel.ts';

/**
 * Sends the digests that are due: for each person with low-severity emails kept for their digest,
 * one email per organisation listing them, when their mode says it is time (hourly; daily after
 * 08:00 in their time zone). The items are marked sent with the email; a failed send leaves them
 * for the next run. Returns how many digests went out.
 */
export async function sendDueDigests(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const waiting = await ctx.db
    .select({ id: notificationDeliveries.id, userId: notificationDeliveries.recipientUserId, orgId: notificationDeliveries.orgId, title: notificationEvents.title, body: notificationEvents.body, link: notificationEvents.link, at: notificationEvents.firstAt })
    .from(notificationDeliveries)
    .innerJoin(notificationEvents, eq(notificationEvents.id, notificationDeliveries.eventId))
    .where(and(eq(notificationDeliveries.state, 'digested'), eq(notificationDeliveries.channel, 'email'), isNull(notificationDeliveries.sentAt)))
    .orderBy(notificationEvents.firstAt)
    .limit(5000);
  const people = [...new Set(waiting.map((w) => w.userId).filter((id): id is string => id !== null))];
  if (people.length === 0) return 0;
  const settings = new Map((await ctx.db.select().from(notificationSettings).where(inArray(notificationSettings.userId, people))).map((s) => [s.userId, s]));
  const emails = new Map((await ctx.db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, people))).map((u) => [u.id, u.email]));
  let sent = 0;
  for (const userId of people) {
    const mine = settings.get(userId);
    const to = emails.get(userId);
    if (!to || !digestDue(mine?.digest ?? 'off', mine?.timeZone ?? 'UTC', mine?.lastDigestAt ?? null, now)) continue;
    const items = waiting.filter((w) => w.userId === userId);
    for (const orgId of new Set(items.map((i) => i.orgId))) {
      const batch = items.filter((i) => i.orgId === orgId);
      const name = await orgName(ctx, orgId);
      const { footer, headers } = unsubscribeParts(ctx, userId, orgId, name, null);
      const when = new Intl.DateTimeFormat('en-GB', { timeZone: mine?.timeZone ?? 'UTC', dateStyle: 'medium', timeStyle: 'short' });
      const blocks: EmailBlock[] = [
        { type: 'heading', text: `${batch.length} update${batch.length === 1 ? '' : 's'}${name ? ` in ${name}` : ''}` },
        ...batch.map((i): EmailBlock => ({ type: 'item', title: i.title, text: i.body, url: i.link ? `${ctx.config.publicUrl}${i.link}` : null, when: when.format(i.at) })),
        footer,
      ];
      const subject = `Adloop digest: ${batch.length} update${batch.length === 1 ? '' : 's'}${name ? ` in ${name}` : ''}`;
      try {
        await ctx.mailer.sendNow({ to, ...renderNotificationEmail({ subject, severity: 'info', blocks }), headers });
      } catch (error) {
        ctx.logger.warn({ err: error, userId }, 'digest email failed; kept for the next run');
        continue;
      }
      await ctx.db.update(notificationDeliveries).set({ sentAt: now, attempts: sql`${notificationDeliveries.attempts} + 1` }).where(inArray(notificationDeliveries.id, batch.map((i) => i.id)));
      sent += 1;
    }
    await ctx.db
      .insert(notificationSettings)
      .values({ userId, lastDigestAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: notificationSettings.userId, set: { lastDigestAt: now } });
  }
  return sent;
}
