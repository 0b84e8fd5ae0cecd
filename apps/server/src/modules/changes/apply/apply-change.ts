import { PlatformError, type AccountRef, type Campaign as PlatformCampaign } from '@adloop/platforms';
import type { AppContext } from '../../../platform/context.ts';
import { recordAudit, recordedSource } from '../../audit/audit.writer.ts';
import { loadTokens } from '../../sync/sync.service.ts';
import { findChange, markSent, markUndone, updateChangeFrom, type ChangeRow, type NewChangeRow } from '../changes.repository.ts';
import { findConnection, findTargets, mirrorCampaign, releaseLease, takeLease, type ChangeTarget } from '../changes.targets.ts';
import { announce } from '../changes.announce.ts';
import { recordOutsideChanges } from '../outside-changes.ts';
import { fieldApply } from './index.ts';
import { isAutomated } from '../actor.ts';
import { readChangeSettings } from '../settings.repository.ts';

/** What a change the kill switch stopped says. */
export const STOPPED_MESSAGE = 'Stopped by the kill switch before it was sent: automated changes are stopped for this organisation.';

const LEASE_MS = 2 * 60_000;

/** Another change of the same campaign is being applied; the job is retried shortly. */
export class CampaignBusy extends Error {
  constructor(campaignId: string) {
    super(`Another change to campaign ${campaignId} is being applied; retrying`);
    this.name = 'CampaignBusy';
  }
}

/**
 * Settles a pending change (only if still pending) with the mirror, the audit row (written as the
 * change's own actor) and, for an undo, the original, in one transaction; then tells open streams.
 */
async function settle(ctx: AppContext, change: ChangeRow, target: ChangeTarget, values: Partial<NewChangeRow>, live: PlatformCampaign | null): Promise<void> {
  const { orgId } = change;
  const at = ctx.clock.now();
  const moved = await ctx.db.transaction(async (tx) => {
    // A settled change drops a 'being recovered' note: its own outcome replaces it.
    const updated = await updateChangeFrom(tx, orgId, change.id, 'pending', { message: null, ...values, ...(values.state === 'applied' ? { appliedAt: at } : {}) });
    if (!updated) return [];
    if (live) await mirrorCampaign(tx, orgId, target.campaign.id, live, at);
    if (updated.state !== 'applied') return [updated];
    if (updated.undoOf) await markUndone(tx, orgId, updated.undoOf, updated.id);
    await recordAudit(tx, recordedSource({ type: updated.actorType ?? 'system', id: updated.actorId, label: updated.actorLabel ?? 'Adloop' }), {
      orgId,
      action: updated.origin === 'undo' ? 'campaign.change_undone' : 'campaign.changed',
      targetType: 'campaign',
      targetId: target.campaign.id,
      before: { [updated.field]: updated.before },
      after: { [updated.field]: updated.after, changeId: updated.id, platform: target.account.platform },
    });
    return updated.undoOf ? [updated, { id: updated.undoOf, campaignId: updated.campaignId, state: 'undone' as const }] : [updated];
  });
  await announce(ctx, orgId, moved);
}

/**
 * The apply job. Reads the campaign on the platform and compares (compare-and-set):
 * - already at the new value → applied (a retry after a crash between sending and recording: never sent twice);
 * - at the value the change expects (`before`) → send the change, read it back, applied;
 * - anything else → conflict, with the value the platform has now.
 */
export async function applyChange(ctx: AppContext, orgId: string, changeId: string): Promise<void> {
  const change = await findChange(ctx.db, orgId, changeId);
  if (!change || change.state !== 'pending' || !change.campaignId) return;
  const apply = fieldApply(change.field);
  const target = (await findTargets(ctx.db, orgId, [change.campaignId])).get(change.campaignId);
  if (!target || !apply) return;
  const { campaign, account } = target;
  const connection = await findConnection(ctx.db, orgId, account.connectionId);
  if (!connection || connection.status !== 'active') {
    await settle(ctx, change, target, { state: 'failed', message: 'The connection to this platform needs to be reconnected first.' }, null);
    return;
  }
  const ref: AccountRef = { platformAccountId: account.platformAccountId, managerId: account.managerId ?? undefined, currency: account.currency, timeZone: account.timeZone };
  const scope = { orgId, platform: account.platform, accountKey: account.platformAccountId };
  // One change per campaign at a time: the row lock of the lease UPDATE makes the read-compare-write below atomic.
  if (!(await takeLease(ctx.db, orgId, campaign.id, ctx.clock.now(), LEASE_MS))) throw new CampaignBusy(campaign.id);
  try {
    const tokens = await loadTokens(ctx, connection);
    const live = await ctx.platforms.call(scope, (a) => a.campaigns.getCampaign(tokens, ref, campaign.platformId));
    // Whatever moved on the platform since the last sync goes to the history before this change is judged.
    await recordOutsideChanges(ctx.db, orgId, [campaign], [live], ctx.clock.now());
    const now = apply.platformValue(live);
    if (now === change.after && change.sentAt) {
      // Our earlier attempt landed but was not recorded (the worker stopped): never send twice.
      await settle(ctx, change, target, { state: 'applied', current: now }, live);
      return;
    }
    if (now === change.after) {
      await settle(ctx, change, target, { state: 'conflict', current: now, message: 'Nothing to do: the value was already changed to this on the platform by someone else.' }, live);
      return;
    }
    if (now !== change.before) {
      const message = change.origin === 'undo' ? 'Not undone: the value was changed again since this change.' : 'Not applied: the value on the platform changed since you looked.';
      await settle(ctx, change, target, { state: 'conflict', current: now, message }, live);
      return;
    }
    // The kill switch, once more right before sending: an automated change picked up before it was pulled stops here.
    if (isAutomated({ type: change.actorType ?? 'system' }) && (await readChangeSettings(ctx.db, orgId))?.automationStoppedAt) {
      await settle(ctx, change, target, { state: 'stopped', message: STOPPED_MESSAGE, decidedAt: ctx.clock.now() }, live);
      return;
    }
    await markSent(ctx.db, orgId, change.id, ctx.clock.now());
    const after = change.after ?? '';
    const updated = await ctx.platforms.call(scope, (a) => apply.send(a, { tokens, ref, platformId: campaign.platformId, currency: campaign.currency, after }));
    await settle(ctx, change, target, { state: 'applied', current: apply.platformValue(updated) }, updated);
  } catch (error) {
    if (error instanceof PlatformError && !error.isRetryable) {
      await settle(ctx, change, target, { state: 'failed', message: error.details.platformMessage ?? error.message }, null);
      return;
    }
    // Transient: the job is retried; the compare step makes the retry safe.
    throw error;
  } finally {
    await releaseLease(ctx.db, orgId, campaign.id);
  }
}
