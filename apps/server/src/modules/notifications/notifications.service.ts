import { and, count, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { memberships, notifications, type Db } from '@adloop/db';
import type { Notification } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { publish } from '../../platform/live/publish.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { z } from 'zod';

type NotificationRow = typeof notifications.$inferSelect;

export interface NewNotification {
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
}

const present = (row: NotificationRow): Notification => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  link: row.link,
  readAt: row.readAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

/** Notifies every owner and admin of the organisation (in-app; inside the caller's transaction when `db` is one). */
export async function notifyAdmins(db: Db, orgId: string, notification: NewNotification, at: Date): Promise<number> {
  const admins = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ['owner', 'admin'])));
  if (admins.length === 0) return 0;
  await db.insert(notifications).values(
    admins.map(({ userId }) => ({ orgId, userId, kind: notification.kind, title: notification.title, body: notification.body ?? '', link: notification.link ?? null, createdAt: at })),
  );
  return admins.length;
}

/** Tells the organisation's open event streams that notifications arrived; call after the transaction commits. */
export async function announceNotifications(ctx: Pick<AppContext, 'live'>, orgId: string, created: number): Promise<void> {
  if (created > 0) await publish(ctx, orgId, { type: 'notification' });
}

const Cursor = z.tuple([z.string(), z.string()]);

export async function listNotifications(ctx: AppContext, orgId: string, userId: string, query: { cursor?: string | undefined; limit: number }): Promise<Page<Notification> & { unread: number }> {
  const after = decodeCursor(query.cursor, Cursor);
  const mine = and(eq(notifications.orgId, orgId), eq(notifications.userId, userId));
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(
      after
        ? and(mine, or(lt(notifications.createdAt, new Date(after[0])), and(eq(notifications.createdAt, new Date(after[0])), lt(notifications.id, after[1]))))
        : mine,
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit + 1);
  const [unread] = await ctx.db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt)));
  return { ...toPage(rows, query.limit, present, (row) => [row.createdAt.toISOString(), row.id]), unread: Number(unread?.n ?? 0) };
}

export async function markNotificationsRead(ctx: AppContext, orgId: string, userId: string, ids: string[] | undefined): Promise<void> {
  const mine = and(eq(notifications.orgId, orgId), eq(notifications.userId, userId), isNull(notifications.readAt));
  await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(ids ? and(mine, inArray(notifications.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])) : mine);
}
