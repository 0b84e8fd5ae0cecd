import type { Db } from '@adloop/db';
import { canSeeAccount, type OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { createMemberAccountsRepository } from '../orgs/member-accounts.repository.ts';
import type { AdAccountRow, ConnectionRow } from './connections.repository.ts';

/** True for a connection the calling person made themselves. */
export function isOwnConnection(access: Pick<OrgAccess, 'actor'>, connection: Pick<ConnectionRow, 'connectedBy'>): boolean {
  return access.actor.kind === 'user' && connection.connectedBy === access.actor.userId;
}

/**
 * Which accounts of the connections page the caller sees. A member limited to assigned accounts
 * sees those, and on a connection they made themselves also the accounts not added to Adloop yet:
 * their own platform login granted them, so they may bring them in (and are assigned what they add).
 * An account someone else already added stays hidden until it is assigned.
 */
export function seesAccount(access: Pick<OrgAccess, 'actor' | 'accountIds'>, connection: Pick<ConnectionRow, 'connectedBy'>, account: Pick<AdAccountRow, 'id' | 'selected'>): boolean {
  return canSeeAccount(access, account.id) || (isOwnConnection(access, connection) && !account.selected);
}

/** Whether the caller sees the connection at all: one of its accounts, or it is their own. */
export function seesConnection(
  access: Pick<OrgAccess, 'actor' | 'accountIds'>,
  connection: Pick<ConnectionRow, 'id' | 'connectedBy'>,
  accounts: readonly Pick<AdAccountRow, 'id' | 'connectionId'>[],
): boolean {
  if (access.accountIds === null || isOwnConnection(access, connection)) return true;
  return accounts.some((a) => a.connectionId === connection.id && canSeeAccount(access, a.id));
}

/**
 * Assigns to a member the accounts they just added to Adloop that were not theirs yet (from their
 * own connection), in the transaction that adds them, audited like an assignment. Nothing for
 * callers who see every account.
 */
export async function assignBroughtIn(tx: Db, access: OrgAccess, source: AuditSource, addedIds: readonly string[], at: Date): Promise<void> {
  const { accountIds } = access;
  if (accountIds === null || access.actor.kind !== 'user') return;
  const broughtIn = addedIds.filter((id) => !accountIds.includes(id));
  if (broughtIn.length === 0) return;
  const assignments = createMemberAccountsRepository(tx);
  const userId = access.actor.userId;
  const had = await assignments.list(access.orgId, userId);
  const now = [...new Set([...had, ...broughtIn])].sort();
  await assignments.replace(access.orgId, userId, now, at);
  await recordAudit(tx, source, {
    orgId: access.orgId,
    action: 'member.accounts_assigned',
    targetType: 'member',
    targetId: userId,
    before: { adAccountIds: had },
    after: { adAccountIds: now, reason: 'added from their own connection' },
  });
}
