import type { AccountRef, AdPlatform, Campaign as PlatformCampaign, TokenSet } from '@adloop/platforms';
import type { AppContext } from '../../../platform/context.ts';
import { isAutomated } from '../actor.ts';
import { markSent, type ChangeRow, type NewChangeRow } from '../changes.repository.ts';
import type { ChangeTarget } from '../changes.targets.ts';
import { findEntity, mirrorAd, mirrorAdGroup, releaseEntityLease, takeEntityLease } from '../entity-targets.ts';
import { readChangeSettings } from '../settings.repository.ts';
import { AD_APPLY, AD_GROUP_APPLY, type EntityApply } from './entity-apply.ts';

const LEASE_MS = 2 * 60_000;

/** Another change of the same ad group / ad is being applied; the job is retried shortly. */
export class EntityBusy extends Error {
  constructor(id: string) {
    super(`Another change to ${id} is being applied; retrying`);
    this.name = 'EntityBusy';
  }
}

/** What the campaign apply job lends this one: the platform call, its settle step and the kill switch's words. */
export interface EntityJob {
  tokens: TokenSet;
  ref: AccountRef;
  call<T>(run: (adapter: AdPlatform) => Promise<T>): Promise<T>;
  settle(values: Partial<NewChangeRow>, live: PlatformCampaign | null): Promise<void>;
  stoppedMessage: string;
}

/**
 * The apply job for an ad group / ad set or an ad (`entity_level`), with the campaign's compare-and-set:
 * already at the new value → applied (or a conflict if we never sent it); at `before` → send, read back,
 * applied; anything else → conflict. One change per object at a time (its own lease); the mirror row
 * takes what the platform answered. Platform errors go to the caller, which fails or retries the job.
 */
export async function applyEntityChange(ctx: AppContext, change: ChangeRow, target: ChangeTarget, job: EntityJob): Promise<void> {
  const { orgId } = change;
  const level = change.entityLevel;
  if (level === 'campaign' || !change.entityId) return;
  const entity = await findEntity(ctx.db, orgId, level, change.entityId);
  if (!entity) {
    await job.settle({ state: 'failed', message: 'This ad group or ad is no longer on the platform.' }, null);
    return;
  }
  const field = change.field;
  if (entity.level === 'ad_group') {
    const apply = field === 'status' || field === 'daily_budget' || field === 'lifetime_budget' || field === 'bid' || field === 'name' ? AD_GROUP_APPLY[field] : undefined;
    if (apply) await compareAndSend(ctx, change, target, job, entity.row.id, entity.row.platformId, apply, (live) => mirrorAdGroup(ctx.db, orgId, entity.row.id, live, ctx.clock.now()));
    return;
  }
  const apply = field === 'status' || field === 'name' ? AD_APPLY[field] : undefined;
  if (apply) await compareAndSend(ctx, change, target, job, entity.row.id, entity.row.platformId, apply, (live) => mirrorAd(ctx.db, orgId, entity.row.id, live, ctx.clock.now()));
}

async function compareAndSend<Row, Live>(
  ctx: AppContext,
  change: ChangeRow,
  target: ChangeTarget,
  job: EntityJob,
  id: string,
  platformId: string,
  apply: EntityApply<Row, Live>,
  mirror: (live: Live) => Promise<void>,
): Promise<void> {
  const { orgId } = change;
  const level = change.entityLevel === 'ad' ? 'ad' : 'ad_group';
  if (!(await takeEntityLease(ctx.db, orgId, level, id, ctx.clock.now(), LEASE_MS))) throw new EntityBusy(id);
  try {
    const at = { tokens: job.tokens, ref: job.ref, platformId, currency: target.campaign.currency };
    const live = await job.call((a) => apply.read(a, at));
    await mirror(live);
    const now = apply.platformValue(live);
    if (now === change.after) {
      const values: Partial<NewChangeRow> = change.sentAt ? { state: 'applied', current: now } : { state: 'conflict', current: now, message: 'Nothing to do: the value was already changed to this on the platform by someone else.' };
      await job.settle(values, null);
      return;
    }
    if (now !== change.before) {
      const message = change.origin === 'undo' ? 'Not undone: the value was changed again since this change.' : 'Not applied: the value on the platform changed since you looked.';
      await job.settle({ state: 'conflict', current: now, message }, null);
      return;
    }
    if (isAutomated({ type: change.actorType ?? 'system' }) && (await readChangeSettings(ctx.db, orgId))?.automationStoppedAt) {
      await job.settle({ state: 'stopped', message: job.stoppedMessage, decidedAt: ctx.clock.now() }, null);
      return;
    }
    await markSent(ctx.db, orgId, change.id, ctx.clock.now());
    const updated = await job.call((a) => apply.send(a, { ...at, after: change.after ?? '' }));
    await mirror(updated);
    await job.settle({ state: 'applied', current: apply.platformValue(updated) }, null);
  } finally {
    await releaseEntityLease(ctx.db, orgId, level, id);
  }
}
