import { z } from 'zod';
import type { CampaignChange } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { actorColumns, type ChangeActor } from './actor.ts';
import { announce } from './changes.announce.ts';
import { APPLY_CHANGE } from './changes.jobs.ts';
import { presentMany } from './changes.present.ts';
import { findByIdempotencyKey, findChange, insertChanges, listChangeRows, type ChangeRow, type NewChangeRow } from './changes.repository.ts';
import { findTargets } from './changes.targets.ts';

export { applyChange } from './apply/apply-change.ts';
export { recordOutsideChanges } from './outside-changes.ts';

type Field = ChangeRow['field'];
export type Action = 'pause' | 'enable' | 'set_daily_budget' | 'set_lifetime_budget';

const FIELD_OF: Record<Action, Field> = { pause: 'status', enable: 'status', set_daily_budget: 'daily_budget', set_lifetime_budget: 'lifetime_budget' };
const FROZEN: readonly string[] = ['removed', 'archived'];

const DECIMAL_WORDS = ['no', 'one', 'two', 'three'];

/** Why a budget between two of the platform's steps is refused: "must be a whole number of cents (USD has two decimals on Meta)". */
function budgetStepMessage(stepMicros: number, currency: string, platformName: string): string {
  const decimals = Math.round(6 - Math.log10(stepMicros));
  if (decimals < 0 || 10 ** (6 - decimals) !== stepMicros) return `must be a multiple of ${stepMicros / 1e6} ${currency} on ${platformName}`;
  const unit = decimals === 0 ? (currency === 'JPY' ? 'yen' : currency) : decimals === 2 ? 'cents' : `${stepMicros / 1e6} ${currency}`;
  return `must be a whole number of ${unit} (${currency} has ${DECIMAL_WORDS[decimals] ?? decimals} decimals on ${platformName})`;
}

/** May the caller see and change things in this ad account? (`accountIds` null: every account.) */
export const canReachAccount = (access: Pick<OrgAccess, 'accountIds'>, adAccountId: string | null): boolean =>
  access.accountIds === null || (adAccountId !== null && access.accountIds.includes(adAccountId));

export interface RequestedChange {
  campaignId: string;
  action: Action;
  amountMicros?: number | undefined;
  expected: { status?: string | undefined; dailyBudgetMicros?: number | null | undefined; lifetimeBudgetMicros?: number | null | undefined };
}

/**
 * Records the asked changes (checked against the platform's rules first) and queues one apply
 * job each, in one transaction. The same idempotency key again returns what it created.
 */
