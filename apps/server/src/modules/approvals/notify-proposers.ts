import type { AppContext } from '../../platform/context.ts';
import type { ChangeActor } from '../changes/actor.ts';
import type { ChangeRow } from '../changes/changes.repository.ts';
import { emitNotification } from '../notifications/emit.ts';
import { announceNotifications } from '../notifications/notifications.service.ts';

/**
 * Tells each person whose proposals were just decided: one `change.approved` and one
 * `change.rejected` notification per proposer at most (a batch names how many). Proposals of rules
 * and the AI have no person to tell; a person deciding their own proposal is not told.
 */
export async function notifyProposers(ctx: AppContext, orgId: string, decider: ChangeActor, decided: readonly ChangeRow[]): Promise<void> {
  const groups = new Map<string, { proposer: string; rejected: boolean; rows: ChangeRow[] }>();
  for (const row of decided) {
    if (row.actorType !== 'user' || !row.actorId || (decider.type === 'user' && decider.id === row.actorId)) continue;
    const rejected = row.state === 'rejected';
    const key = `${row.actorId}|${rejected}`;
    const group = groups.get(key) ?? { proposer: row.actorId, rejected, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  if (groups.size === 0) return;
  for (const { proposer, rejected, rows } of groups.values()) {
    const what = rows.length === 1 ? 'Your proposed change was' : `${rows.length} of your proposed changes were`;
    const note = rejected ? rows.find((r) => r.decisionNote)?.decisionNote : null;
    await emitNotification(ctx, ctx.db, {
      orgId,
      kind: rejected ? 'change.rejected' : 'change.approved',
      title: `${what} ${rejected ? 'rejected' : 'approved'} by ${decider.label}`,
      body: rejected ? `Reason: ${note ?? 'none given'}.` : 'Adloop applies approved changes to the platform; follow them in the change history.',
      link: `/orgs/${orgId}/approvals`,
      recipients: [proposer],
      data: { changeIds: rows.map((r) => r.id), decidedBy: decider.label },
    });
  }
  await announceNotifications(ctx, orgId, groups.size);
}
