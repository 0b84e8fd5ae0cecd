import { and, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { adAccounts, campaignChanges, campaigns, platformConnections, type ActorType, type Db } from '@adloop/db';
import type { CampaignChange } from '@adloop/contracts';
import { PlatformError, type AccountRef, type Campaign as PlatformCampaign } from '@adloop/platforms';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, systemSource, type AuditSource } from '../audit/audit.writer.ts';
import { loadTokens } from '../sync/sync.service.ts';
import { publish } from '../../platform/live/publish.ts';
import { APPLY_CHANGE } from './changes.jobs.ts';

type ChangeRow = typeof campaignChanges.$inferSelect;
type CampaignRowDb = typeof campaigns.$inferSelect;
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

/** The value of `field` on a campaign (mirror row or platform read), as the string stored in a change. */
function valueOf(field: Field, c: { status: string; dailyBudgetMicros?: number | null; lifetimeBudgetMicros?: number | null }): string | null {
  if (field === 'status') return c.status;
  const micros = field === 'daily_budget' ? c.dailyBudgetMicros : c.lifetimeBudgetMicros;
  return micros === null || micros === undefined ? null : String(micros);
}
const platformValue = (field: Field, c: PlatformCampaign) =>
  valueOf(field, { status: c.status, dailyBudgetMicros: c.dailyBudget?.micros ?? null, lifetimeBudgetMicros: c.lifetimeBudget?.micros ?? null });

function present(row: ChangeRow, campaign: { name: string; platform: CampaignChange['platform'] }, undoable: boolean): CampaignChange {
  return {
    id: row.id,
    campaignId: row.campaignId,
    campaignName: campaign.name,
    platform: campaign.platform,
    action: row.action,
    field: row.field,
    before: row.before,
    after: row.after,
    currency: row.currency,
    state: row.state,
    current: row.current,
    message: row.message,
    origin: row.origin,
    undoOf: row.undoOf,
    undoneBy: row.undoneBy,
    canUndo: undoable,
    actorLabel: row.actorLabel,
    createdAt: row.createdAt.toISOString(),
    appliedAt: row.appliedAt?.toISOString() ?? null,
  };
}

/** Tells the organisation's open event streams about changes whose state moved (after the commit). */
async function announce(ctx: AppContext, orgId: string, rows: Pick<ChangeRow, 'id' | 'campaignId' | 'state'>[]): Promise<void> {
  for (const row of rows) if (row.campaignId) await publish(ctx, orgId, { type: 'change', changeId: row.id, campaignId: row.campaignId, status: row.state });
}

const isUndoable = (row: ChangeRow) => row.state === 'applied' && row.undoneBy === null && row.origin !== 'outside' && row.before !== null;

async function campaignsWithPlatform(db: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, { campaign: CampaignRowDb; platform: CampaignChange['platform']; account: typeof adAccounts.$inferSelect }>();
  const rows = await db
    .select({ campaign: campaigns, account: adAccounts })
    .from(campaigns)
    .innerJoin(adAccounts, and(eq(adAccounts.id, campaigns.adAccountId), eq(adAccounts.orgId, campaigns.orgId)))
    .where(and(eq(campaigns.orgId, orgId), inArray(campaigns.id, ids)));
  return new Map(rows.map((r) => [r.campaign.id, { ...r, platform: r.account.platform }]));
}

async function presentMany(db: Db, orgId: string, rows: ChangeRow[]): Promise<CampaignChange[]> {
  const info = await campaignsWithPlatform(db, orgId, [...new Set(rows.flatMap((r) => (r.campaignId ? [r.campaignId] : [])))]);
  return rows.map((row) => {
    const c = row.campaignId ? info.get(row.campaignId) : undefined;
    return present(row, { name: c?.campaign.name ?? '', platform: c?.platform ?? 'google_ads' }, isUndoable(row));
  });
}

