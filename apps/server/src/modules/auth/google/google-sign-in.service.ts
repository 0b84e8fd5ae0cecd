import type { Db } from '@adloop/db';
import type { AppContext } from '../../../platform/context.ts';
import { decryptSecret, encryptSecret, hashToken, randomToken, safeEqual } from '../../../platform/crypto.ts';
import { AppError } from '../../../platform/errors.ts';
import { recordAudit } from '../../audit/audit.writer.ts';
import { userSource, type ClientInfo } from '../auth.context.ts';
import { hashPassword } from '../passwords.ts';
import { findUserByEmail, findUserById, insertUser, updateUser, type UserRow } from '../users.repository.ts';
import { beginAuthorization, finishAuthorization, googleCallbackUrl, resolveGoogleProvider, type GoogleIdentity } from './google-oidc.client.ts';
import { consumeSignInRequest, deleteEndedRequests, findIdentity, insertIdentity, insertLinkRequest, insertSignInRequest, touchIdentity } from './google-identities.repository.ts';
import { startGoogleSession, type GoogleSignedIn } from './google-session.ts';

const REQUEST_MINUTES = 10;
export const LINK_REQUEST_MINUTES = 30;

/** Why a Google sign-in did not finish; the web app words each one. */
export type GoogleFailure = 'unavailable' | 'denied' | 'mismatch' | 'expired' | 'unverified' | 'failed' | 'linked' | 'taken';

export type GoogleCallbackOutcome =
  | (GoogleSignedIn & { returnTo: string | null })
  | { status: 'link_required'; linkToken: string }
  | { status: 'failed'; reason: GoogleFailure };

const verifierAad = (stateHash: string) => `oidc-sign-in:${stateHash}`;

/**
 * Starts an authorization request; the caller puts `state` in this browser's cookie. With
 * `linkUserId` (a signed-in person in Settings) the Google account is offered to that account.
 */
export async function startGoogleSignIn(ctx: AppContext, returnTo: string | null, linkUserId: string | null = null): Promise<{ url: string; state: string }> {
  const provider = resolveGoogleProvider(ctx);
  if (!provider) throw new AppError('not_found', 'Sign in with Google is not set up on this installation');
  let started;
  try {
    started = await beginAuthorization(provider, googleCallbackUrl(ctx));
  } catch (error) {
    ctx.logger.warn({ err: error, issuer: provider.issuer }, 'Google sign-in discovery failed');
    throw new AppError('upstream_failed', 'Google could not be reached. Try again in a moment.');
  }
  const now = ctx.clock.now();
  // Requests live minutes; each start clears those that ended a day ago, so the tables stay small.
  await deleteEndedRequests(ctx.db, new Date(now.getTime() - 86_400_000));
  const stateHash = hashToken(started.state);
  await insertSignInRequest(ctx.db, {
    stateHash,
    nonce: started.nonce,
    codeVerifierEnc: encryptSecret(ctx.secretKey, started.codeVerifier, verifierAad(stateHash)),
    returnTo,
    userId: linkUserId,
    expiresAt: new Date(now.getTime() + REQUEST_MINUTES * 60_000),
    at: now,
  });
  return { url: started.url, state: started.state };
}

export interface GoogleCallbackInput {
  query: { code?: string | undefined; state?: string | undefined; error?: string | undefined };
  /** The callback's query string as Google sent it (the id_token checks read it whole). */
  search: string;
  /** The state this browser started with (its cookie). */
  stateCookie: string | undefined;
  previousSessionToken: string | undefined;
}

/**
 * The browser is back from Google. The state must be this browser's and unused; the code is
 * exchanged and the id_token checked; then: a linked identity signs in, a new email gets an
 * account, an email of an existing account waits for that account to confirm the link.
 */
