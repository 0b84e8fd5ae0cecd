import { z } from 'zod';
import type { CampaignChange, GuardrailId, RequestedChange } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { actorColumns, type ChangeActor } from './actor.ts';
import { announce } from './changes.announce.ts';
import { APPLY_CHANGE } from './changes.jobs.ts';
import { presentMany } from './changes.present.ts';
import { findByIdempotencyKey, findChange, insertChanges, listChangeRows, type ChangeRow } from './changes.repository.ts';
import { findAccounts } from './changes.targets.ts';
import { findEntity } from './entity-targets.ts';
import { newAdUndo } from './apply/create-ad.ts';
import { submitChanges, type ChangeIntent } from './submit.ts';

export { applyChange } from './apply/apply-change.ts';
export { recordOutsideChanges } from './outside-changes.ts';

type Field = ChangeRow['field'];
export type Action = RequestedChange['action'];

/** May the caller see and change things in this ad account? (`accountIds` null: every account.) */
export const canReachAccount = (access: Pick<OrgAccess, 'accountIds'>, adAccountId: string | null): boolean =>
  access.accountIds === null || (adAccountId !== null && access.accountIds.includes(adAccountId));

/** A change as POST /campaign-changes takes it (CSV imports send their rows the same way). */
export type AskedChange = Omit<RequestedChange, 'expected'> & { expected: ChangeIntent['expected'] };

/** The request's change as the pipeline takes it: a campaign, or an ad group / ad with its campaign. */
async function intentOf(ctx: AppContext, access: OrgAccess, change: AskedChange, at: string): Promise<ChangeIntent> {
  const { campaignId, target, ...rest } = change;
  if (target && target.level !== 'campaign') {
    const entity = await findEntity(ctx.db, access.orgId, target.level, target.id);
    if (!entity || !canReachAccount(access, entity.row.adAccountId)) throw fieldError(`${at}.target.id`, `is not ${target.level === 'ad' ? 'an ad' : 'an ad group'} of this organisation`);
    return { ...rest, campaignId: entity.campaignId, entity };
  }
  const id = campaignId ?? target?.id;
  if (id === undefined) throw fieldError(`${at}.campaignId`, 'name the changed object: campaignId or target {level, id}');
  return { ...rest, campaignId: id };
}

/**
 * A person's or API key's changes (the HTTP road into `submitChanges`): applied, or proposed when the
 * policy says so. The same idempotency key again returns what it created.
 */
export async function requestChanges(
  ctx: AppContext,
  access: OrgAccess,
  actor: ChangeActor,
  body: { idempotencyKey: string; changes: AskedChange[]; confirm?: readonly GuardrailId[] | undefined; reason?: string | undefined },
): Promise<CampaignChange[]> {
  const intents: ChangeIntent[] = [];
  for (const [index, change] of body.changes.entries()) intents.push(await intentOf(ctx, access, change, `changes.${index}`));
  return submitChanges(ctx, access.orgId, actor, intents, { idempotencyKey: body.idempotencyKey, confirm: body.confirm, reason: body.reason, role: access.role, accountIds: access.accountIds });
}

const UNDO_ACTION: Partial<Record<Field, (before: string | null) => Action>> = {
  status: (before) => (before === 'paused' ? 'pause' : 'enable'),
  name: () => 'rename',
  bid: () => 'set_bid',
  target_roas: () => 'set_target_roas',
  daily_budget: () => 'set_daily_budget',
  lifetime_budget: () => 'set_lifetime_budget',
};

/** An archive or removal comes back only where the platform can take it back (`capabilities.campaignEnd`). */
async function refuseEndUndo(ctx: AppContext, orgId: string, original: ChangeRow): Promise<void> {
  if (original.field !== 'status' || (original.after !== 'archived' && original.after !== 'removed') || !original.adAccountId) return;
  const account = (await findAccounts(ctx.db, orgId, [original.adAccountId])).get(original.adAccountId);
  if (!account || !ctx.platforms.registry.has(account.platform)) throw new AppError('conflict', 'This platform is not available to take the campaign back');
  const adapter = ctx.platforms.registry.get(account.platform);
  const end = adapter.capabilities.campaignEnd;
  const undoable = original.after === 'archived' ? end.archiveUndoable : end.removalUndoable;
  if (!undoable) throw new AppError('conflict', `${adapter.displayName} cannot bring back ${original.after === 'archived' ? 'an' : 'a'} ${original.after} campaign, so this change cannot be undone; duplicate the campaign to run it again`);
}

