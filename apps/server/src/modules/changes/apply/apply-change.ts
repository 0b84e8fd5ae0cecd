import { PlatformError, type AccountRef, type AdPlatform, type Campaign as PlatformCampaign } from '@adloop/platforms';
import type { AppContext } from '../../../platform/context.ts';
import { recordAudit, recordedSource } from '../../audit/audit.writer.ts';
import { loadTokens } from '../../sync/sync.service.ts';
import { findChange, markSent, markUndone, updateChangeFrom, type ChangeRow, type NewChangeRow } from '../changes.repository.ts';
import { findConnection, findTargets, mirrorCampaign, mirrorNewCampaign, releaseLease, takeLease, type ChangeTarget } from '../changes.targets.ts';
import { announce } from '../changes.announce.ts';
import { recordOutsideChanges } from '../outside-changes.ts';
import { fieldApply, type SendTarget } from './index.ts';
import { applyEntityChange } from './apply-entity.ts';
import { duplicatePayloadOf, sendDuplicate, type DuplicatePayload } from './duplicate.ts';
import { applyNewAd, newAdPayloadOf } from './create-ad.ts';
import { isAutomated } from '../actor.ts';
import { readChangeSettings } from '../settings.repository.ts';
import { isOrgReadOnly } from '../../billing/index.ts';

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
 * `leased`: the campaign's change lease is released in the same transaction (with the mirror's update).
 */
