import { and, desc, eq, gt, isNotNull, isNull, ne } from 'drizzle-orm';
import { sessions, type Db } from '@adloop/db';

export type SessionRow = typeof sessions.$inferSelect;
export type SessionState = SessionRow['state'];

export async function insertSession(
  db: Db,
  values: { userId: string; tokenHash: string; state: SessionState; ip: string | null; userAgent: string | null; country?: string | null; expiresAt: Date; at: Date },
): Promise<SessionRow> {
  const [row] = await db
    .insert(sessions)
    .values({ ...values, createdAt: values.at, lastSeenAt: values.at })
    .returning();
  if (!row) throw new Error('Session insert returned no row');
  return row;
}

/** A live (not revoked, not expired) session by token hash, in any state. */
export async function findLiveSessionByHash(db: Db, tokenHash: string, now: Date): Promise<SessionRow | null> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

/**
 * Turns a pending (MFA) session into an active one under a new token. Conditional on the old
 * hash and state so two concurrent completions cannot both succeed.
 */
export async function activatePendingSession(
  db: Db,
  sessionId: string,
  oldTokenHash: string,
  values: { tokenHash: string; expiresAt: Date; at: Date },
): Promise<SessionRow | null> {
  const [row] = await db
    .update(sessions)
    .set({ tokenHash: values.tokenHash, state: 'active', expiresAt: values.expiresAt, lastSeenAt: values.at })
    .where(and(eq(sessions.id, sessionId), eq(sessions.tokenHash, oldTokenHash), eq(sessions.state, 'mfa_pending'), isNull(sessions.revokedAt)))
    .returning();
  return row ?? null;
}

/** Active sessions that have not expired by the absolute limit (idle expiry is checked by the caller). */
export function listActiveSessions(db: Db, userId: string, now: Date): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.state, 'active'), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
}

export async function revokeSession(db: Db, userId: string, sessionId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Revokes every open session of the user except `keepSessionId` (all of them when null); returns how many. */
export async function revokeUserSessions(db: Db, userId: string, keepSessionId: string | null, now: Date): Promise<number> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (keepSessionId) conditions.push(ne(sessions.id, keepSessionId));
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return rows.length;
}

export interface EarlierSessions {
  any: boolean;
  /** One of them came from this IP with this browser. */
  sameClient: boolean;
  /** Every country the account signed in from before (placed sessions only). */
  countries: string[];
  /** The latest earlier sign-in placed in a country (one from a private address says nothing about travel). */
  previous: { country: string; at: Date } | null;
}

/**
 * The person's earlier completed sign-ins (`exceptId` left out), revoked and expired ones included:
 * whether there were any, whether one came from this IP with this browser (a first sign-in is not a
 * "new device"), the countries they came from, and the latest placed one.
 */
export async function earlierSessionsFrom(db: Db, userId: string, exceptId: string, client: { ip: string; userAgent: string | null }): Promise<EarlierSessions> {
  const earlier = and(eq(sessions.userId, userId), eq(sessions.state, 'active'), ne(sessions.id, exceptId));
  const rows = await db
    .select({ ip: sessions.ip, userAgent: sessions.userAgent, country: sessions.country, createdAt: sessions.createdAt })
    .from(sessions)
    .where(earlier)
    .orderBy(desc(sessions.createdAt))
    .limit(200);
  const countries = await db.selectDistinct({ country: sessions.country }).from(sessions).where(and(earlier, isNotNull(sessions.country)));
  const latest = rows.find((row) => row.country !== null);
  return {
    any: rows.length > 0,
    sameClient: rows.some((row) => row.ip === client.ip && row.userAgent === client.userAgent),
    countries: countries.flatMap((row) => (row.country ? [row.country] : [])),
    previous: latest?.country ? { country: latest.country, at: latest.createdAt } : null,
  };
}
