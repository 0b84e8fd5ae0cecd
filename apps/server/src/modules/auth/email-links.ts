import type { Db } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { hashToken, randomToken } from '../../platform/crypto.ts';
import { insertEmailToken, voidEmailTokens, type EmailTokenPurpose } from './email-tokens.repository.ts';

/** Lifetime and web page of each kind of emailed link. */
const LINKS: Record<EmailTokenPurpose, { hours: number; path: string }> = {
  verify_email: { hours: 24, path: '/verify-email' },
  reset_password: { hours: 1, path: '/reset-password' },
  change_email: { hours: 24, path: '/confirm-email' },
};

/**
 * Issues a single-use link token (stored hashed) and returns the URL to email.
 * Older open links of the same purpose stop working, so only the newest email counts.
 */
export async function issueEmailLink(
  ctx: AppContext,
  db: Db,
  userId: string,
  purpose: EmailTokenPurpose,
  newEmail?: string,
): Promise<string> {
  const now = ctx.clock.now();
  const token = randomToken();
  const { hours, path } = LINKS[purpose];
  await voidEmailTokens(db, userId, purpose, now);
  await insertEmailToken(db, {
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + hours * 3_600_000),
    at: now,
    ...(newEmail ? { newEmail } : {}),
  });
  return appUrl(ctx, path, { token });
}

/** An absolute URL of the web app, e.g. for links in emails. */
export function appUrl(ctx: AppContext, path: string, query: Record<string, string> = {}): string {
  const url = new URL(path, `${ctx.config.publicUrl}/`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}
