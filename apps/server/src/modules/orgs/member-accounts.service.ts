import type { MemberAdAccounts } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { fieldError, notFound } from '../../platform/errors.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { createMemberAccountsRepository } from './member-accounts.repository.ts';
import { createMembersRepository } from './members.repository.ts';
import { accountAssignmentError } from './members.rules.ts';

/** The ad accounts a person works on; only `member`s have any (others see every account). */
export async function getMemberAccounts(ctx: AppContext, orgId: string, userId: string): Promise<MemberAdAccounts> {
  const member = await createMembersRepository(ctx.db).find(orgId, userId);
  if (!member) throw notFound('Member');
  return { userId, adAccountIds: await createMemberAccountsRepository(ctx.db).list(orgId, userId) };
}

/**
 * Replaces the set of ad accounts a `member` works on. Each id must be an ad account of this
 * organisation (400 naming it); any other role is refused (409). The member row is locked so a
 * role change running at the same time cannot leave assignments on a non-member. A no-op is not audited.
 */
export async function setMemberAccounts(ctx: AppContext, access: OrgAccess, source: AuditSource, userId: string, adAccountIds: string[]): Promise<MemberAdAccounts> {
  return ctx.db.transaction(async (tx) => {
    const member = await createMembersRepository(tx).find(access.orgId, userId, { forUpdate: true });
    if (!member) throw notFound('Member');
    const refusal = accountAssignmentError(member.role);
    if (refusal) throw refusal;
    const assignments = createMemberAccountsRepository(tx);
    const known = await assignments.existingAccounts(access.orgId, adAccountIds);
    for (const [index, id] of adAccountIds.entries()) {
      if (!known.has(id)) throw fieldError(`adAccountIds.${index}`, `${id} is not an ad account of this organisation`);
    }
    const wanted = [...new Set(adAccountIds)].sort();
    const before = await assignments.list(access.orgId, userId);
    if (before.length === wanted.length && before.every((id, i) => id === wanted[i])) return { userId, adAccountIds: before };
    await assignments.replace(access.orgId, userId, wanted, ctx.clock.now());
    await recordAudit(tx, source, {
      orgId: access.orgId,
      action: 'member.accounts_assigned',
      targetType: 'member',
      targetId: userId,
      before: { email: member.email, adAccountIds: before },
      after: { email: member.email, adAccountIds: wanted },
    });
    return { userId, adAccountIds: wanted };
  });
}
