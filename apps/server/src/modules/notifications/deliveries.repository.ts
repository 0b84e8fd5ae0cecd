import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { notificationDeliveries, notificationEvents, users, type Db } from '@adloop/db';
import { z } from 'zod';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';

const Cursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

export interface DeliveryFilter {
  cursor?: string | undefined;
  limit: number;
  state?: (typeof notificationDeliveries.$inferSelect)['state'] | undefined;
  channel?: string | undefined;
}

/** The organisation's deliveries, newest first (admins: what went where, what failed and why). */
export async function listDeliveries(db: Db, orgId: string, filter: DeliveryFilter): Promise<Page<ReturnType<typeof present>>> {
  const after = decodeCursor(filter.cursor, Cursor);
  const conditions: SQL[] = [eq(notificationDeliveries.orgId, orgId)];
  if (filter.state) conditions.push(eq(notificationDeliveries.state, filter.state));
  if (filter.channel) conditions.push(eq(notificationDeliveries.channel, filter.channel));
  if (after) {
    const at = new Date(after[0]);
    conditions.push(or(lt(notificationDeliveries.createdAt, at), and(eq(notificationDeliveries.createdAt, at), lt(notificationDeliveries.id, after[1])))!);
  }
  const rows = await db
    .select({ delivery: notificationDeliveries, kind: notificationEvents.kind, title: notificationEvents.title, name: users.name, email: users.email })
    .from(notificationDeliveries)
    .innerJoin(notificationEvents, eq(notificationEvents.id, notificationDeliveries.eventId))
    .leftJoin(users, eq(users.id, notificationDeliveries.recipientUserId))
    .where(and(...conditions))
    .orderBy(desc(notificationDeliveries.createdAt), desc(notificationDeliveries.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit, present, (row) => [row.delivery.createdAt.toISOString(), row.delivery.id]);
}

function present(row: { delivery: typeof notificationDeliveries.$inferSelect; kind: string; title: string; name: string | null; email: string | null }) {
  const d = row.delivery;
  return {
    id: d.id,
    eventId: d.eventId,
    kind: row.kind,
    title: row.title,
    channel: d.channel,
    recipient: row.email ? `${row.name ?? ''} <${row.email}>`.trim() : d.target,
    state: d.state,
    attempts: d.attempts,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    dueAt: d.dueAt?.toISOString() ?? null,
    sentAt: d.sentAt?.toISOString() ?? null,
  };
}