/** Undo: a new change back to the value before, guarded by the value after (refused if someone changed it since). */
export async function requestUndo(ctx: AppContext, access: OrgAccess, actor: ChangeActor, changeId: string, idempotencyKey: string): Promise<CampaignChange> {
  const [again] = await findByIdempotencyKey(ctx.db, access.orgId, idempotencyKey);
  if (again) return (await presentMany(ctx.db, access.orgId, [again]))[0]!;
  const original = await findChange(ctx.db, access.orgId, changeId);
  if (!original || !canReachAccount(access, original.adAccountId)) throw notFound('Change');
  const undoAction = UNDO_ACTION[original.field];
  // A created ad is undone by pausing the new ad: a status change of that ad, guarded by its status as created.
  const createdAd = newAdUndo(original);
  if (original.field === 'ad' && (!createdAd || original.current === 'paused')) throw new AppError('conflict', 'This ad was not created (or was created paused), so there is nothing to pause');
  if (original.field === 'campaign') throw new AppError('conflict', 'Creating a campaign cannot be undone; pause the campaign instead');
  if (original.origin === 'outside') throw new AppError('conflict', 'This change was made on the platform, outside Adloop; change the value in Adloop instead');
  if (original.state !== 'applied') throw new AppError('conflict', `Only an applied change can be undone; this one is ${original.state}`);
  if (original.undoneBy) throw new AppError('conflict', 'This change was already undone');
  if (!undoAction && !createdAd) throw new AppError('conflict', 'This kind of change cannot be undone');
  await refuseEndUndo(ctx, access.orgId, original);
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await insertChanges(tx, access.orgId, [
      {
        orgId: access.orgId,
        adAccountId: original.adAccountId,
        campaignId: original.campaignId,
        ...(createdAd ?? {
          entityLevel: original.entityLevel,
          entityId: original.entityId,
          action: undoAction!(original.before),
          field: original.field,
          before: original.after,
          after: original.before,
        }),
        currency: original.currency,
        state: 'pending',
        origin: 'undo',
        undoOf: original.id,
        idempotencyKey,
        ...actorColumns(actor),
        createdAt: ctx.clock.now(),
      },
    ]);
    if (!inserted) throw new AppError('conflict', 'This change is being undone already');
    await ctx.jobs.enqueue(APPLY_CHANGE, { orgId: access.orgId, changeId: inserted.id }, { db: tx });
    return inserted;
  });
  await announce(ctx, access.orgId, [row]);
  return (await presentMany(ctx.db, access.orgId, [row]))[0]!;
}

const HistoryCursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

/** The change history (optionally of one campaign), newest first, narrowed to the caller's accounts. */
export async function listChanges(ctx: AppContext, access: Pick<OrgAccess, 'orgId' | 'accountIds'>, query: { campaignId?: string | undefined; cursor?: string | undefined; limit: number }): Promise<Page<CampaignChange>> {
  const after = decodeCursor(query.cursor, HistoryCursor);
  const rows = await listChangeRows(ctx.db, access.orgId, { campaignId: query.campaignId, accountIds: access.accountIds }, after, query.limit + 1);
  const presented = await presentMany(ctx.db, access.orgId, rows);
  const byId = new Map(presented.map((c) => [c.id, c]));
  return toPage(rows, query.limit, (row) => byId.get(row.id)!, (row) => [row.createdAt.toISOString(), row.id]);
}

export async function getChange(ctx: AppContext, access: Pick<OrgAccess, 'orgId' | 'accountIds'>, changeId: string): Promise<CampaignChange> {
  const row = await findChange(ctx.db, access.orgId, changeId);
  if (!row || !canReachAccount(access, row.adAccountId)) throw notFound('Change');
  return (await presentMany(ctx.db, access.orgId, [row]))[0]!;
}
