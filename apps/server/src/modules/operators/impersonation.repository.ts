import { and, eq, gt, isNull } from 'drizzle-orm';
import { impersonations, sessions, type Db } from '@adloop/db';

export type ImpersonationRow = typeof impersonations.$inferSelect;

export async function insertImpersonation(db: Db, values: typeof impersonations.$inferInsert): Promise<ImpersonationRow> {
  const [row] = await db.insert(impersonations).values(values).returning();
  if (!row) throw new Error('Impersonation insert returned no row');
  return row;
}

/** The live impersonation behind a tenant session token hash (not ended, not expired). */
export async function findLiveImpersonationBySessionHash(db: Db, tokenHash: string, now: Date): Promise<ImpersonationRow | null> {
  const [row] = await db
    .select({ impersonation: impersonations })
    .from(impersonations)
    .innerJoin(sessions, eq(sessions.id, impersonations.sessionId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(impersonations.endedAt), gt(impersonations.expiresAt, now)))
    .limit(1);
  return row?.impersonation ?? null;
}

/** Ends the impersonation and revokes its tenant session; false when it had already ended. */
export async function endImpersonation(db: Db, id: string, at: Date): Promise<ImpersonationRow | null> {
  const [row] = await db.update(impersonations).set({ endedAt: at }).where(and(eq(impersonations.id, id), isNull(impersonations.endedAt))).returning();
  if (row) await db.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.id, row.sessionId), isNull(sessions.revokedAt)));
  return row ?? null;
}
