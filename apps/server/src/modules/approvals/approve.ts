import { isProblem, validateChange } from '@adloop/engine';
import type { GuardrailId } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit, recordedSource } from '../audit/audit.writer.ts';
import type { ChangeActor } from '../changes/actor.ts';
import { duplicatePayloadOf } from '../changes/apply/duplicate.ts';
import { APPLY_CHANGE, LAUNCH_CAMPAIGN } from '../changes/changes.jobs.ts';
import { staleness } from '../changes/changes.present.ts';
import { changeTimesSince, updateChangeFrom, type ChangeRow } from '../changes/changes.repository.ts';
import { findTargets } from '../changes/changes.targets.ts';
import { checkGuardrails, guardrailRefusal } from '../changes/guardrail-check.ts';
import { platformRulesOf } from '../changes/platform-rules.ts';
import type { ChangeSettingsValue } from '../changes/settings.ts';

const DAY_MS = 86_400_000;

export interface Approval {
  approver: ChangeActor;
  /** Owners and admins may approve their own proposals; managers may not (someone else must look). */
  mayApproveOwn: boolean;
  amountMicros?: number | undefined;
  note?: string | undefined;
  confirm: readonly GuardrailId[];
  /** Where the approval came from, kept on its audit row. */
  request?: RequestOrigin | undefined;
}

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Approves one proposal: refused when it is no longer waiting, its object's value moved since it was
 * proposed (409 `stale_proposal` with both values), or (for an edited value) the platform's rules or a
 * guardrail say no. Then it becomes `pending` with the same apply job a manual edit gets (or the launch
 * job for a new campaign), in one transaction with its audit row.
 */
export async function approveOne(ctx: AppContext, change: ChangeRow, approval: Approval, settings: ChangeSettingsValue): Promise<ChangeRow> {
  const { orgId } = change;
  const now = ctx.clock.now();
  if (change.state !== 'proposed') throw new AppError('conflict', `This change is no longer waiting for approval: it is ${change.state}`);
  if (change.actorType === 'user' && change.actorId === approval.approver.id && approval.approver.type === 'user' && !approval.mayApproveOwn) {
    throw new AppError('forbidden', 'Someone else must approve your own proposal');
  }
  let after = change.after;
  let kept = change.guardrails ?? [];
  if (change.field !== 'campaign') {
    const target = change.campaignId ? (await findTargets(ctx.db, orgId, [change.campaignId])).get(change.campaignId) : undefined;
    if (!target || !ctx.platforms.registry.has(target.account.platform)) throw new AppError('conflict', 'The campaign of this proposal is gone');
    const stale = staleness(change, target);
    if (stale) {
      throw new AppError('stale_proposal', `The value moved since this was proposed: it was ${change.before ?? 'none'}, it is ${stale.current ?? 'none'} now. Propose it again from the current value.`, {
        before: change.before,
        current: stale.current,
      });
    }
    const adapter = ctx.platforms.registry.get(target.account.platform);
    if (approval.amountMicros !== undefined) {
      if (change.field !== 'daily_budget' && change.field !== 'lifetime_budget') throw new AppError('validation_failed', 'Only a budget proposal can be approved with another amount');
      const action = change.field === 'daily_budget' ? 'set_daily_budget' : 'set_lifetime_budget';
      const expected = change.field === 'daily_budget' ? { dailyBudgetMicros: change.before === null ? null : Number(change.before) } : { lifetimeBudgetMicros: change.before === null ? null : Number(change.before) };
      const valid = validateChange(target.campaign, { action, amountMicros: approval.amountMicros, expected }, platformRulesOf(adapter, target.campaign.currency));
      if (isProblem(valid)) throw new AppError('validation_failed', `amountMicros: ${valid.message}`, { issues: [{ location: 'body', field: 'amountMicros', message: valid.message }] });
      after = valid.after;
    }
    // Checked again at approval: the day's changes, the kill switch and an edited value may differ from when it was proposed.
    const history = (await changeTimesSince(ctx.db, orgId, [target.campaign.id], new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS))).get(target.campaign.id) ?? [];
    const earlier = history.filter((at) => at !== change.createdAt.getTime());
    const overridden = kept.filter((k) => k.outcome === 'overridden').map((k) => k.id);
    const actor: ChangeActor = { type: change.actorType ?? 'system', id: change.actorId, label: change.actorLabel ?? '' };
    const checked = checkGuardrails({ actor, confirmer: approval.approver, field: change.field, before: change.before, after, target, adapter, history: earlier, confirm: [...approval.confirm, ...overridden], at: 'items' }, settings, now);
    if (checked.refused.length > 0) throw guardrailRefusal(checked.refused, true);
    kept = checked.kept;
  }
  const edited = after !== change.after;
  return ctx.db.transaction(async (tx) => {
    const approved = await updateChangeFrom(tx, orgId, change.id, 'proposed', {
      state: 'pending',
      after,
      proposedAfter: edited ? change.after : null,
      guardrails: kept,
      decidedByType: approval.approver.type,
      decidedById: approval.approver.id,
      decidedByLabel: approval.approver.label,
      decidedAt: now,
      decisionNote: approval.note ?? null,
      message: null,
    });
    if (!approved) throw new AppError('conflict', 'This change is no longer waiting for approval');
    await ctx.jobs.enqueue(change.field === 'campaign' && !duplicatePayloadOf(change) ? LAUNCH_CAMPAIGN : APPLY_CHANGE, { orgId, changeId: change.id }, { db: tx });
    await recordAudit(tx, { ...recordedSource(approval.approver), ...approval.request }, {
      orgId,
      action: 'change.approved',
      targetType: 'change',
      targetId: change.id,
      before: { state: 'proposed', after: change.after },
      after: { state: 'pending', after, field: change.field, campaignId: change.campaignId, proposer: change.actorLabel },
    });
    return approved;
  });
}
