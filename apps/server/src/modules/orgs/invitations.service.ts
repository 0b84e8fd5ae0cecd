import { z } from 'zod';
import type { Invitation } from '@adloop/contracts';
import type { Role } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { hashToken, randomToken } from '../../platform/crypto.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { createInvitationsRepository, type InvitationRow } from './invitations.repository.ts';
import { INVITATION_TTL_MS, invitationEmail, invitationStatus } from './invitations.rules.ts';
import { createMembersRepository } from './members.repository.ts';
import { createOrgsRepository } from './orgs.repository.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { assignableRoles } from './permissions.ts';
import { assertSeatForInvitation } from '../billing/limits.ts';

const InvitationCursor = z.tuple([z.string(), z.uuid()]);

/** The API shape of an invitation row; never includes the token (only its hash is stored). */
export function presentInvitation(row: InvitationRow, now: Date): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: invitationStatus(row, now),
    invitedBy: row.inviterId ? { id: row.inviterId, email: row.inviterEmail ?? '', name: row.inviterName ?? '' } : null,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listInvitations(ctx: AppContext, orgId: string, query: { cursor?: string | undefined; limit: number }): Promise<Page<Invitation>> {
  const after = decodeCursor(query.cursor, InvitationCursor);
  const rows = await createInvitationsRepository(ctx.db).listPending(orgId, { after, limit: query.limit + 1 });
  const now = ctx.clock.now();
  return toPage(rows, query.limit, (row) => presentInvitation(row, now), (row) => [row.email, row.id]);
}

/**
 * Invites `email` with `role` and emails the link, in one transaction (the email job is enqueued
 * in it). An earlier pending invitation to the same address is revoked: the newest link wins.
 */
export async function createInvitation(
  ctx: AppContext,
  access: OrgAccess,
  source: AuditSource,
  input: { email: string; role: Role },
): Promise<Invitation> {
  if (access.actor.kind !== 'user' || access.role === null) throw forbidden('Only people can invite');
  const inviterId = access.actor.userId;
  if (!assignableRoles(access.role).includes(input.role)) {
    throw forbidden(`As ${access.role} you cannot invite someone as ${input.role}`);
  }
  await assertSeatForInvitation(ctx, ctx.db, access.orgId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const members = createMembersRepository(tx);
    const invitations = createInvitationsRepository(tx);
    const org = await createOrgsRepository(tx).findById(access.orgId);
    if (!org) throw notFound('Organisation');
    if (await members.findByEmail(access.orgId, input.email)) {
      throw new AppError('conflict', `${input.email} is already a member of this organisation`);
    }
    for (const replacedId of await invitations.revokePending(access.orgId, { email: input.email }, now)) {
      await recordAudit(tx, source, {
        orgId: access.orgId, action: 'invitation.revoked', targetType: 'invitation', targetId: replacedId,
        after: { email: input.email, reason: 'replaced by a new invitation' },
      });
    }
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const id = await invitations.insert(access.orgId, { ...input, tokenHash: hashToken(token), invitedBy: inviterId, expiresAt, createdAt: now });
    const inviter = await members.find(access.orgId, inviterId);
    const link = `${ctx.config.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
    const email = invitationEmail({ orgName: org.name, inviterName: inviter?.name || inviter?.email || '', role: input.role, link, expiresAt });
    await ctx.mailer.send({ to: input.email, ...email }, { db: tx });
    await recordAudit(tx, source, {
      orgId: access.orgId, action: 'invitation.created', targetType: 'invitation', targetId: id,
      after: { email: input.email, role: input.role, expiresAt: expiresAt.toISOString() },
    });
    const row = await invitations.findById(access.orgId, id);
    if (!row) throw notFound('Invitation');
    return presentInvitation(row, now);
  });
}

/** Revokes a pending invitation; one already used or revoked is a 409, an unknown one 404. */
export async function revokeInvitation(ctx: AppContext, access: OrgAccess, source: AuditSource, invitationId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const invitations = createInvitationsRepository(tx);
    const row = await invitations.findById(access.orgId, invitationId);
    if (!row) throw notFound('Invitation');
    const [revoked] = await invitations.revokePending(access.orgId, { id: invitationId }, ctx.clock.now());
    if (!revoked) throw new AppError('conflict', `This invitation was already ${row.acceptedAt ? 'accepted' : 'revoked'}`);
    await recordAudit(tx, source, {
      orgId: access.orgId, action: 'invitation.revoked', targetType: 'invitation', targetId: invitationId,
      before: { email: row.email, role: row.role },
    });
  });
}
