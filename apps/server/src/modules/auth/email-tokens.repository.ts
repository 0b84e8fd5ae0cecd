import { and, eq, gt, isNull } from 'drizzle-orm';
import { emailTokens, type Db } from '@adloop/db';

export type EmailTokenPurpose = (typeof emailTokens.$inferSelect)['purpose'];
export type EmailTokenRow = typeof emailTokens.$inferSelect;

export async function insertEmailToken(
  db: Db,
  values: { userId: string; purpose: EmailTokenPurpose; tokenHash: string; newEmail?: string; expiresAt: Date; at: Date },
): Promise<void> {
  await db.insert(emailTokens).values({
    userId: values.userId,
    purpose: values.purpose,
    tokenHash: values.tokenHash,
    newEmail: values.newEmail ?? null,
    expiresAt: values.expiresAt,
    createdAt: values.at,
  });
}

/**
 * Marks the token used and returns it, only if it exists for `purpose`, is unused and unexpired.
 * The conditional UPDATE makes the token single-use even under concurrent requests.
 */
export async function consumeEmailToken(db: Db, purpose: EmailTokenPurpose, tokenHash: string, now: Date): Promise<EmailTokenRow | null> {
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.tokenHash, tokenHash),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .returning();
  return row ?? null;
}

/** Voids the user's other open tokens of this purpose, so only the newest link works. */
export async function voidEmailTokens(db: Db, userId: string, purpose: EmailTokenPurpose, now: Date): Promise<void> {
  await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
}

/** When the newest open token of this purpose was issued (to refuse resending too often). */
export async function latestOpenTokenAt(db: Db, userId: string, purpose: EmailTokenPurpose, now: Date): Promise<Date | null> {
  const rows = await db
    .select({ createdAt: emailTokens.createdAt })
    .from(emailTokens)
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)));
  return rows.reduce<Date | null>((latest, row) => (!latest || row.createdAt > latest ? row.createdAt : latest), null);
}