async function settle(ctx: AppContext, change: ChangeRow, target: ChangeTarget, values: Partial<NewChangeRow>, live: PlatformCampaign | null, leased = false): Promise<void> {
  const { orgId } = change;
  const at = ctx.clock.now();
  const moved = await ctx.db.transaction(async (tx) => {
    // A settled change drops a 'being recovered' note: its own outcome replaces it.
    const updated = await updateChangeFrom(tx, orgId, change.id, 'pending', { message: null, ...values, ...(values.state === 'applied' ? { appliedAt: at } : {}) });
    if (updated && live) await mirrorCampaign(tx, orgId, target.campaign.id, live, at, { releaseLease: leased });
    else if (leased) await releaseLease(tx, orgId, target.campaign.id);
    if (!updated) return [];
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
 * A copy of the campaign: sent once (`sent_at` first; the platform's copy is not idempotent), then the
 * copy joins the mirror and the change points at it.
 */
async function applyDuplicate(ctx: AppContext, change: ChangeRow, target: ChangeTarget, send: Omit<SendTarget, 'after' | 'platformId'>, payload: DuplicatePayload): Promise<void> {
  const { orgId } = change;
  if (change.sentAt) {
    await settle(ctx, change, target, { state: 'failed', message: 'The copy was asked for but its answer was lost; look for it on the platform before copying again.' }, null);
    return;
  }
  const scope = { orgId, platform: target.account.platform, accountKey: target.account.platformAccountId };
  await markSent(ctx.db, orgId, change.id, ctx.clock.now());
  const copy = await ctx.platforms.call(scope, (a) => sendDuplicate(a, send, payload));
  const copyId = await mirrorNewCampaign(ctx.db, orgId, target.account, copy, ctx.clock.now());
  await settle(ctx, change, target, { state: 'applied', campaignId: copyId ?? change.campaignId, after: copy.name, current: copy.name }, null);
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
  const duplicate = duplicatePayloadOf(change);
  const newAd = newAdPayloadOf(change);
  const target = (await findTargets(ctx.db, orgId, [change.campaignId])).get(change.campaignId);
  if (!target || (!apply && !duplicate && !newAd)) return;
  const { campaign, account } = target;
  if (await isOrgReadOnly(ctx, orgId)) {
    await settle(ctx, change, target, { state: 'failed', message: 'Not sent: the organisation is read-only until its unpaid invoice is paid (Settings › Billing).' }, null);
    return;
  }
  const connection = await findConnection(ctx.db, orgId, account.connectionId);
  if (!connection || connection.status !== 'active') {
    await settle(ctx, change, target, { state: 'failed', message: 'The connection to this platform needs to be reconnected first.' }, null);
    return;
  }
  const ref: AccountRef = { platformAccountId: account.platformAccountId, managerId: account.managerId ?? undefined, currency: account.currency, timeZone: account.timeZone };
  const scope = { orgId, platform: account.platform, accountKey: account.platformAccountId };
  // One change per campaign at a time: the row lock of the lease UPDATE makes the read-compare-write below atomic.
  if (!(await takeLease(ctx.db, orgId, campaign.id, ctx.clock.now(), LEASE_MS))) throw new CampaignBusy(campaign.id);
  let held = true;
  // The outcome and the lease's release commit together; only a run that recorded no outcome releases it apart.
  const settleLeased = async (values: Partial<NewChangeRow>, live: PlatformCampaign | null) => {
    await settle(ctx, change, target, values, live, true);
    held = false;
  };
  try {
    const tokens = await loadTokens(ctx, connection);
    if (duplicate) {
      await applyDuplicate(ctx, change, target, { tokens, ref, currency: campaign.currency }, duplicate);
      return;
    }
    if (change.entityLevel !== 'campaign') {
      const call = <T>(run: (adapter: AdPlatform) => Promise<T>) => ctx.platforms.call(scope, run);
      const job = { tokens, ref, call, settle: (values: Partial<NewChangeRow>, live: PlatformCampaign | null) => settle(ctx, change, target, values, live), stoppedMessage: STOPPED_MESSAGE };
      // A new ad in the ad group (`create_ad`), or a field of an ad group / ad.
      if (newAd) await applyNewAd(ctx, change, target, job, newAd);
      else await applyEntityChange(ctx, change, target, job);
      return;
    }
    if (!apply) return;
    const live = await ctx.platforms.call(scope, (a) => a.campaigns.getCampaign(tokens, ref, campaign.platformId));
    // Whatever moved on the platform since the last sync goes to the history before this change is judged.
    await recordOutsideChanges(ctx.db, orgId, [campaign], [live], ctx.clock.now());
    const now = apply.platformValue(live);
    if (now === change.after && change.sentAt) {
      // Our earlier attempt landed but was not recorded (the worker stopped): never send twice.
      await settleLeased({ state: 'applied', current: now }, live);
      return;
    }
    if (now === change.after) {
      await settleLeased({ state: 'conflict', current: now, message: 'Nothing to do: the value was already changed to this on the platform by someone else.' }, live);
      return;
    }
    if (now !== change.before) {
      const message = change.origin === 'undo' ? 'Not undone: the value was changed again since this change.' : 'Not applied: the value on the platform changed since you looked.';
      await settleLeased({ state: 'conflict', current: now, message }, live);
      return;
    }
    // The kill switch, once more right before sending: an automated change picked up before it was pulled stops here.
    if (isAutomated({ type: change.actorType ?? 'system' }) && (await readChangeSettings(ctx.db, orgId))?.automationStoppedAt) {
      await settleLeased({ state: 'stopped', message: STOPPED_MESSAGE, decidedAt: ctx.clock.now() }, live);
      return;
    }
    await markSent(ctx.db, orgId, change.id, ctx.clock.now());
    const after = change.after ?? '';
    const updated = await ctx.platforms.call(scope, (a) => apply.send(a, { tokens, ref, platformId: campaign.platformId, currency: campaign.currency, after }));
    await settleLeased({ state: 'applied', current: apply.platformValue(updated) }, updated);
  } catch (error) {
    if (error instanceof PlatformError && !error.isRetryable) {
      await settleLeased({ state: 'failed', message: error.details.platformMessage ?? error.message }, null);
      return;
    }
    // Transient: the job is retried; the compare step makes the retry safe.
    throw error;
  } finally {
    if (held) await releaseLease(ctx.db, orgId, campaign.id);
  }
}
