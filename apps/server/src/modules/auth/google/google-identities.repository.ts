import { and, asc, eq, gt, isNull, lt } from 'drizzle-orm';
import { identityLinkRequests, linkedIdentities, oidcSignInRequests, type Db } from '@adloop/db';

export type LinkedIdentityRow = typeof linkedIdentities.$inferSelect;
export type LinkRequestRow = typeof identityLinkRequests.$inferSelect;
export type SignInRequestRow = typeof oidcSignInRequests.$inferSelect;

export async function insertSignInRequest(
  db: Db,
  values: { stateHash: string; nonce: string; codeVerifierEnc: string; returnTo: string | null; userId: string | null; expiresAt: Date; at: Date },
): Promise<void> {
  await db.insert(oidcSignInRequests).values({ ...values, createdAt: values.at });
}

/** Marks the request used and returns it, only if unused and unexpired: a replayed state gets nothing. */
export async function consumeSignInRequest(db: Db, stateHash: string, now: Date): Promise<SignInRequestRow | null> {
  const [row] = await db
    .update(oidcSignInRequests)
    .set({ usedAt: now })
    .where(and(eq(oidcSignInRequests.stateHash, stateHash), isNull(oidcSignInRequests.usedAt), gt(oidcSignInRequests.expiresAt, now)))
    .returning();
  return row ?? null;
}

export async function findIdentity(db: Db, issuer: string, subject: string): Promise<LinkedIdentityRow | null> {
  const [row] = await db.select().from(linkedIdentities).where(and(eq(linkedIdentities.issuer, issuer), eq(linkedIdentities.subject, subject))).limit(1);
  return row ?? null;
}

/** Links the identity; null when it (or another Google account) is already linked, also under a race. */
export async function insertIdentity(
  db: Db,
  values: { userId: string; issuer: string; subject: string; email: string; at: Date },
): Promise<LinkedIdentityRow | null> {
  const [row] = await db
    .insert(linkedIdentities)
    .values({ userId: values.userId, provider: 'google', issuer: values.issuer, subject: values.subject, email: values.email, createdAt: values.at, lastUsedAt: values.at })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function touchIdentity(db: Db, identityId: string, email: string, at: Date): Promise<void> {
  await db.update(linkedIdentities).set({ lastUsedAt: at, email }).where(eq(linkedIdentities.id, identityId));
}

export function listIdentities(db: Db, userId: string): Promise<LinkedIdentityRow[]> {
  return db.select().from(linkedIdentities).where(eq(linkedIdentities.userId, userId)).orderBy(asc(linkedIdentities.createdAt));
}

export async function deleteIdentity(db: Db, userId: string, identityId: string): Promise<LinkedIdentityRow | null> {
  const [row] = await db.delete(linkedIdentities).where(and(eq(linkedIdentities.userId, userId), eq(linkedIdentities.id, identityId))).returning();
  return row ?? null;
}

export async function insertLinkRequest(
  db: Db,
  values: { userId: string; issuer: string; subject: string; email: string; tokenHash: string; returnTo: string | null; expiresAt: Date; at: Date },
): Promise<void> {
  await db.insert(identityLinkRequests).values({ ...values, provider: 'google', createdAt: values.at });
}

export async function findOpenLinkRequest(db: Db, tokenHash: string, now: Date): Promise<LinkRequestRow | null> {
  const [row] = await db
    .select()
    .from(identityLinkRequests)
    .where(and(eq(identityLinkRequests.tokenHash, tokenHash), isNull(identityLinkRequests.usedAt), gt(identityLinkRequests.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

/** Only the newest emailed link of a request works. */
export async function setLinkEmailToken(db: Db, requestId: string, emailTokenHash: string): Promise<void> {
  await db.update(identityLinkRequests).set({ emailTokenHash }).where(eq(identityLinkRequests.id, requestId));
}

/** Single use under concurrency: marks the open request used and returns it. */
export async function consumeLinkRequest(
  db: Db,
  by: { tokenHash: string } | { emailTokenHash: string },
  now: Date,
): Promise<LinkRequestRow | null> {
  const match = 'tokenHash' in by ? eq(identityLinkRequests.tokenHash, by.tokenHash) : eq(identityLinkRequests.emailTokenHash, by.emailTokenHash);
  const [row] = await db
    .update(identityLinkRequests)
    .set({ usedAt: now })
    .where(and(match, isNull(identityLinkRequests.usedAt), gt(identityLinkRequests.expiresAt, now)))
    .returning();
  return row ?? null;
}

/** Forgets sign-in and link requests that ended before `before` (used or not): they can never be used again. */
export async function deleteEndedRequests(db: Db, before: Date): Promise<void> {
  await db.delete(oidcSignInRequests).where(lt(oidcSignInRequests.expiresAt, before));
  await db.delete(identityLinkRequests).where(lt(identityLinkRequests.expiresAt, before));
}
