import { z } from 'zod';
import type { Member } from '@adloop/contracts';
import type { Role } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { canSeeAccount, type OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { createMembersRepository, type MemberRow } from './members.repository.ts';
import { createMemberAccountsRepository } from './member-accounts.repository.ts';
import { membershipChangeError } from './members.rules.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';

const MemberCursor = z.tuple([z.string()]);

/** `adAccountIds` are the member's assignments; pass null for any other role (they see every account). */
function present(row: MemberRow, adAccountIds: string[] | null): Member {
  return {
    userId: row.userId,
    email: row.email,
    name: row.name,
    role: row.role,
    mfaEnabled: row.mfaEnabledAt !== null,
    joinedAt: row.joinedAt.toISOString(),
    adAccountIds: row.role === 'member' ? (adAccountIds ?? []) : null,
  };
}

/** Each member's assigned accounts are narrowed to the caller's own: a member learns no ids of accounts they do not work on. */
export async function listMembers(ctx: AppContext, access: OrgAccess, query: { cursor?: string | undefined; limit: number }): Promise<Page<Member>> {
  const orgId = access.orgId;
  const after = decodeCursor(query.cursor, MemberCursor);
  const rows = await createMembersRepository(ctx.db).list(orgId, { afterEmail: after?.[0] ?? null, limit: query.limit + 1 });
  const assigned = await createMemberAccountsRepository(ctx.db).listFor(orgId, rows.filter((r) => r.role === 'member').map((r) => r.userId));
  const visible = (ids: string[] | undefined) => (ids ?? []).filter((id) => canSeeAccount(access, id));
  return toPage(rows, query.limit, (row) => present(row, visible(assigned.get(row.userId))), (row) => [row.email]);
}

/** The caller's role, which only people have; API keys never reach member management. */
function actorRoleOf(access: OrgAccess): { role: Role; userId: string } {
  if (access.actor.kind !== 'user' || access.role === null) throw forbidden('Only people can manage members');
  return { role: access.role, userId: access.actor.userId };
}

/**
 * Changes a member's role under the rules in members.rules.ts; a no-op change is not audited.
 * Leaving the `member` role drops the account assignments: they would be meaningless for the new
 * role, and a later return to `member` starts from none rather than from forgotten old access.
 */
export async function changeMemberRole(ctx: AppContext, access: OrgAccess, source: AuditSource, userId: string, role: Role): Promise<Member> {
  const actor = actorRoleOf(access);
  return ctx.db.transaction(async (tx) => {
    const members = createMembersRepository(tx);
    const ownerCount = await members.lockOwners(access.orgId);
    const target = await members.find(access.orgId, userId, { forUpdate: true });
    if (!target) throw notFound('Member');
    const assignments = createMemberAccountsRepository(tx);
    if (target.role === role) return present(target, await assignments.list(access.orgId, userId));
    const error = membershipChangeError({ actorRole: actor.role, isSelf: actor.userId === userId, targetRole: target.role, newRole: role, ownerCount });
    if (error) throw error;
    await members.updateRole(access.orgId, userId, role);
    const dropped = await assignments.deleteAll(access.orgId, userId);
    await recordAudit(tx, source, {
      orgId: access.orgId,
      action: 'member.role_changed',
      targetType: 'member',
      targetId: userId,
      before: { role: target.role, email: target.email, ...(dropped.length > 0 ? { adAccountIds: dropped } : {}) },
      after: { role, email: target.email },
    });
    return present({ ...target, role }, []);
  });
}

/** Removes a member, or lets people leave when `userId` is their own (audited as `member.left`). */
export async function removeMember(ctx: AppContext, access: OrgAccess, source: AuditSource, userId: string): Promise<void> {
  const actor = actorRoleOf(access);
  const isSelf = actor.userId === userId;
  await ctx.db.transaction(async (tx) => {
    const members = createMembersRepository(tx);
    const ownerCount = await members.lockOwners(access.orgId);
    const target = await members.find(access.orgId, userId, { forUpdate: true });
    if (!target) throw notFound('Member');
    const error = membershipChangeError({ actorRole: actor.role, isSelf, targetRole: target.role, newRole: null, ownerCount });
    if (error) throw error;
    await members.delete(access.orgId, userId);
    // Assignments are not tied to the membership row: without this, joining again would restore them.
    await createMemberAccountsRepository(tx).deleteAll(access.orgId, userId);
    await recordAudit(tx, source, {
      orgId: access.orgId,
      action: isSelf ? 'member.left' : 'member.removed',
      targetType: 'member',
      targetId: userId,
      before: { role: target.role, email: target.email },
    });
  });
}
