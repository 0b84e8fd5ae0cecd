import type { AcceptInvitationResponse, InvitationPreview } from '@adloop/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { hashToken } from '../../platform/crypto.ts';
import type { UserActor } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { createInvitationsRepository } from './invitations.repository.ts';
import { invitationStatus } from './invitations.rules.ts';
import { createMembersRepository } from './members.repository.ts';
import { assertWithinPlan } from '../billing/limits.ts';

const GONE_MESSAGES = {
  expired: 'This invitation has expired. Ask an admin of the organisation to invite you again.',
  used: 'This invitation has already been used.',
  revoked: 'This invitation was withdrawn. Ask an admin of the organisation to invite you again.',
} as const;

async function findByToken(ctx: AppContext, token: string) {
  const row = await createInvitationsRepository(ctx.db).findByTokenHash(hashToken(token));
  if (!row) throw notFound('Invitation');
  return row;
}

/** What the holder of an invitation link sees before accepting; the token is the only credential. */
export async function previewInvitation(ctx: AppContext, token: string): Promise<z.output<typeof InvitationPreview>> {
  const row = await findByToken(ctx, token);
  return {
    organization: { id: row.orgId, name: row.orgName },
    inviter: row.inviterId ? { name: row.inviterName ?? '', email: row.inviterEmail ?? '' } : null,
    email: row.email,
    role: row.role,
    status: invitationStatus(row, ctx.clock.now()),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/**
 * Joins the invitation's organisation. Only the person the invitation was sent to may accept it,
 * once, before it expires, and only with that address verified (proof they own the mailbox).
 */
export async function acceptInvitation(
  ctx: AppContext,
  user: UserActor,
  source: AuditSource,
  token: string,
): Promise<z.output<typeof AcceptInvitationResponse>> {
  const row = await findByToken(ctx, token);
  const now = ctx.clock.now();
  const status = invitationStatus(row, now);
  if (status !== 'valid') throw new AppError('gone', GONE_MESSAGES[status]);
  const account = await createInvitationsRepository(ctx.db).findAccount(user.userId);
  if (!account || account.email !== row.email) {
    throw forbidden(`This invitation was sent to ${row.email}. Sign in with that address to accept it.`);
  }
  if (!account.emailVerifiedAt) {
    throw new AppError('email_not_verified', 'Verify your email address before accepting the invitation');
  }
  if (!(await createMembersRepository(ctx.db).find(row.orgId, user.userId))) await assertWithinPlan(ctx, ctx.db, row.orgId, 'users');
  return ctx.db.transaction(async (tx) => {
    const members = createMembersRepository(tx);
    if (await members.find(row.orgId, user.userId)) {
      throw new AppError('conflict', 'You are already a member of this organisation');
    }
    // The conditional update is the single-use guarantee when two accepts race.
    if (!(await createInvitationsRepository(tx).markAccepted(row.orgId, row.id, now))) {
      throw new AppError('gone', GONE_MESSAGES.used);
    }
    await members.insert(row.orgId, user.userId, row.role, now);
    await recordAudit(tx, source, {
      orgId: row.orgId, action: 'invitation.accepted', targetType: 'invitation', targetId: row.id,
      after: { userId: user.userId, email: row.email, role: row.role },
    });
    return { organization: { id: row.orgId, name: row.orgName }, role: row.role };
  });
}
