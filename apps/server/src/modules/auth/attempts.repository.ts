import { and, asc, eq, gt } from 'drizzle-orm';
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

export async function recordLoginAttempt(
  db: Db,
  attempt: { email: string; ip: string; succeeded: boolean; at: Date },
): Promise<void> {
  await db.insert(loginAttempts).values({ email: attempt.email, ip: attempt.ip, succeeded: attempt.succeeded, createdAt: attempt.at });
}
