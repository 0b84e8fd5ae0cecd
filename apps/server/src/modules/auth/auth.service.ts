import { randomUUID } from 'node:crypto';
import type { User } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { hashToken } from '../../platform/crypto.ts';
import { fieldError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/audit.writer.ts';
import { signUpAttemptMessage, verifyEmailMessage } from './auth.emails.ts';
import { toUserDto, userSource, type ClientInfo } from './auth.context.ts';
import { appUrl, issueEmailLink } from './email-links.ts';
import { consumeEmailToken, latestOpenTokenAt } from './email-tokens.repository.ts';
import { assertPasswordAllowed, hashPassword } from './passwords.ts';
import { findUserByEmail, findUserById, insertUser, updateUser } from './users.repository.ts';
import { insertOrganizationWithOwner } from '../orgs/orgs.service.ts';

/** A new verification email is sent at most this often per account. */
const RESEND_COOLDOWN_MS = 60_000;

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
  organizationName?: string | undefined;
  reportingCurrency?: string | undefined;
  timeZone?: string | undefined;
}

/**
 * Creates an unverified account (and its organisation when a name is given) and emails a
 * verification link. When the email is taken, the answer looks the same and the owner of the
 * address gets a heads-up instead, so sign-up cannot be used to find out who has an account.
 */
export async function signUp(ctx: AppContext, input: SignUpInput, client: ClientInfo): Promise<User> {
  assertPasswordAllowed(input.password);
  // Hashing also runs for a taken email, so both answers take as long.
  const passwordHash = await hashPassword(input.password);
  const orgName = input.organizationName?.trim();
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const user = await insertUser(tx, { email: input.email, name: input.name, passwordHash, at: now });
    if (!user) {
      const existing = await findUserByEmail(tx, input.email);
      if (existing && !existing.emailVerifiedAt) {
        const url = await issueEmailLink(ctx, tx, existing.id, 'verify_email');
        await ctx.mailer.send({ to: existing.email, ...verifyEmailMessage(existing.name, url) }, { db: tx });
      } else {
        const message = signUpAttemptMessage(appUrl(ctx, '/sign-in'), appUrl(ctx, '/forgot-password'));
        await ctx.mailer.send({ to: input.email, ...message }, { db: tx });
      }
      return lookalikeUser(input, now);
    }
    const source = userSource(client, user);
    await recordAudit(tx, source, { orgId: null, action: 'user.signed_up', targetType: 'user', targetId: user.id, after: { email: user.email, name: user.name } });
    if (orgName) await insertOrganizationWithOwner(tx, source, user.id, orgName, now, { reportingCurrency: input.reportingCurrency, timeZone: input.timeZone });
    const url = await issueEmailLink(ctx, tx, user.id, 'verify_email');
    await ctx.mailer.send({ to: user.email, ...verifyEmailMessage(user.name, url) }, { db: tx });
    return toUserDto(user);
  });
}

/** What a fresh sign-up would answer, for an email that is already taken. */
function lookalikeUser(input: SignUpInput, now: Date): User {
  return { id: randomUUID(), email: input.email, name: input.name, emailVerified: false, mfaEnabled: false, createdAt: now.toISOString() };
}

/** Marks the email verified via the emailed link; 400 naming `token` when the link is bad, used or expired. */
export async function verifyEmail(ctx: AppContext, token: string, client: ClientInfo): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const row = await consumeEmailToken(tx, 'verify_email', hashToken(token), now);
    const user = row && (await findUserById(tx, row.userId));
    if (!user) throw fieldError('token', 'This verification link is invalid, already used or expired. Ask for a new one.');
    if (user.emailVerifiedAt) return;
    await updateUser(tx, user.id, { emailVerifiedAt: now }, now);
    await recordAudit(tx, userSource(client, user), { orgId: null, action: 'user.email_verified', targetType: 'user', targetId: user.id, after: { email: user.email } });
  });
}

/** Sends a new verification link to an unverified account; silently does nothing otherwise. */
export async function resendVerification(ctx: AppContext, email: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const user = await findUserByEmail(tx, email);
    if (!user || user.emailVerifiedAt) return;
    const last = await latestOpenTokenAt(tx, user.id, 'verify_email', now);
    if (last && now.getTime() - last.getTime() < RESEND_COOLDOWN_MS) return;
    const url = await issueEmailLink(ctx, tx, user.id, 'verify_email');
    await ctx.mailer.send({ to: user.email, ...verifyEmailMessage(user.name, url) }, { db: tx });
  });
}
