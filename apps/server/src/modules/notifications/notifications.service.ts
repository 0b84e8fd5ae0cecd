import { and, count, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { notifications } from '@adloop/db';
import type { Notification } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { publish } from '../../platform/live/publish.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { z } from 'zod';

type NotificationRow = typeof notifications.$inferSelect;

const present = (row: NotificationRow): Notification => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  link: row.link,
  readAt: row.readAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

/** Tells the organisation's open event streams that notifications arrived; call after the transaction commits. */
export async function announceNotifications(ctx: Pick<AppContext, 'live'>, orgId: string, created: number): Promise<void> {
  if (created > 0) await publish(ctx, orgId, { type: 'notification' });
}

/** The last row's time and id; anything else is refused as a cursor before it reaches the query. */
const Cursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

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
