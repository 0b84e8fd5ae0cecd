import type { Role } from '@adloop/db';
import { AppError, forbidden } from '../../platform/errors.ts';
import { assignableRoles } from './permissions.ts';

/** A proposed change to one membership: a new role, or removal (`newRole: null`). */
export interface MembershipChange {
  actorRole: Role;
  /** True when people change or remove their own membership. */
  isSelf: boolean;
  targetRole: Role;
  newRole: Role | null;
  /** Owners of the organisation right now, counted under lock. */
  ownerCount: number;
}

/**
 * Decides whether a role change or removal is allowed; returns the error to throw, or null.
 * Leaving needs no management rights, but nobody may leave an organisation without an owner.
 */
export function membershipChangeError(change: MembershipChange): AppError | null {
  const { actorRole, isSelf, targetRole, newRole, ownerCount } = change;
  const isLeaving = isSelf && newRole === null;
  if (!isLeaving) {
    // The route checks `members:manage` too; this keeps the rule right on its own for all five roles.
    if (assignableRoles(actorRole).length === 0) {
      return forbidden(`As ${actorRole} you cannot change or remove other members (you can assign: none)`);
    }
    if (targetRole === 'owner' && actorRole !== 'owner') {
      return forbidden('Only an owner can change or remove another owner');
    }
    if (newRole !== null && !assignableRoles(actorRole).includes(newRole)) {
      const allowed = assignableRoles(actorRole).join(', ') || 'none';
      return forbidden(`As ${actorRole} you cannot make someone ${newRole} (you can assign: ${allowed})`);
    }
  }
  const losesOwner = targetRole === 'owner' && newRole !== 'owner';
  if (losesOwner && ownerCount <= 1) {
    const what = isLeaving ? 'leave' : newRole === null ? 'be removed' : 'be demoted';
    return new AppError(
      'conflict',
      `The last owner cannot ${what}. Make another member an owner first.`,
    );
  }
  return null;
}

/**
 * Only the `member` role is limited to assigned ad accounts; every other role sees them all, so
 * assigning accounts to one would be silently meaningless. Returns the error to throw, or null.
 */
export function accountAssignmentError(targetRole: Role): AppError | null {
  if (targetRole === 'member') return null;
  return new AppError(
    'conflict',
    `Ad accounts are assigned to members only: as ${targetRole} this person already works on every ad account. Change their role to member first.`,
  );
}