export async function completeGoogleSignIn(ctx: AppContext, input: GoogleCallbackInput, client: ClientInfo): Promise<GoogleCallbackOutcome> {
  const fail = (reason: GoogleFailure) => ({ status: 'failed' as const, reason });
  const provider = resolveGoogleProvider(ctx);
  if (!provider) return fail('unavailable');
  const { state } = input.query;
  if (!state || !input.stateCookie || !safeEqual(state, input.stateCookie)) return fail('mismatch');
  const stateHash = hashToken(state);
  const request = await consumeSignInRequest(ctx.db, stateHash, ctx.clock.now());
  if (!request) return fail('expired');
  if (input.query.error || !input.query.code) return fail('denied');
  const callbackUrl = new URL(googleCallbackUrl(ctx));
  callbackUrl.search = input.search;
  let identity: GoogleIdentity;
  try {
    const codeVerifier = decryptSecret(ctx.secretKey, request.codeVerifierEnc, verifierAad(stateHash));
    identity = await finishAuthorization(provider, callbackUrl, { state, nonce: request.nonce, codeVerifier });
  } catch (error) {
    ctx.logger.warn({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'Google sign-in refused: the answer did not verify');
    return fail('failed');
  }
  if (!identity.emailVerified) return fail('unverified');
  const linkUserId = request.userId;
  return ctx.db.transaction(async (tx) => {
    if (linkUserId) return offerToAccount(ctx, tx, identity, linkUserId, request.returnTo);
    const outcome = await decide(ctx, tx, identity, client, input.previousSessionToken);
    return 'session' in outcome ? { ...outcome, returnTo: request.returnTo } : outcome;
  });
}

async function decide(ctx: AppContext, tx: Db, identity: GoogleIdentity, client: ClientInfo, previousToken: string | undefined): Promise<GoogleSignedIn | { status: 'link_required'; linkToken: string }> {
  const now = ctx.clock.now();
  const linked = await findIdentity(tx, identity.issuer, identity.subject);
  const linkedUser = linked ? await findUserById(tx, linked.userId) : null;
  if (linked && linkedUser) {
    await touchIdentity(tx, linked.id, identity.email, now);
    return startGoogleSession(ctx, tx, linkedUser, client, previousToken);
  }
  const existing = await findUserByEmail(tx, identity.email);
  const created = existing ? null : await createGoogleUser(ctx, tx, identity, client);
  if (created) return startGoogleSession(ctx, tx, created, client, previousToken);
  const owner = existing ?? (await findUserByEmail(tx, identity.email));
  if (!owner) throw new AppError('conflict', 'The account changed while signing in. Try again.');
  // Never linked silently: the owner of the existing account must confirm (password or emailed link).
  return requestLink(ctx, tx, identity, owner.id, null);
}

async function requestLink(ctx: AppContext, tx: Db, identity: GoogleIdentity, userId: string, returnTo: string | null): Promise<{ status: 'link_required'; linkToken: string }> {
  const now = ctx.clock.now();
  const linkToken = randomToken();
  await insertLinkRequest(tx, {
    userId, issuer: identity.issuer, subject: identity.subject, email: identity.email,
    tokenHash: hashToken(linkToken), returnTo, expiresAt: new Date(now.getTime() + LINK_REQUEST_MINUTES * 60_000), at: now,
  });
  return { status: 'link_required', linkToken };
}

/** Linking from Settings: the signed-in account still confirms with its password (a borrowed session is not enough). */
async function offerToAccount(ctx: AppContext, tx: Db, identity: GoogleIdentity, userId: string, returnTo: string | null): Promise<GoogleCallbackOutcome> {
  const linked = await findIdentity(tx, identity.issuer, identity.subject);
  if (linked) return { status: 'failed', reason: linked.userId === userId ? 'linked' : 'taken' };
  return requestLink(ctx, tx, identity, userId, returnTo);
}

/**
 * A new account whose email Google verified. It gets an unguessable password nobody knows;
 * "Forgot your password?" sets a real one. Null when the email was taken meanwhile.
 */
async function createGoogleUser(ctx: AppContext, tx: Db, identity: GoogleIdentity, client: ClientInfo): Promise<UserRow | null> {
  const now = ctx.clock.now();
  const name = identity.name.slice(0, 100) || identity.email.split('@')[0] || identity.email;
  const inserted = await insertUser(tx, { email: identity.email, name, passwordHash: await hashPassword(randomToken()), at: now });
  if (!inserted) return null;
  const user = (await updateUser(tx, inserted.id, { emailVerifiedAt: now }, now)) ?? inserted;
  const link = await insertIdentity(tx, { userId: user.id, issuer: identity.issuer, subject: identity.subject, email: identity.email, at: now });
  const source = userSource(client, user);
  await recordAudit(tx, source, { orgId: null, action: 'user.signed_up', targetType: 'user', targetId: user.id, after: { email: user.email, name: user.name, method: 'google' } });
  if (link) await recordAudit(tx, source, { orgId: null, action: 'user.identity_linked', targetType: 'user', targetId: user.id, after: { provider: 'google', email: identity.email } });
  return user;
}
