import { z } from 'zod';
import type { CampaignChange, DecisionResults, GuardrailId } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { publish } from '../../platform/live/publish.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, recordedSource } from '../audit/audit.writer.ts';
import type { ChangeActor } from '../changes/actor.ts';
import { announce } from '../changes/changes.announce.ts';
import { presentMany } from '../changes/changes.present.ts';
import { findChanges, listChangeRows, updateChangeFrom, type ChangeRow, type ChangeFilter } from '../changes/changes.repository.ts';
import { loadChangeSettings } from '../changes/settings.ts';
import { approveMany, type RequestOrigin } from './approve.ts';
import { notifyProposers } from './notify-proposers.ts';

const Cursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

/** The approval inbox (by default what waits), newest first, narrowed to the caller's accounts. */
export async function listProposals(ctx: AppContext, access: Pick<OrgAccess, 'orgId' | 'accountIds'>, query: Omit<ChangeFilter, 'accountIds'> & { cursor?: string | undefined; limit: number }): Promise<Page<CampaignChange>> {
  const after = decodeCursor(query.cursor, Cursor);
  const rows = await listChangeRows(ctx.db, access.orgId, { ...query, accountIds: access.accountIds }, after, query.limit + 1);
  const presented = await presentMany(ctx.db, access.orgId, rows);
  const byId = new Map(presented.map((c) => [c.id, c]));
  return toPage(rows, query.limit, (row) => byId.get(row.id)!, (row) => [row.createdAt.toISOString(), row.id]);
}

type Result = DecisionResults['results'][number];
const refusedWith = (changeId: string, error: AppError): Result => ({ changeId, ok: false, change: null, error: { code: error.code, message: error.message, details: error.details } });

/** The asked proposals the caller may see, or a not-found result for each other id. */
async function reachable(ctx: AppContext, access: OrgAccess, ids: readonly string[]): Promise<Map<string, ChangeRow>> {
  const rows = await findChanges(ctx.db, access.orgId, ids);
  return new Map(rows.filter((r) => access.accountIds === null || (r.adAccountId !== null && access.accountIds.includes(r.adAccountId))).map((r) => [r.id, r]));
}

async function finish(ctx: AppContext, orgId: string, decided: ChangeRow[], results: Result[], decider: ChangeActor): Promise<DecisionResults> {
  await notifyProposers(ctx, orgId, decider, decided);
  const presented = new Map((await presentMany(ctx.db, orgId, decided)).map((c) => [c.id, c]));
  await announce(ctx, orgId, decided);
  if (decided.length > 0) await publish(ctx, orgId, { type: 'proposal' });
  return { results: results.map((r) => (r.ok ? { ...r, change: presented.get(r.changeId) ?? null } : r)) };
}

/**
 * Approves the asked proposals in one go (`approveMany`): one result per proposal, so a stale or refused
 * one never holds back the others.
 */
export async function approveProposals(ctx: AppContext, access: OrgAccess, approver: ChangeActor, body: { items: { changeId: string; amountMicros?: number | undefined }[]; note?: string | undefined; confirm?: readonly GuardrailId[] | undefined }, request?: RequestOrigin): Promise<DecisionResults> {
  const rows = await reachable(ctx, access, body.items.map((i) => i.changeId));
  const settings = await loadChangeSettings(ctx.db, access.orgId);
  const mayApproveOwn = access.role === 'owner' || access.role === 'admin';
  const items = body.items.map((item) => ({ changeId: item.changeId, change: rows.get(item.changeId), amountMicros: item.amountMicros }));
  const outcomes = await approveMany(ctx, access.orgId, items, { approver, mayApproveOwn, note: body.note, confirm: body.confirm ?? [], request }, settings);
  const decided: ChangeRow[] = [];
  const results = outcomes.map((outcome, index): Result => {
    const { changeId } = items[index]!;
    if (outcome instanceof AppError) return refusedWith(changeId, outcome);
    decided.push(outcome);
    return { changeId, ok: true, change: null, error: null };
  });
  return finish(ctx, access.orgId, decided, results, approver);
}

/** Rejects each asked proposal with the reason, kept on it for the proposer (and for later learning). */
export async function rejectProposals(ctx: AppContext, access: OrgAccess, approver: ChangeActor, body: { changeIds: string[]; reason: string }, request?: RequestOrigin): Promise<DecisionResults> {
  const rows = await reachable(ctx, access, body.changeIds);
  const now = ctx.clock.now();
  const decided: ChangeRow[] = [];
  const results: Result[] = [];
  for (const changeId of body.changeIds) {
    const change = rows.get(changeId);
    if (!change) {
      results.push(refusedWith(changeId, new AppError('not_found', 'Change not found')));
      continue;
    }
    const rejected = await ctx.db.transaction(async (tx) => {
      const row = await updateChangeFrom(tx, access.orgId, changeId, 'proposed', {
        state: 'rejected',
        decidedByType: approver.type,
        decidedById: approver.id,
        decidedByLabel: approver.label,
        decidedAt: now,
        decisionNote: body.reason,
        message: null,
      });
      if (row) await recordAudit(tx, { ...recordedSource(approver), ...request }, { orgId: access.orgId, action: 'change.rejected', targetType: 'change', targetId: changeId, before: { state: 'proposed' }, after: { state: 'rejected', reason: body.reason, field: change.field, campaignId: change.campaignId } });
      return row;
    });
    if (!rejected) {
      results.push(refusedWith(changeId, new AppError('conflict', `This change is no longer waiting for approval: it is ${change.state}`)));
      continue;
    }
    decided.push(rejected);
    results.push({ changeId, ok: true, change: null, error: null });
  }
  return finish(ctx, access.orgId, decided, results, approver);
}
