import { and, eq, inArray } from 'drizzle-orm';
import { memberships, type Db, type Role } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { emitNotification } from '../notifications/emit.ts';
import { PERMISSIONS } from '../orgs/permissions.ts';
import type { ChangeActor } from './actor.ts';
import type { ChangeRow } from './changes.repository.ts';

/**
 * Tells everyone who may approve (owners, admins, managers: `changes:approve`) that proposals wait:
 * one `change.proposed` notification (the bell, and email by their preferences), inside the caller's
 * transaction. The proposer is left out. Returns how many people were told (publish the
 * notification hint after the commit).
 */
export async function notifyApprovers(ctx: Pick<AppContext, 'jobs' | 'clock'>, db: Db, orgId: string, proposer: ChangeActor, proposals: readonly ChangeRow[], at: Date): Promise<number> {
  return notifyApproversOfMany(ctx, db, orgId, [{ proposer, proposals }], at);
}

/**
 * The same for several proposers at once (a batch of changes): the approvers read once, one
 * notification per proposer (each to the approvers but that proposer). Returns how many people
 * were told, counted per notification.
 */
export async function notifyApproversOfMany(ctx: Pick<AppContext, 'jobs' | 'clock'>, db: Db, orgId: string, groups: readonly { proposer: ChangeActor; proposals: readonly ChangeRow[] }[], _at: Date): Promise<number> {
  const asked = groups.filter((g) => g.proposals.length > 0);
  if (asked.length === 0) return 0;
  const roles: readonly Role[] = PERMISSIONS['changes:approve'].roles;
  const everyone = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, [...roles])));
  let told = 0;
  for (const { proposer, proposals } of asked) {
    const recipients = everyone.map((a) => a.userId).filter((id) => !(proposer.type === 'user' && proposer.id && id === proposer.id));
    if (recipients.length === 0) continue;
    await emitNotification(ctx, db, {
      orgId,
      kind: 'change.proposed',
      title: proposals.length === 1 ? `${proposer.label} proposes a change` : `${proposer.label} proposes ${proposals.length} changes`,
      body: 'It waits for your approval in the approval inbox: approve, edit or reject it there before it expires.',
      link: `/orgs/${orgId}/approvals`,
      recipients,
      data: { changeIds: proposals.map((p) => p.id), proposer: proposer.label },
    });
    told += recipients.length;
  }
  return told;
}
