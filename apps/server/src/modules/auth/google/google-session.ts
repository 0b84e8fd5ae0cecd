import type { Db } from '@adloop/db';
import type { AppContext } from '../../../platform/context.ts';
import { hashToken } from '../../../platform/crypto.ts';
import { recordAudit } from '../../audit/audit.writer.ts';
import { userSource, type ClientInfo } from '../auth.context.ts';
import { noticeSignIn } from '../security-notices.ts';
import { findLiveSessionByHash, revokeSession } from '../sessions.repository.ts';
import { startSession, type IssuedSession } from '../sessions.service.ts';
import type { UserRow } from '../users.repository.ts';

export interface GoogleSignedIn {
  status: 'signed_in' | 'mfa_required';
  /** Set these as the new cookies. */
  session: IssuedSession;
}

/**
 * Google vouched for the person: start their session the way a password sign-in does. An account
 * with MFA gets only a pending session that the second factor (`/auth/sign-in/mfa`) completes.
 */
export async function startGoogleSession(
  ctx: AppContext,
  tx: Db,
  user: UserRow,
  client: ClientInfo,
  previousToken: string | undefined,
): Promise<GoogleSignedIn> {
  const now = ctx.clock.now();
  if (previousToken) {
    const previous = await findLiveSessionByHash(tx, hashToken(previousToken), now);
    if (previous) await revokeSession(tx, previous.userId, previous.id, now);
  }
  if (user.mfaEnabledAt) {
    return { status: 'mfa_required', session: await startSession(ctx, tx, user.id, 'mfa_pending', client) };
  }
  const session = await startSession(ctx, tx, user.id, 'active', client);
  // The Google callback carries no device cookie: only the country is judged here.
  await noticeSignIn(ctx, tx, user, session.sessionId, client, 'unchecked');
  await recordAudit(tx, userSource(client, user, session.sessionId), { orgId: null, action: 'user.signed_in', targetType: 'session', targetId: session.sessionId, after: { method: 'google' } });
  return { status: 'signed_in', session };
}