/** Who made a change, as stored on it. */
export function actorColumns(source: AuditSource): { actorType: ActorType; actorId: string | null; actorLabel: string } {
  const actor = source.actor;
  if (actor.kind === 'user') return { actorType: 'user', actorId: actor.userId, actorLabel: actor.email };
  if (actor.kind === 'api_key') return { actorType: 'api_key', actorId: actor.keyId, actorLabel: `API key ${actor.name}` };
  return { actorType: 'system', actorId: null, actorLabel: actor.label };
}

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
export async function requestChanges(ctx: AppContext, access: OrgAccess, source: AuditSource, body: { idempotencyKey: string; changes: RequestedChange[] }): Promise<CampaignChange[]> {
  const existing = await ctx.db
    .select()
    .from(campaignChanges)
    .where(and(eq(campaignChanges.orgId, access.orgId), eq(campaignChanges.idempotencyKey, body.idempotencyKey)));
  if (existing.length > 0) return presentMany(ctx.db, access.orgId, existing);

  const info = await campaignsWithPlatform(ctx.db, access.orgId, body.changes.map((c) => c.campaignId));
  const seen = new Set<string>();
  const rows: Array<typeof campaignChanges.$inferInsert> = [];
  const now = ctx.clock.now();
  for (const [index, change] of body.changes.entries()) {
    const at = `changes.${index}`;
    const found = info.get(change.campaignId);
    if (!found) throw fieldError(`${at}.campaignId`, 'is not a campaign of this organisation');
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
      campaignId: campaign.id,
      action: change.action,
      field,
      before: expected,
      after,
      currency: campaign.currency,
      state: 'pending',
      origin: 'adloop',
      idempotencyKey: body.idempotencyKey,
      ...actorColumns(source),
      createdAt: now,
    });
  }
  const created = await ctx.db.transaction(async (tx) => {
    const inserted = await tx.insert(campaignChanges).values(rows).onConflictDoNothing().returning();
    for (const row of inserted) await ctx.jobs.enqueue(APPLY_CHANGE, { orgId: access.orgId, changeId: row.id }, { db: tx });
    return inserted;
  });
  await announce(ctx, access.orgId, created);
  if (created.length < rows.length) {
    // A concurrent request with the same key won the race: answer with its changes.
    const all = await ctx.db.select().from(campaignChanges).where(and(eq(campaignChanges.orgId, access.orgId), eq(campaignChanges.idempotencyKey, body.idempotencyKey)));
    return presentMany(ctx.db, access.orgId, all);
  }
  return presentMany(ctx.db, access.orgId, created);
}

/** Undo: a new change back to the value before, guarded by the value after (refused if someone changed it since). */
export async function requestUndo(ctx: AppContext, access: OrgAccess, source: AuditSource, changeId: string, idempotencyKey: string): Promise<CampaignChange> {
  const [again] = await ctx.db.select().from(campaignChanges).where(and(eq(campaignChanges.orgId, access.orgId), eq(campaignChanges.idempotencyKey, idempotencyKey)));
  if (again) return (await presentMany(ctx.db, access.orgId, [again]))[0]!;
  const [original] = await ctx.db.select().from(campaignChanges).where(and(eq(campaignChanges.orgId, access.orgId), eq(campaignChanges.id, changeId)));
  if (!original) throw notFound('Change');
  if (original.field === 'campaign') throw new AppError('conflict', 'Creating a campaign cannot be undone; pause the campaign instead');
  if (original.origin === 'outside') throw new AppError('conflict', 'This change was made on the platform, outside Adloop; change the value in Adloop instead');
  if (original.state !== 'applied') throw new AppError('conflict', `Only an applied change can be undone; this one is ${original.state}`);
  if (original.undoneBy) throw new AppError('conflict', 'This change was already undone');
  const action: Action = original.field === 'status' ? (original.before === 'paused' ? 'pause' : 'enable') : original.field === 'daily_budget' ? 'set_daily_budget' : 'set_lifetime_budget';
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(campaignChanges)
      .values({
        orgId: access.orgId,
        campaignId: original.campaignId,
        action,
        field: original.field,
        before: original.after,
        after: original.before,
        currency: original.currency,
        state: 'pending',
        origin: 'undo',
        undoOf: original.id,
        idempotencyKey,
        ...actorColumns(source),
        createdAt: ctx.clock.now(),
      })
      .returning();
    await ctx.jobs.enqueue(APPLY_CHANGE, { orgId: access.orgId, changeId: inserted!.id }, { db: tx });
    return inserted!;
  });
  await announce(ctx, access.orgId, [row]);
  return (await presentMany(ctx.db, access.orgId, [row]))[0]!;
}

/**
 * The apply job. Reads the campaign on the platform and compares (compare-and-set):
 * - already at the new value → applied (a retry after a crash between sending and recording: never sent twice);
 * - at the value the person saw → send the change, read it back, applied;
 * - anything else → conflict, with the value the platform has now.
 * Then the mirror, the audit log and (for an undo) the original are updated in one transaction.
 */
