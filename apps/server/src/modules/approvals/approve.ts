import type { GuardrailId } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudits, recordedSource } from '../audit/audit.writer.ts';
import type { ChangeActor } from '../changes/actor.ts';
import { duplicatePayloadOf } from '../changes/apply/duplicate.ts';
import { APPLY_CHANGE, LAUNCH_CAMPAIGN } from '../changes/changes.jobs.ts';
import { approveProposed, changesOfDay, type ApprovedValues, type ChangeRow } from '../changes/changes.repository.ts';
import { findTargets } from '../changes/changes.targets.ts';
import { findEntityRows } from '../changes/entity-targets.ts';
import type { ChangeSettingsValue } from '../changes/settings.ts';
import { checkApproval, type ApprovalLookups } from './approve-check.ts';

export interface Approval {
  approver: ChangeActor;
  /** Owners and admins may approve their own proposals; managers may not (someone else must look). */
  mayApproveOwn: boolean;
  note?: string | undefined;
  confirm: readonly GuardrailId[];
  /** Where the approval came from, kept on its audit row. */
  request?: RequestOrigin | undefined;
}

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** One asked approval: the proposal as read (or undefined when it is not the caller's to see) and an edited budget. */
export interface ApprovalItem {
  changeId: string;
  change: ChangeRow | undefined;
  amountMicros?: number | undefined;
}

const LEVEL_IDS = (changes: readonly ChangeRow[], level: ChangeRow['entityLevel']) => changes.flatMap((c) => (c.entityLevel === level && c.entityId ? [c.entityId] : []));

/** The campaigns, objects and day histories of every proposal, one query each. */
async function lookUp(ctx: AppContext, orgId: string, changes: readonly ChangeRow[], settings: ChangeSettingsValue): Promise<ApprovalLookups> {
  const now = ctx.clock.now();
  const campaignIds = changes.flatMap((c) => (c.field !== 'campaign' && c.campaignId ? [c.campaignId] : []));
  const [targets, entities, history] = await Promise.all([
    findTargets(ctx.db, orgId, campaignIds),
    findEntityRows(ctx.db, orgId, LEVEL_IDS(changes, 'ad_group'), LEVEL_IDS(changes, 'ad')),
    changesOfDay(ctx.db, orgId, campaignIds, now),
  ]);
  return { targets, entities, history, settings, now };
}

const isLaunch = (change: ChangeRow) => change.field === 'campaign' && !duplicatePayloadOf(change);

/**
 * Approves the asked proposals together: each is checked on its own (`checkApproval`, in the request's
 * order) and refused alone, then every one that passed becomes `pending` in one transaction with its
 * apply job (or the launch job for a new campaign) and its audit row, as a manual edit would. One
 * outcome per item, in order: the approved row, or the refusal (`stale_proposal`, guardrails, ...).
 */
export async function approveMany(ctx: AppContext, orgId: string, items: readonly ApprovalItem[], approval: Approval, settings: ChangeSettingsValue): Promise<Array<ChangeRow | AppError>> {
  const lookups = await lookUp(ctx, orgId, items.flatMap((i) => (i.change ? [i.change] : [])), settings);
  const outcomes: Array<ChangeRow | AppError> = [];
  const approved: ApprovedValues[] = [];
  // The same proposal asked twice: the second is refused as the first was, or as already decided.
  const first = new Map<string, ChangeRow | AppError>();
  for (const item of items) {
    const { change } = item;
    const earlier = change ? first.get(change.id) : undefined;
    if (!change || earlier) {
      outcomes.push(!change ? new AppError('not_found', 'Change not found') : earlier instanceof AppError ? earlier : new AppError('conflict', 'This change is no longer waiting for approval'));
      continue;
    }
    try {
      const checked = checkApproval(ctx, change, item.amountMicros, approval, lookups);
      approved.push({ id: change.id, after: checked.after, proposedAfter: checked.after !== change.after ? change.after : null, guardrails: checked.guardrails });
      outcomes.push(change);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push(error);
    }
    first.set(change.id, outcomes[outcomes.length - 1]!);
  }
  const { approver } = approval;
  const decision = { decidedByType: approver.type, decidedById: approver.id, decidedByLabel: approver.label, decidedAt: lookups.now, decisionNote: approval.note ?? null };
  if (approved.length === 0) return outcomes;
  const moved = await ctx.db.transaction(async (tx) => {
    const rows = await approveProposed(tx, orgId, approved, decision);
    const byId = new Map(rows.map((r) => [r.id, r]));
    // Jobs and audit rows in the request's order.
    const proposals = outcomes.flatMap((o) => (o instanceof AppError || !byId.has(o.id) ? [] : [o]));
    const payloads = (launch: boolean) => proposals.filter((p) => isLaunch(p) === launch).map((p) => ({ orgId, changeId: p.id }));
    await ctx.jobs.enqueueMany(APPLY_CHANGE, payloads(false), { db: tx });
    await ctx.jobs.enqueueMany(LAUNCH_CAMPAIGN, payloads(true), { db: tx });
    await recordAudits(
      tx,
      { ...recordedSource(approver), ...approval.request },
      proposals.map((p) => {
        const after = byId.get(p.id)!.after;
        return { orgId, action: 'change.approved', targetType: 'change', targetId: p.id, before: { state: 'proposed', after: p.after }, after: { state: 'pending', after, field: p.field, campaignId: p.campaignId, proposer: p.actorLabel } };
      }),
    );
    return byId;
  });
  // A proposal decided by someone else between the read and the update did not move.
  return outcomes.map((o) => (o instanceof AppError ? o : (moved.get(o.id) ?? new AppError('conflict', 'This change is no longer waiting for approval'))));
}
