import type { SignInResponse, User } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { hashToken } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/audit.writer.ts';
import { toUserDto, userSource, type ClientInfo } from './auth.context.ts';
import { checkSecondFactor } from './mfa.service.ts';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { findLiveSessionByHash, revokeSession } from './sessions.repository.ts';
import { promotePendingSession, startSession, type IssuedSession } from './sessions.service.ts';
import { reserveAttempt } from './throttle.ts';
import { noticeFailedSignIns, noticeSignIn } from './security-notices.ts';
import { attemptKeyFor, knownDevice } from './trusted-device.ts';
import { findUserByEmail, findUserById, updateUser } from './users.repository.ts';

/** One message for an unknown email and a wrong password, so neither reveals which it was. */
const invalidCredentials = () => new AppError('invalid_credentials', 'The email or password is incorrect');
const invalidCode = () => new AppError('invalid_credentials', 'That code is not valid. Check your authenticator app and try again.');

export interface SignInResult {
  response: SignInResponse;
  /** Set these as the new cookies. */
  session: IssuedSession;
}

/**
 * The password step. Accounts with MFA get a short-lived pending session that only
 * `completeMfaSignIn` can use. A session the browser already had is ended (new token every sign-in).
 */
export async function signIn(
  ctx: AppContext,
  input: { email: string; password: string },
  client: ClientInfo,
  previousToken: string | undefined,
  deviceCookie?: string,
): Promise<SignInResult> {
  const key = attemptKeyFor(ctx, deviceCookie, input.email, client.ip);
  const attempt = await reserveAttempt(ctx.db, ctx.clock, key);
  const user = await findUserByEmail(ctx.db, input.email);
  if (!user) await burnPasswordCheck(input.password);
  const isValid = user ? await verifyPassword(user.passwordHash, input.password) : false;
  if (user && !isValid) await noticeFailedSignIns(ctx, user, client);
  if (!user || !isValid) throw invalidCredentials();
  // The password is proven; with MFA this is half a sign-in, and a wrong code counts on its own.
  await attempt.succeeded();
  // Only now, with the password proven, may the answer depend on the account's state.
  if (!user.emailVerifiedAt) {
    throw new AppError('email_not_verified', 'Verify your email address first: use the link we sent you, or ask for a new one.');
  }
  const newHash = needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    if (newHash) await updateUser(tx, user.id, { passwordHash: newHash }, now);
    if (previousToken) {
      const previous = await findLiveSessionByHash(tx, hashToken(previousToken), now);
      if (previous) await revokeSession(tx, previous.userId, previous.id, now);
    }
    if (user.mfaEnabledAt) {
      const session = await startSession(ctx, tx, user.id, 'mfa_pending', client);
      return { response: { status: 'mfa_required' as const }, session };
    }
    const session = await startSession(ctx, tx, user.id, 'active', client);
    await noticeSignIn(ctx, tx, user, session.sessionId, client, { isKnown: knownDevice(ctx, deviceCookie, user.email) !== null });
    await recordAudit(tx, userSource(client, user, session.sessionId), { orgId: null, action: 'user.signed_in', targetType: 'session', targetId: session.sessionId, after: { method: 'password' } });
    return { response: { status: 'signed_in' as const, user: toUserDto(user) }, session };
  });
}

/**
 * The second step: a TOTP or recovery code turns the pending session into an active one under a
 * new token. Wrong codes count as failed sign-ins for throttling.
 */
export async function completeMfaSignIn(
  ctx: AppContext,
  pendingToken: string | undefined,
  code: string,
  client: ClientInfo,
  deviceCookie?: string,
): Promise<{ user: User; session: IssuedSession }> {
  const expired = () => new AppError('unauthenticated', 'Your sign-in has expired. Enter your email and password again.');
  const tokenHash = pendingToken ? hashToken(pendingToken) : null;
  const pending = tokenHash ? await findLiveSessionByHash(ctx.db, tokenHash, ctx.clock.now()) : null;
  const user = pending?.state === 'mfa_pending' ? await findUserById(ctx.db, pending.userId) : null;
  if (!pending || !tokenHash || !user) throw expired();
  const key = attemptKeyFor(ctx, deviceCookie, user.email, client.ip);
  const attempt = await reserveAttempt(ctx.db, ctx.clock, key);
  const result = await ctx.db.transaction(async (tx) => {
    const method = await checkSecondFactor(ctx, tx, user, code);
    if (!method) return null;
    const session = await promotePendingSession(ctx, tx, pending.id, tokenHash);
    if (!session) throw expired();
    await attempt.succeeded(tx);
    await noticeSignIn(ctx, tx, user, session.sessionId, client, { isKnown: knownDevice(ctx, deviceCookie, user.email) !== null });
    await recordAudit(tx, userSource(client, user, session.sessionId), { orgId: null, action: 'user.signed_in', targetType: 'session', targetId: session.sessionId, after: { method } });
    return { user: toUserDto(user), session };
  });
  if (!result) throw invalidCode();
  return result;
}

/** Ends the session behind `token` (active or pending); signing out twice is harmless. */
export async function signOut(ctx: AppContext, token: string | undefined, client: ClientInfo): Promise<void> {
  if (!token) return;
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const session = await findLiveSessionByHash(tx, hashToken(token), now);
    if (!session || !(await revokeSession(tx, session.userId, session.id, now))) return;
    const user = session.state === 'active' ? await findUserById(tx, session.userId) : null;
    if (user) {
      await recordAudit(tx, userSource(client, user, session.id), { orgId: null, action: 'user.signed_out', targetType: 'session', targetId: session.id });
    }
  });
}
