import type { Db } from '@adloop/db';
import type { LinkedIdentity } from '@adloop/contracts';
import type { AppContext } from '../../../platform/context.ts';
import { hashToken, randomToken } from '../../../platform/crypto.ts';
import { AppError, fieldError, notFound } from '../../../platform/errors.ts';
import { recordAudit, type AuditSource } from '../../audit/audit.writer.ts';
import { userSource, type ClientInfo } from '../auth.context.ts';
import { confirmGoogleLinkMessage } from '../auth.emails.ts';
import { appUrl } from '../email-links.ts';
import { assertPasswordConfirmed } from '../reauth.ts';
import { findUserById, updateUser, type UserRow } from '../users.repository.ts';
import {
  consumeLinkRequest,
  deleteIdentity,
  findOpenLinkRequest,
  insertIdentity,
  listIdentities,
  setLinkEmailToken,
  type LinkRequestRow,
} from './google-identities.repository.ts';
import { startGoogleSession, type GoogleSignedIn } from './google-session.ts';

const linkExpired = () => new AppError('gone', 'This Google sign-in has expired. Continue with Google again.');

async function openRequest(ctx: AppContext, linkToken: string | undefined): Promise<LinkRequestRow> {
  const request = linkToken ? await findOpenLinkRequest(ctx.db, hashToken(linkToken), ctx.clock.now()) : null;
  if (!request) throw linkExpired();
  return request;
}

/** The Google sign-in waiting in this browser for its account's confirmation. */
export async function getPendingLink(ctx: AppContext, linkToken: string | undefined): Promise<{ email: string; accountEmail: string; returnTo: string | null; expiresAt: string }> {
  const request = await openRequest(ctx, linkToken);
  const user = await findUserById(ctx.db, request.userId);
  if (!user) throw linkExpired();
  return { email: request.email, accountEmail: user.email, returnTo: request.returnTo, expiresAt: request.expiresAt.toISOString() };
}

/** Links the request's identity to its account; 409 when that Google account or another is linked meanwhile. */
async function link(ctx: AppContext, tx: Db, request: LinkRequestRow, client: ClientInfo, confirmedBy: 'password' | 'email') {
  const now = ctx.clock.now();
  const user = await findUserById(tx, request.userId);
  if (!user) throw linkExpired();
  const linked = await insertIdentity(tx, { userId: user.id, issuer: request.issuer, subject: request.subject, email: request.email, at: now });
  if (!linked) throw new AppError('conflict', 'A Google account is already linked to this Adloop account, or this Google account is linked to another one.');
  // Google vouched for the address and the account's owner confirmed: the email is proven.
  const verified = user.emailVerifiedAt ? user : ((await updateUser(tx, user.id, { emailVerifiedAt: now }, now)) ?? user);
  await recordAudit(tx, userSource(client, verified), { orgId: null, action: 'user.identity_linked', targetType: 'user', targetId: user.id, after: { provider: 'google', email: request.email, confirmedBy } });
  return verified;
}

/** The account's password confirms the link in the browser that came from Google; then it signs in. */
export async function confirmLinkWithPassword(
  ctx: AppContext,
  linkToken: string | undefined,
  password: string,
  client: ClientInfo,
  previousSessionToken: string | undefined,
): Promise<GoogleSignedIn & { user: UserRow }> {
  const request = await openRequest(ctx, linkToken);
  const user = await findUserById(ctx.db, request.userId);
  if (!user) throw linkExpired();
  await assertPasswordConfirmed(ctx, user, password, client, 'password');
  return ctx.db.transaction(async (tx) => {
    const consumed = await consumeLinkRequest(tx, { tokenHash: request.tokenHash }, ctx.clock.now());
    if (!consumed) throw linkExpired();
    const linkedUser = await link(ctx, tx, consumed, client, 'password');
    return { ...(await startGoogleSession(ctx, tx, linkedUser, client, previousSessionToken)), user: linkedUser };
  });
}

/** Emails the account a link that confirms instead of the password; only the newest link works. */
export async function emailLinkConfirmation(ctx: AppContext, linkToken: string | undefined): Promise<void> {
  const request = await openRequest(ctx, linkToken);
  await ctx.db.transaction(async (tx) => {
    const user = await findUserById(tx, request.userId);
    if (!user) throw linkExpired();
    const token = randomToken();
    await setLinkEmailToken(tx, request.id, hashToken(token));
    await ctx.mailer.send({ to: user.email, ...confirmGoogleLinkMessage(user.name, request.email, appUrl(ctx, '/link-google/confirm', { token })) }, { db: tx });
  });
}

/** The emailed link: links the Google account (signing in stays with "Continue with Google"). */
export async function confirmLinkByEmail(ctx: AppContext, emailToken: string, client: ClientInfo): Promise<{ email: string }> {
  return ctx.db.transaction(async (tx) => {
    const request = await consumeLinkRequest(tx, { emailTokenHash: hashToken(emailToken) }, ctx.clock.now());
    if (!request) throw fieldError('token', 'This link is invalid, already used or expired. Continue with Google again to get a new one.');
    await link(ctx, tx, request, client, 'email');
    return { email: request.email };
  });
}

export async function listLinkedIdentities(ctx: AppContext, userId: string): Promise<LinkedIdentity[]> {
  const rows = await listIdentities(ctx.db, userId);
  return rows.map((row) => ({ id: row.id, provider: row.provider, email: row.email, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null }));
}

/** Unlinks a Google account; the password (or a reset) still signs in. */
export async function unlinkIdentity(ctx: AppContext, userId: string, identityId: string, source: AuditSource): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const removed = await deleteIdentity(tx, userId, identityId);
    if (!removed) throw notFound('Linked account');
    await recordAudit(tx, source, { orgId: null, action: 'user.identity_unlinked', targetType: 'user', targetId: userId, before: { provider: removed.provider, email: removed.email } });
  });
}
