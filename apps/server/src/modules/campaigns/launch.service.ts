import { needsApproval, stakePerDay } from '@adloop/engine';
import type { CampaignChange, CampaignRow, NewCampaignBody } from '@adloop/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { publish } from '../../platform/live/publish.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordedSource, type AuditSource } from '../audit/audit.writer.ts';
import { roleCan } from '../orgs/permissions.ts';
import { actorColumns, actorOf, isAutomated, type ChangeActor } from '../changes/actor.ts';
import { STOPPED_MESSAGE } from '../changes/apply/apply-change.ts';
import { readChangeSettings } from '../changes/settings.repository.ts';
import { announce } from '../changes/changes.announce.ts';
import { presentMany } from '../changes/changes.present.ts';
import { findChange, insertChanges, markSent, updateChangeFrom } from '../changes/changes.repository.ts';
import { findAccounts } from '../changes/changes.targets.ts';
import { notifyApprovers } from '../changes/notify-approvers.ts';
import { loadChangeSettings } from '../changes/settings.ts';
import { createCampaign, createOnPlatform } from './create.service.ts';

type NewCampaign = z.infer<typeof NewCampaignBody>;

/**
 * POST /campaigns: a person who may launch directly creates the campaign now; a `member` (while the
 * policy's `memberLaunches` is on) proposes it instead: the validated campaign is kept on a proposed
 * `campaign` change for a manager to approve (CAMP-016/017). A campaign whose ad carries AI-assisted
 * copy (`copyGenerationId`) is always proposed, by the AI.
 */
export async function launchCampaign(ctx: AppContext, access: OrgAccess, source: AuditSource, body: NewCampaign): Promise<{ campaign: CampaignRow } | { proposal: CampaignChange }> {
  const settings = await loadChangeSettings(ctx.db, access.orgId);
  const person = actorOf(access.actor);
  // AI-assisted copy: the AI proposes the launch (a person approves it, the asker included), never launched directly.
  const actor: ChangeActor = body.copyGenerationId ? { type: 'ai', id: body.copyGenerationId, label: `AI-assisted copy (asked by ${person.label})` } : person;
  const canApprove = access.role !== null && roleCan(access.role, 'changes:approve');
  const approval = needsApproval({ actorType: actor.type, role: access.role, canApprove, field: 'campaign', before: null, after: body.status }, settings.approvalPolicy);
  if (!approval.needed) return createCampaign(ctx, access, source, body);
  return { proposal: await proposeLaunch(ctx, access, actor, body, settings.proposalTtlHours, approval.why) };
}

async function proposeLaunch(ctx: AppContext, access: OrgAccess, actor: ChangeActor, body: NewCampaign, ttlHours: number, why: string | null): Promise<CampaignChange> {
  const account = (await findAccounts(ctx.db, access.orgId, [body.adAccountId])).get(body.adAccountId);
  const reachable = account && account.selected && (access.accountIds === null || access.accountIds.includes(account.id));
  if (!account || !reachable) throw fieldError('adAccountId', 'is not an account added to this organisation');
  if (!ctx.platforms.registry.has(account.platform)) throw fieldError('adAccountId', 'is on a platform this installation cannot reach');
  const now = ctx.clock.now();
  const { rows, notified } = await ctx.db.transaction(async (tx) => {
    const inserted = await insertChanges(tx, access.orgId, [
      {
        orgId: access.orgId,
        adAccountId: account.id,
        campaignId: null,
        action: 'create',
        field: 'campaign',
        before: null,
        after: body.status,
        currency: account.currency,
        state: 'proposed',
        origin: 'adloop',
        ...actorColumns(actor),
        payload: { ...body },
        stakeMicrosPerDay: stakePerDay({ field: 'campaign', before: null, after: body.status, dailyBudgetMicros: body.budget.kind === 'daily' ? body.budget.amountMicros : null }),
        guardrails: [],
        expiresAt: new Date(now.getTime() + ttlHours * 3_600_000),
        message: `Waiting for approval: ${why ?? 'the organisation’s policy'}.`,
        createdAt: now,
      },
    ]);
    return { rows: inserted, notified: await notifyApprovers(ctx, tx, access.orgId, actor, inserted, now) };
  });
  if (notified > 0) await publish(ctx, access.orgId, { type: 'notification' });
  await publish(ctx, access.orgId, { type: 'proposal' });
  return (await presentMany(ctx.db, access.orgId, rows))[0]!;
}

/**
 * The launch job for an approved proposal: creates the campaign through the same creation path as a
 * direct launch, as the proposer, and links the change to it. Marked as sent before the platform call:
 * a retry after a crash in between never creates a second campaign; it fails asking for a look instead.
 */
export async function runLaunch(ctx: AppContext, orgId: string, changeId: string, parse: (payload: unknown) => NewCampaign): Promise<void> {
  const change = await findChange(ctx.db, orgId, changeId);
  if (!change || change.state !== 'pending' || change.field !== 'campaign' || change.campaignId) return;
  const fail = async (message: string) => {
    const failed = await updateChangeFrom(ctx.db, orgId, change.id, 'pending', { state: 'failed', message });
    if (failed) await publish(ctx, orgId, { type: 'proposal' });
  };
  if (change.sentAt) return fail('Not created again: an earlier attempt may have created it. Check the platform, then launch it again if it is missing.');
  const actor: ChangeActor = { type: change.actorType ?? 'system', id: change.actorId, label: change.actorLabel ?? 'Adloop' };
  // The kill switch stops an automated launch (AI-assisted copy) right before anything is sent.
  if (isAutomated(actor) && (await readChangeSettings(ctx.db, orgId))?.automationStoppedAt) {
    const stopped = await updateChangeFrom(ctx.db, orgId, change.id, 'pending', { state: 'stopped', message: STOPPED_MESSAGE, decidedAt: ctx.clock.now() });
    if (stopped) await publish(ctx, orgId, { type: 'proposal' });
    return;
  }
  await markSent(ctx.db, orgId, change.id, ctx.clock.now());
  try {
    await createOnPlatform(ctx, orgId, actor, recordedSource(actor), parse(change.payload), { accountIds: null, proposal: change });
  } catch (error) {
    if (error instanceof AppError) return fail(`Not created: ${error.message}`);
    throw error;
  }
  const launched = await findChange(ctx.db, orgId, change.id);
  if (launched) await announce(ctx, orgId, [launched]);
  await publish(ctx, orgId, { type: 'proposal' });
}
