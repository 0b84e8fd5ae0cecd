import { and, eq, lte } from 'drizzle-orm';
import { erasureRequests, type Db, type ErasureSubject } from '@adloop/db';

export type ErasureRow = typeof erasureRequests.$inferSelect;

/** SQL for `erasure_requests`: every method names the subject (organisation or person) it touches. */
export function createErasureRepository(db: Db) {
  return {
    /** The deletion of this subject waiting for its purge, if any (locked with `forUpdate`). */
    async findOpen(subjectType: ErasureSubject, subjectId: string, options: { forUpdate?: boolean } = {}): Promise<ErasureRow | null> {
      const query = db
        .select()
        .from(erasureRequests)
        .where(and(eq(erasureRequests.subjectType, subjectType), eq(erasureRequests.subjectId, subjectId), eq(erasureRequests.state, 'scheduled')))
        .limit(1);
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row ?? null;
    },

    async insert(values: typeof erasureRequests.$inferInsert): Promise<ErasureRow> {
      const [row] = await db.insert(erasureRequests).values(values).returning();
      if (!row) throw new Error('INSERT ... RETURNING gave no row');
      return row;
    },

    async markRestored(id: string, at: Date): Promise<void> {
      await db.update(erasureRequests).set({ state: 'restored', restoredAt: at }).where(eq(erasureRequests.id, id));
    },

    /**
     * Marks the deletion done and forgets whom it was about: the row then says only that a
     * deletion happened and when (a person who deleted themselves is forgotten as requester too).
     */
    async markPurged(id: string, at: Date, forgetRequester: boolean): Promise<void> {
      await db
        .update(erasureRequests)
        .set({ state: 'purged', purgedAt: at, subjectId: null, subjectLabel: null, ...(forgetRequester ? { requestedBy: null } : {}) })
        .where(eq(erasureRequests.id, id));
    },

    /** Earlier (restored) requests about a purged subject forget it too. */
    async forgetSubject(subjectId: string): Promise<void> {
      await db.update(erasureRequests).set({ subjectId: null, subjectLabel: null }).where(eq(erasureRequests.subjectId, subjectId));
      await db.update(erasureRequests).set({ requestedBy: null }).where(eq(erasureRequests.requestedBy, subjectId));
    },

    /** Deletions whose grace has ended, oldest first; locked and skipped by a concurrent purge. */
    async claimDue(now: Date, limit: number): Promise<ErasureRow[]> {
      return db
        .select()
        .from(erasureRequests)
        .where(and(eq(erasureRequests.state, 'scheduled'), lte(erasureRequests.purgeAfter, now)))
        .orderBy(erasureRequests.purgeAfter)
        .limit(limit)
        .for('update', { skipLocked: true });
    },
  };
}
