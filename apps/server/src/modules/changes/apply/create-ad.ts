import { NewAdPayload, type AdCopy } from '@adloop/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import { ads, campaignChanges } from '@adloop/db';
import type { Ad as PlatformAd, NewAdSpec } from '@adloop/platforms';
import type { AppContext } from '../../../platform/context.ts';
import { isAutomated } from '../actor.ts';
import type { ChangeRow, NewChangeRow } from '../changes.repository.ts';
import type { ChangeTarget } from '../changes.targets.ts';
import { findEntity } from '../entity-targets.ts';
import { readChangeSettings } from '../settings.repository.ts';
import type { EntityJob } from './apply-entity.ts';

/** The new ad a `create_ad` change carries (parse boundary: the payload is stored JSON), or null for any other change. */
export function newAdPayloadOf(change: Pick<ChangeRow, 'field' | 'payload'>): NewAdPayload | null {
  if (change.field !== 'ad') return null;
  const parsed = NewAdPayload.safeParse(change.payload);
  return parsed.success ? parsed.data : null;
}

/**
 * A platform's copy as the adapter's new ad takes it: Google's headlines, descriptions and paths; Meta's
 * primary texts, headlines and descriptions (several become its text options) with the button; TikTok's
 * ad texts (one per ad: a proposal carries one) with the button.
 */
export function newAdSpecOf(copy: AdCopy, finalUrl: string, name: string, status: 'active' | 'paused'): NewAdSpec {
  const base = { name, status, finalUrl, headlines: [] as string[], descriptions: [] as string[], primaryTexts: [] as string[] };
  switch (copy.platform) {
    case 'google_ads':
      return { ...base, headlines: copy.headlines, descriptions: copy.descriptions, paths: copy.paths };
    case 'meta':
      return { ...base, primaryTexts: copy.primaryTexts, headlines: copy.headlines, descriptions: copy.descriptions, callToAction: copy.callToAction };
    case 'tiktok':
      return { ...base, primaryTexts: copy.adTexts, callToAction: copy.callToAction };
  }
}

/** The copy field (`headlines`, `adTexts`, …) an adapter's `ad.<field>[.<i>]` refusal names, for the copy's platform. */
export function copyFieldOf(platform: AdCopy['platform'], adField: string | undefined): string {
  if (!adField || !adField.startsWith('ad.')) return adField === 'adGroupId' ? 'adGroupId' : 'copy';
  const [, field = '', ...rest] = adField.split('.');
  if (field === 'finalUrl') return 'finalUrl';
  if (field === 'name') return 'name';
  const renamed = platform === 'tiktok' && field === 'primaryTexts' ? 'adTexts' : field;
  return ['copy', renamed, ...rest].join('.');
}

/**
 * Records `sent_at` only if no run recorded it before and the change is still pending: the one run that
 * gets true may send. (A run holding an older read of the row gets false here and sends nothing.)
 */
async function claimSend(ctx: AppContext, change: ChangeRow): Promise<boolean> {
  const [claimed] = await ctx.db
    .update(campaignChanges)
    .set({ sentAt: ctx.clock.now() })
    .where(and(eq(campaignChanges.orgId, change.orgId), eq(campaignChanges.id, change.id), eq(campaignChanges.state, 'pending'), isNull(campaignChanges.sentAt)))
    .returning({ id: campaignChanges.id });
  return claimed !== undefined;
}

/** The new ad joins the mirror (or, if a sync saw it first, takes what the platform answered); its Adloop id. */
async function mirrorNewAd(ctx: AppContext, change: ChangeRow, target: ChangeTarget, live: PlatformAd): Promise<string> {
  const at = ctx.clock.now();
  const [row] = await ctx.db
    .insert(ads)
    .values({
      orgId: change.orgId,
      adAccountId: target.account.id,
      platformId: live.platformId,
      adGroupPlatformId: live.adGroupPlatformId,
      campaignPlatformId: live.campaignPlatformId || target.campaign.platformId,
      name: live.name,
      status: live.status,
      syncedAt: at,
      createdAt: at,
    })
    .onConflictDoUpdate({ target: [ads.adAccountId, ads.platformId], set: { name: live.name, status: live.status, syncedAt: at } })
    .returning({ id: ads.id });
  return row!.id;
}

/**
 * The apply job for a `create_ad` change: creates the ad in its ad group once. Ad creation is not
 * idempotent on any platform, so `sent_at` is recorded before the call and a run that finds it set
 * (a retry after a crash or a lost answer) never sends again: it fails asking for a look at the ad
 * group instead. The kill switch stops an automated one right before sending. Once created, the ad
 * joins the mirror and the change keeps its ids (`payload.createdAd`), which its undo pauses.
 */
export async function applyNewAd(ctx: AppContext, change: ChangeRow, target: ChangeTarget, job: EntityJob, payload: NewAdPayload): Promise<void> {
  const { orgId } = change;
  const group = change.entityId ? await findEntity(ctx.db, orgId, 'ad_group', change.entityId) : undefined;
  if (!group || group.level !== 'ad_group') {
    await job.settle({ state: 'failed', message: 'The ad group of this new ad is no longer in Adloop.' }, null);
    return;
  }
  const lost = 'The ad was sent but its answer was lost: look for it in the ad group on the platform before publishing this copy again.';
  if (change.sentAt) {
    await job.settle({ state: 'failed', message: lost }, null);
    return;
  }
  if (isAutomated({ type: change.actorType ?? 'system' }) && (await readChangeSettings(ctx.db, orgId))?.automationStoppedAt) {
    await job.settle({ state: 'stopped', message: job.stoppedMessage, decidedAt: ctx.clock.now() }, null);
    return;
  }
  const status = change.after === 'paused' ? 'paused' : 'active';
  const spec = newAdSpecOf(payload.copy, payload.finalUrl, payload.name, status);
  // Another run sent it (or settled it) since this one read the change: leave it to that run's outcome.
  if (!(await claimSend(ctx, change))) return;
  const live = await job.call((a) => a.changes.createAd(job.tokens, job.ref, group.row.platformId, spec));
  const adId = await mirrorNewAd(ctx, change, target, live);
  const created: NewAdPayload = { ...payload, createdAd: { id: adId, platformId: live.platformId } };
  const values: Partial<NewChangeRow> = { state: 'applied', current: live.status, payload: created, message: `Created ad ${live.platformId} in ${group.row.name}.` };
  await job.settle(values, null);
}

/**
 * The undo of a created ad: pausing it (ads are not deleted, so their numbers stay), as a status change
 * of the new ad guarded by the status it was created with. Null when the change created no ad.
 */
export function newAdUndo(original: ChangeRow): Pick<NewChangeRow, 'entityLevel' | 'entityId' | 'action' | 'field' | 'before' | 'after'> | null {
  const created = newAdPayloadOf(original)?.createdAd;
  if (!created) return null;
  return { entityLevel: 'ad', entityId: created.id, action: 'pause', field: 'status', before: original.current ?? original.after ?? 'active', after: 'paused' };
}