export async function applyChange(ctx: AppContext, orgId: string, changeId: string): Promise<void> {
  const [change] = await ctx.db.select().from(campaignChanges).where(and(eq(campaignChanges.orgId, orgId), eq(campaignChanges.id, changeId)));
  if (!change || change.state !== 'pending' || !change.campaignId) return;
  const found = (await campaignsWithPlatform(ctx.db, orgId, [change.campaignId])).get(change.campaignId);
  if (!found) return;
  const { campaign, account } = found;
  const [connection] = await ctx.db.select().from(platformConnections).where(and(eq(platformConnections.orgId, orgId), eq(platformConnections.id, account.connectionId)));
  const finish = async (values: Partial<typeof campaignChanges.$inferInsert>, platformCampaign: PlatformCampaign | null) => {
    const at = ctx.clock.now();
    const moved = await ctx.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(campaignChanges)
        // A settled change drops a 'being recovered' note: its own outcome replaces it.
        .set({ message: null, ...values, ...(values.state === 'applied' ? { appliedAt: at } : {}) })
        .where(and(eq(campaignChanges.id, change.id), eq(campaignChanges.state, 'pending')))
        .returning();
      if (!updated) return [];
      if (platformCampaign) {
        await tx
          .update(campaigns)
          .set({
            status: platformCampaign.status,
            rawStatus: platformCampaign.rawStatus,
            dailyBudgetMicros: platformCampaign.dailyBudget?.micros ?? null,
            lifetimeBudgetMicros: platformCampaign.lifetimeBudget?.micros ?? null,
            syncedAt: at,
          })
          .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaign.id)));
      }
      if (updated.state === 'applied') {
        if (updated.undoOf) await tx.update(campaignChanges).set({ state: 'undone', undoneBy: updated.id }).where(and(eq(campaignChanges.orgId, orgId), eq(campaignChanges.id, updated.undoOf)));
        const source: AuditSource = updated.actorType === 'user' || updated.actorType === 'api_key'
          ? { actor: updated.actorType === 'user' ? { kind: 'user', userId: updated.actorId ?? '', email: updated.actorLabel ?? '', sessionId: '', mfaEnabled: false } : { kind: 'api_key', keyId: updated.actorId ?? '', orgId, scope: 'read_write', name: updated.actorLabel ?? '' } }
          : systemSource(updated.actorLabel ?? 'adloop');
        await recordAudit(tx, source, {
          orgId,
          action: updated.origin === 'undo' ? 'campaign.change_undone' : 'campaign.changed',
          targetType: 'campaign',
          targetId: campaign.id,
          before: { [updated.field]: updated.before },
          after: { [updated.field]: updated.after, changeId: updated.id, platform: account.platform },
        });
      }
      return updated.state === 'applied' && updated.undoOf ? [updated, { id: updated.undoOf, campaignId: updated.campaignId, state: 'undone' as const }] : [updated];
    });
    await announce(ctx, orgId, moved);
  };
  if (!connection || connection.status !== 'active') {
    await finish({ state: 'failed', message: 'The connection to this platform needs to be reconnected first.' }, null);
    return;
  }
  const ref: AccountRef = { platformAccountId: account.platformAccountId, managerId: account.managerId ?? undefined, currency: account.currency, timeZone: account.timeZone };
  const scope = { orgId, platform: account.platform, accountKey: account.platformAccountId };
  // One change per campaign at a time: the row lock of this UPDATE makes the read-compare-write below atomic.
  const leaseStart = ctx.clock.now();
  const [leased] = await ctx.db
    .update(campaigns)
    .set({ changeLeaseUntil: new Date(leaseStart.getTime() + LEASE_MS) })
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaign.id), or(isNull(campaigns.changeLeaseUntil), lt(campaigns.changeLeaseUntil, leaseStart))))
    .returning({ id: campaigns.id });
  if (!leased) throw new CampaignBusy(campaign.id);
  try {
    const tokens = await loadTokens(ctx, connection);
    const live = await ctx.platforms.call(scope, (a) => a.campaigns.getCampaign(tokens, ref, campaign.platformId));
    // Whatever moved on the platform since the last sync goes to the history before this change is judged.
    await recordOutsideChanges(ctx.db, orgId, [campaign], [live], ctx.clock.now());
    const now = platformValue(change.field, live);
    if (now === change.after && change.sentAt) {
      // Our earlier attempt landed but was not recorded (the worker stopped): never send twice.
      await finish({ state: 'applied', current: now }, live);
      return;
    }
    if (now === change.after) {
      await finish({ state: 'conflict', current: now, message: 'Nothing to do: the value was already changed to this on the platform by someone else.' }, live);
      return;
    }
    if (now !== change.before) {
      await finish(
        {
          state: 'conflict',
          current: now,
          message: change.origin === 'undo' ? 'Not undone: the value was changed again since this change.' : 'Not applied: the value on the platform changed since you looked.',
        },
        live,
      );
      return;
    }
    await ctx.db.update(campaignChanges).set({ sentAt: ctx.clock.now() }).where(eq(campaignChanges.id, change.id));
    const updated = await ctx.platforms.call(scope, (a) =>
      change.field === 'status'
        ? a.campaigns.setStatus(tokens, ref, campaign.platformId, change.after === 'paused' ? 'paused' : 'active')
        : a.campaigns.setBudget(tokens, ref, campaign.platformId, { kind: change.field === 'daily_budget' ? 'daily' : 'lifetime', amount: { micros: Number(change.after), currency: campaign.currency } }),
    );
    await finish({ state: 'applied', current: platformValue(change.field, updated) }, updated);
  } catch (error) {
    if (error instanceof PlatformError && !error.isRetryable) {
      await finish({ state: 'failed', message: error.details.platformMessage ?? error.message }, null);
      return;
    }
    // Transient: the job is retried; the compare step makes the retry safe.
    throw error;
  } finally {
    await ctx.db.update(campaigns).set({ changeLeaseUntil: null }).where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaign.id)));
  }
}

