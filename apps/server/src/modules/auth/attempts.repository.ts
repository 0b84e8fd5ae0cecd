import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { loginAttempts, type Db } from '@adloop/db';

/**
 * Failure times (oldest first) since `since`, for the email and for the IP. Only the newest
 * 100 per key are needed: limits are far below that.
 */
export async function countRecentFailures(
  db: Db,
  key: { email: string; ip: string },
  since: Date,
): Promise<{ byEmail: Date[]; byIp: Date[] }> {
  const times = (rows: { createdAt: Date }[]) => rows.map((row) => row.createdAt);
  const recent = (column: typeof loginAttempts.email | typeof loginAttempts.ip, value: string) =>
    db
      .select({ createdAt: loginAttempts.createdAt })
      .from(loginAttempts)
      .where(and(eq(column, value), eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since)))
      .orderBy(asc(loginAttempts.createdAt))
      .limit(100);
  const [byEmail, byIp] = await Promise.all([recent(loginAttempts.email, key.email), recent(loginAttempts.ip, key.ip)]);
  return { byEmail: times(byEmail), byIp: times(byIp) };
}

/**
 * Serialises attempt reservations for one email and one IP until the caller's transaction ends.
 * Always email first, then IP, so two reservations never wait on each other in a cycle.
 */
export async function lockAttemptKeys(tx: Db, key: { email: string; ip: string }): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7301, hashtext(${key.email}))`);
  await tx.execute(sql`select pg_advisory_xact_lock(7302, hashtext(${key.ip}))`);
}

export async function recordLoginAttempt(
  db: Db,
  attempt: { email: string; ip: string; succeeded: boolean; at: Date },
): Promise<string> {
  const [row] = await db
    .insert(loginAttempts)
    .values({ email: attempt.email, ip: attempt.ip, succeeded: attempt.succeeded, createdAt: attempt.at })
    .returning({ id: loginAttempts.id });
  if (!row) throw new Error('login attempt not stored');
  return row.id;
}

/** Turns a reserved attempt into a success (kept for the record; successes never reset the count). */
export async function markAttemptSucceeded(db: Db, attemptId: string): Promise<void> {
  await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
}
