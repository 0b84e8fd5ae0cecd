import type { MeResponse, User } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { hashToken } from '../../platform/crypto.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { confirmEmailChangeMessage, emailChangedMessage, emailTakenMessage } from './auth.emails.ts';
import { toUserDto, userSource, type ClientInfo } from './auth.context.ts';
import { appUrl, issueEmailLink } from './email-links.ts';
import { consumeEmailToken } from './email-tokens.repository.ts';
import { assertPasswordConfirmed } from './reauth.ts';
import { findUserByEmail, findUserById, findUserForUpdate, listUserOrganizations, updateUser, type UserRow } from './users.repository.ts';

async function requireUserRow(ctx: AppContext, userId: string): Promise<UserRow> {
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue');
  return user;
}

/** The signed-in person and the organisations they belong to. */
export async function getMe(ctx: AppContext, userId: string): Promise<MeResponse> {
  const user = await requireUserRow(ctx, userId);
  return { user: toUserDto(user), organizations: await listUserOrganizations(ctx.db, userId) };
}

export async function updateProfile(ctx: AppContext, userId: string, input: { name: string }, source: AuditSource): Promise<User> {
  return ctx.db.transaction(async (tx) => {
    const before = await findUserForUpdate(tx, userId);
    if (!before) throw new AppError('unauthenticated', 'Sign in to continue');
    const after = await updateUser(tx, userId, { name: input.name }, ctx.clock.now());
    if (!after) throw new AppError('unauthenticated', 'Sign in to continue');
    if (before.name !== after.name) {
      await recordAudit(tx, source, { orgId: null, action: 'user.updated', targetType: 'user', targetId: userId, before: { name: before.name }, after: { name: after.name } });
    }
    return toUserDto(after);
  });
}

/**
 * Starts an email change: a confirmation link goes to the new address and nothing changes until
 * it is followed. If the new address already has an account, that address is told instead and the
 * caller sees the same answer (no account discovery).
 */
export async function requestEmailChange(
  ctx: AppContext,
  userId: string,
  input: { newEmail: string; password: string },
  client: ClientInfo,
  source: AuditSource,
): Promise<void> {
  const user = await requireUserRow(ctx, userId);
  await assertPasswordConfirmed(ctx, user, input.password, client, 'password');
  if (input.newEmail === user.email) throw fieldError('newEmail', 'This is already your email address');
  await ctx.db.transaction(async (tx) => {
    if (await findUserByEmail(tx, input.newEmail)) {
      await ctx.mailer.send({ to: input.newEmail, ...emailTakenMessage() }, { db: tx });
    } else {
      const url = await issueEmailLink(ctx, tx, user.id, 'change_email', input.newEmail);
      await ctx.mailer.send({ to: input.newEmail, ...confirmEmailChangeMessage(url) }, { db: tx });
    }
    await recordAudit(tx, source, { orgId: null, action: 'user.email_change_requested', targetType: 'user', targetId: user.id, after: { newEmail: input.newEmail } });
  });
}

/** Applies an email change from the link sent to the new address, and tells the old address. */
export async function confirmEmailChange(ctx: AppContext, token: string, client: ClientInfo): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const row = await consumeEmailToken(tx, 'change_email', hashToken(token), now);
    const user = row?.newEmail ? await findUserForUpdate(tx, row.userId) : null;
    if (!row?.newEmail || !user) throw fieldError('token', 'This confirmation link is invalid, already used or expired.');
    if (await findUserByEmail(tx, row.newEmail)) {
      throw new AppError('conflict', 'This email address now belongs to another account, so it cannot be used.');
    }
    await updateUser(tx, user.id, { email: row.newEmail, emailVerifiedAt: now }, now);
    await recordAudit(tx, userSource(client, user), { orgId: null, action: 'user.email_changed', targetType: 'user', targetId: user.id, before: { email: user.email }, after: { email: row.newEmail } });
    await ctx.mailer.send({ to: user.email, ...emailChangedMessage(row.newEmail, appUrl(ctx, '/forgot-password')) }, { db: tx });
  });
}