export async function requestChanges(ctx: AppContext, access: OrgAccess, actor: ChangeActor, body: { idempotencyKey: string; changes: RequestedChange[] }): Promise<CampaignChange[]> {
  const existing = await findByIdempotencyKey(ctx.db, access.orgId, body.idempotencyKey);
  if (existing.length > 0) return presentMany(ctx.db, access.orgId, existing);

  const info = await findTargets(ctx.db, access.orgId, body.changes.map((c) => c.campaignId));
  const seen = new Set<string>();
  const rows: NewChangeRow[] = [];
  const now = ctx.clock.now();
  for (const [index, change] of body.changes.entries()) {
    const at = `changes.${index}`;
    const found = info.get(change.campaignId);
    if (!found || !canReachAccount(access, found.account.id)) throw fieldError(`${at}.campaignId`, 'is not a campaign of this organisation');
    const { campaign, account } = found;
    const field = FIELD_OF[change.action];
    if (seen.has(`${campaign.id}:${field}`)) throw fieldError(`${at}.campaignId`, 'is changed twice in one request');
    seen.add(`${campaign.id}:${field}`);
    const adapter = ctx.platforms.registry.has(account.platform) ? ctx.platforms.registry.get(account.platform) : null;
    if (!adapter) throw new AppError('conflict', `${account.platform} is not available on this installation`);
    const frozen = (adapter.capabilities as { frozenStatuses?: readonly string[] }).frozenStatuses ?? FROZEN;
    let after: string;
    let expected: string | null;
    if (field === 'status') {
      if (frozen.includes(campaign.status)) throw fieldError(`${at}.action`, `a ${campaign.status} campaign cannot be paused or enabled`);
      after = change.action === 'pause' ? 'paused' : 'active';
      if (change.expected.status === undefined) throw fieldError(`${at}.expected.status`, 'is required: send the status you saw');
      expected = change.expected.status;
    } else {
      if (change.amountMicros === undefined) throw fieldError(`${at}.amountMicros`, 'is required for a budget change');
      if (field === 'lifetime_budget' && !adapter.capabilities.lifetimeBudgets) throw fieldError(`${at}.action`, `${adapter.displayName} campaigns have no lifetime budget`);
      const current = field === 'daily_budget' ? campaign.dailyBudgetMicros : campaign.lifetimeBudgetMicros;
      if (current === null) throw fieldError(`${at}.action`, `this campaign has no ${field === 'daily_budget' ? 'daily' : 'lifetime'} budget at campaign level`);
      const minimum = adapter.capabilities.minDailyBudgetMicros(campaign.currency);
      if (field === 'daily_budget' && change.amountMicros < minimum) {
        throw fieldError(`${at}.amountMicros`, `is below ${adapter.displayName}'s minimum daily budget of ${minimum / 1e6} ${campaign.currency}`);
      }
      const step = adapter.capabilities.budgetStepMicros(campaign.currency);
      if (change.amountMicros % step !== 0) throw fieldError(`${at}.amountMicros`, budgetStepMessage(step, campaign.currency, adapter.displayName));
      after = String(change.amountMicros);
      const seenValue = field === 'daily_budget' ? change.expected.dailyBudgetMicros : change.expected.lifetimeBudgetMicros;
      if (seenValue === undefined) throw fieldError(`${at}.expected.${field === 'daily_budget' ? 'dailyBudgetMicros' : 'lifetimeBudgetMicros'}`, 'is required: send the budget you saw');
      expected = seenValue === null ? null : String(seenValue);
    }
    rows.push({
      orgId: access.orgId,
      adAccountId: account.id,
      campaignId: campaign.id,
      action: change.action,
      field,
      before: expected,
      after,
      currency: campaign.currency,
      state: 'pending',
      origin: 'adloop',
      idempotencyKey: body.idempotencyKey,
      ...actorColumns(actor),
      createdAt: now,
    });
  }
  const created = await ctx.db.transaction(async (tx) => {
    const inserted = await insertChanges(tx, access.orgId, rows);
    for (const row of inserted) await ctx.jobs.enqueue(APPLY_CHANGE, { orgId: access.orgId, changeId: row.id }, { db: tx });
    return inserted;
  });
  await announce(ctx, access.orgId, created);
  // A concurrent request with the same key won the race: answer with its changes.
  if (created.length < rows.length) return presentMany(ctx.db, access.orgId, await findByIdempotencyKey(ctx.db, access.orgId, body.idempotencyKey));
  return presentMany(ctx.db, access.orgId, created);
}

const UNDO_ACTION: Partial<Record<Field, (before: string | null) => Action>> = {
  status: (before) => (before === 'paused' ? 'pause' : 'enable'),
  daily_budget: () => 'set_daily_budget',
  lifetime_budget: () => 'set_lifetime_budget',
};

/** Undo: a new change back to the value before, guarded by the value after (refused if someone changed it since). */
export async function requestUndo(ctx: AppContext, access: OrgAccess, actor: ChangeActor, changeId: string, idempotencyKey: string): Promise<CampaignChange> {
  const [again] = await findByIdempotencyKey(ctx.db, access.orgId, idempotencyKey);
  if (again) return (await presentMany(ctx.db, access.orgId, [again]))[0]!;
  const original = await findChange(ctx.db, access.orgId, changeId);
  if (!original || !canReachAccount(access, original.adAccountId)) throw notFound('Change');
  const undoAction = UNDO_ACTION[original.field];
  if (original.field === 'campaign') throw new AppError('conflict', 'Creating a campaign cannot be undone; pause the campaign instead');
  if (original.origin === 'outside') throw new AppError('conflict', 'This change was made on the platform, outside Adloop; change the value in Adloop instead');
  if (original.state !== 'applied') throw new AppError('conflict', `Only an applied change can be undone; this one is ${original.state}`);
  if (original.undoneBy) throw new AppError('conflict', 'This change was already undone');
  if (!undoAction) throw new AppError('conflict', 'This kind of change cannot be undone');
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await insertChanges(tx, access.orgId, [
      {
        orgId: access.orgId,
        adAccountId: original.adAccountId,
        campaignId: original.campaignId,
        entityLevel: original.entityLevel,
        entityId: original.entityId,
        action: undoAction(original.before),
        field: original.field,
        before: original.after,
        after: original.before,
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