const LEASE_MS = 2 * 60_000;

/** Another change of the same campaign is being applied; the job is retried shortly. */
export class CampaignBusy extends Error {
  constructor(campaignId: string) {
    super(`Another change to campaign ${campaignId} is being applied; retrying`);
    this.name = 'CampaignBusy';
  }
}

/**
 * Called by the structure sync before it overwrites the mirror: a status or budget that differs
 * from the mirror, with no Adloop change pending for it, was changed outside Adloop.
 */
export async function recordOutsideChanges(db: Db, orgId: string, before: CampaignRowDb[], incoming: PlatformCampaign[], at: Date): Promise<number> {
  const byPlatformId = new Map(incoming.map((c) => [c.platformId, c]));
  const candidates: Array<typeof campaignChanges.$inferInsert> = [];
  for (const old of before) {
    const next = byPlatformId.get(old.platformId);
    if (!next) continue;
    for (const field of ['status', 'daily_budget', 'lifetime_budget'] as const) {
      const was = valueOf(field, old);
      const now = platformValue(field, next);
      if (was === now) continue;
      candidates.push({ orgId, campaignId: old.id, action: field === 'status' ? (now === 'paused' ? 'pause' : now === 'active' ? 'enable' : `set_${now}`) : `set_${field}`, field, before: was, after: now, currency: old.currency, state: 'applied', origin: 'outside', actorType: 'platform', actorLabel: 'On the platform', createdAt: at, appliedAt: at });
    }
  }
  if (candidates.length === 0) return 0;
  const pending = await db
    .select({ campaignId: campaignChanges.campaignId, field: campaignChanges.field, after: campaignChanges.after, state: campaignChanges.state, appliedAt: campaignChanges.appliedAt })
    .from(campaignChanges)
    .where(and(eq(campaignChanges.orgId, orgId), inArray(campaignChanges.campaignId, [...new Set(candidates.flatMap((c) => (c.campaignId ? [c.campaignId] : [])))]), or(eq(campaignChanges.state, 'pending'), eq(campaignChanges.state, 'applied'))));
  // A value Adloop itself set (or is setting) is not an outside change.
  const ours = (c: (typeof candidates)[number]) => pending.some((p) => p.campaignId === c.campaignId && p.field === c.field && p.after === c.after);
  const outside = candidates.filter((c) => !ours(c));
  if (outside.length) await db.insert(campaignChanges).values(outside);
  return outside.length;
}

const HistoryCursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

export async function listChanges(ctx: AppContext, orgId: string, query: { campaignId?: string | undefined; cursor?: string | undefined; limit: number }) {
  const after = decodeCursor(query.cursor, HistoryCursor);
  const scope = query.campaignId ? and(eq(campaignChanges.orgId, orgId), eq(campaignChanges.campaignId, query.campaignId)) : eq(campaignChanges.orgId, orgId);
  const rows = await ctx.db
    .select()
    .from(campaignChanges)
    .where(after ? and(scope, or(lt(campaignChanges.createdAt, new Date(after[0])), and(eq(campaignChanges.createdAt, new Date(after[0])), lt(campaignChanges.id, after[1])))) : scope)
    .orderBy(desc(campaignChanges.createdAt), desc(campaignChanges.id))
    .limit(query.limit + 1);
  const presented = await presentMany(ctx.db, orgId, rows);
  const byId = new Map(rows.map((r, i) => [r.id, presented[i]!]));
  return toPage(rows, query.limit, (row) => byId.get(row.id)!, (row) => [row.createdAt.toISOString(), row.id]);
}

export async function getChange(ctx: AppContext, orgId: string, changeId: string): Promise<CampaignChange> {
  const [row] = await ctx.db.select().from(campaignChanges).where(and(eq(campaignChanges.orgId, orgId), eq(campaignChanges.id, changeId)));
  if (!row) throw notFound('Change');
  return (await presentMany(ctx.db, orgId, [row]))[0]!;
}
