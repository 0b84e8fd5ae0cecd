import type { AppContext } from '../../platform/context.ts';
import { hashToken } from '../../platform/crypto.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { passwordChangedMessage, resetPasswordMessage } from './auth.emails.ts';
import { userSource, type ClientInfo } from './auth.context.ts';
import { appUrl, issueEmailLink } from './email-links.ts';
import { consumeEmailToken, voidEmailTokens } from './email-tokens.repository.ts';
import { assertPasswordAllowed, hashPassword } from './passwords.ts';
import { assertPasswordConfirmed } from './reauth.ts';
import { revokeUserSessions } from './sessions.repository.ts';
import { findUserByEmail, findUserById, findUserForUpdate, updateUser } from './users.repository.ts';

/** Changes the password of a signed-in person and ends every other session they have. */
export async function changePassword(
  ctx: AppContext,
  actor: { userId: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
  source: AuditSource,
): Promise<void> {
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue');
  await assertPasswordConfirmed(ctx, user, input.currentPassword, client, 'currentPassword');
  assertPasswordAllowed(input.newPassword, 'newPassword');
  if (input.newPassword === input.currentPassword) throw fieldError('newPassword', 'Choose a password different from the current one');
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await updateUser(tx, user.id, { passwordHash }, now);
    const revoked = await revokeUserSessions(tx, user.id, actor.sessionId, now);
    // A reset link requested before the change must not undo it.
    await voidEmailTokens(tx, user.id, 'reset_password', now);
    await recordAudit(tx, source, { orgId: null, action: 'user.password_changed', targetType: 'user', targetId: user.id, after: { otherSessionsEnded: revoked } });
    await ctx.mailer.send({ to: user.email, ...passwordChangedMessage(appUrl(ctx, '/forgot-password')) }, { db: tx });
  });
}

/** Emails a reset link when the account exists; the caller always answers the same. */
export async function forgotPassword(ctx: AppContext, email: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) return;
    const url = await issueEmailLink(ctx, tx, user.id, 'reset_password');
    await ctx.mailer.send({ to: user.email, ...resetPasswordMessage(url) }, { db: tx });
  });
}

/**
 * Sets a new password from an emailed link and ends every session (whoever had the old password
 * is signed out). Following the link also proves the address, so it counts as verified.
 */
export async function resetPassword(ctx: AppContext, input: { token: string; password: string }, client: ClientInfo): Promise<void> {
  assertPasswordAllowed(input.password, 'password');
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const row = await consumeEmailToken(tx, 'reset_password', hashToken(input.token), now);
    const user = row && (await findUserForUpdate(tx, row.userId));
    if (!user) throw fieldError('token', 'This reset link is invalid, already used or expired. Ask for a new one.');
    await updateUser(tx, user.id, { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now }, now);
    const revoked = await revokeUserSessions(tx, user.id, null, now);
    await recordAudit(tx, userSource(client, user), { orgId: null, action: 'user.password_reset', targetType: 'user', targetId: user.id, after: { sessionsEnded: revoked } });
  });
}
