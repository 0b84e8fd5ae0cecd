import { and, desc, lt, sql } from 'drizzle-orm';
import { devMailbox, type Db } from '@adloop/db';

/**
 * The dev mailbox is not tenant data: it holds what the local SMTP sink caught on this
 * machine in sandbox mode, so it has no orgId.
 */
export function createDevMailboxRepository(db: Db) {
  return {
    async insert(message: { from: string; to: string[]; subject: string; text: string; html: string }) {
      await db.insert(devMailbox).values(message);
    },
    async list(filter: { to?: string; before?: Date; limit: number }) {
      const conditions = [];
      if (filter.to) conditions.push(sql`${devMailbox.to} @> ${JSON.stringify([filter.to.toLowerCase()])}::jsonb`);
      if (filter.before) conditions.push(lt(devMailbox.receivedAt, filter.before));
      return db
        .select()
        .from(devMailbox)
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(desc(devMailbox.receivedAt), desc(devMailbox.id))
        .limit(filter.limit);
    },
    async get(id: string) {
      const [row] = await db.select().from(devMailbox).where(sql`${devMailbox.id} = ${id}`).limit(1);
      return row ?? null;
    },
    async clear() {
      await db.delete(devMailbox);
    },
  };
}
