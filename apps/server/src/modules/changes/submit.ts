import { randomUUID } from 'node:crypto';
import { needsApproval, stakePerDay, validateChange, type ChangeKind, type ChangeRequest, type RuleMode } from '@adloop/engine';
import type { CampaignChange, ChangeAction, GuardrailId } from '@adloop/contracts';
import type { Role } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { roleCan } from '../orgs/permissions.ts';
import { actorColumns, type ChangeActor } from './actor.ts';
import { announce } from './changes.announce.ts';
import { APPLY_CHANGE } from './changes.jobs.ts';
import { presentMany } from './changes.present.ts';
import { changesOfDay, findByIdempotencyKeys, insertChanges, type ChangeRow, type DayChange, type NewChangeRow } from './changes.repository.ts';
import { findTargets, type ChangeTarget } from './changes.targets.ts';
import { checkGuardrails, guardedEntity, guardrailRefusal, type Refusal } from './guardrail-check.ts';
import { notifyApproversOfMany } from './notify-approvers.ts';
import { publish } from '../../platform/live/publish.ts';
import { platformRulesOf } from './platform-rules.ts';
import { validateCampaignObjectChange } from './object-validate.ts';
import { validateEntityChange } from './entity-validate.ts';
import type { EntityTarget } from './entity-targets.ts';
import { loadChangeSettings, type ChangeSettingsValue } from './settings.ts';
import { planReadOnlyError, readOnlyIds } from '../billing/limits.keep.ts';

/** One asked change of a campaign, with the value the asker saw (compare-and-set). */
export interface ChangeIntent extends Omit<ChangeRequest, 'action' | 'expected'> {
  campaignId: string;
  action: ChangeAction;
  /** `rename`: the new name; `duplicate`: the copy's name. */
  name?: string | undefined;
  targetRoas?: number | undefined;
  expected: ChangeRequest['expected'] & { name?: string | undefined; bidMicros?: number | null | undefined; targetRoas?: number | null | undefined };
  /** The ad group / ad set or ad changed, when below the campaign (`campaignId` is its campaign). */
  entity?: EntityTarget | undefined;
}

const STATUS_AND_BUDGET: readonly string[] = ['pause', 'enable', 'set_daily_budget', 'set_lifetime_budget'] satisfies ChangeKind[];
const isStatusOrBudget = (action: ChangeAction): action is ChangeKind => STATUS_AND_BUDGET.includes(action);

export interface SubmitOptions {
  /** The same key again returns what it created (one row per campaign and field). */
  idempotencyKey?: string | undefined;
  reason?: string | undefined;
  evidence?: Record<string, unknown> | undefined;
  /** For a rule: does it act on its own or propose? (default: propose) */
  ruleMode?: RuleMode | undefined;
  /** Soft guardrails the asker goes past (people and API keys only). */
  confirm?: readonly GuardrailId[] | undefined;
  /** The person's role (null for keys and automation): members' changes may need approval. */
  role?: Role | null | undefined;
  /** The caller's ad accounts (`OrgAccess.accountIds`); null or absent: every account. */
  accountIds?: readonly string[] | null | undefined;
}

/** One asker's request in a batch: its actor, its changes and its own options (idempotency key, reason, evidence...). */
export interface ChangeSubmission {
  actor: ChangeActor;
  intents: readonly ChangeIntent[];
  options?: SubmitOptions | undefined;
}

/** What became of one submission: the changes it created (or had created before, same key), or its refusal. */
export type SubmissionOutcome = { changes: ChangeRow[]; error?: undefined } | { changes?: undefined; error: AppError };

/** What every submission of a batch is checked against, read once for all of them. */
interface BatchLookups {
  settings: ChangeSettingsValue;
  targets: Map<string, ChangeTarget>;
  /** Each campaign's changes asked today before the batch (the per-day limit's history). */
  history: Map<string, DayChange[]>;
  /** Changes accepted earlier in the batch per campaign: they count for the per-day limit as rows already written would. */
  accepted: Map<string, number>;
  /** Ad accounts beyond the plan's limit after a downgrade: their campaigns are read-only. */
  readOnlyAccounts: Set<string>;
  now: Date;
}

/**
 * One submission's rows, each intent checked in order: the platform's rules (400 naming the field),
 * once per object and field, every guardrail (the refusals of all its intents together, 422), and the
 * organisation's approval policy (`proposed` or `pending`). Throws the submission's refusal.
 */
function rowsOf(ctx: AppContext, orgId: string, submission: ChangeSubmission, lookups: BatchLookups): NewChangeRow[] {
  const { actor, intents } = submission;
  const options = submission.options ?? {};
  const { settings, targets, history, accepted, now } = lookups;
  const role = options.role ?? null;
  const canApprove = role !== null && roleCan(role, 'changes:approve');
  const seen = new Set<string>();
  const rows: NewChangeRow[] = [];
  const refused: Refusal[] = [];
  for (const [index, intent] of intents.entries()) {
    const at = `changes.${index}`;
    const target = targets.get(intent.campaignId);
    const reachable = target && (options.accountIds == null || options.accountIds.includes(target.account.id));
    if (!target || !reachable) throw fieldError(`${at}.campaignId`, 'is not a campaign of this organisation');
    const { campaign, account } = target;
    if (lookups.readOnlyAccounts.has(account.id)) throw planReadOnlyError('adAccounts', account.id, null);
    if (!ctx.platforms.registry.has(account.platform)) throw new AppError('conflict', `${account.platform} is not available on this installation`);
    const adapter = ctx.platforms.registry.get(account.platform);
    const { action, entity } = intent;
    const valid = entity
      ? validateEntityChange(entity, intent, adapter, campaign.currency)
      : isStatusOrBudget(action)
        ? validateChange(campaign, { ...intent, action }, platformRulesOf(adapter, campaign.currency))
        : validateCampaignObjectChange(campaign, intent, adapter);
    if ('message' in valid) throw fieldError(`${at}.${valid.field}`, valid.message);
    const objectKey = `${entity?.row.id ?? campaign.id}:${valid.field}`;
    if (seen.has(objectKey)) throw fieldError(entity ? `${at}.target` : `${at}.campaignId`, 'is changed twice in one request');
    seen.add(objectKey);
    const ownBudget = entity ? (entity.level === 'ad_group' ? entity.row.dailyBudgetMicros : null) : campaign.dailyBudgetMicros;
    const alreadyInBatch = (accepted.get(campaign.id) ?? 0) + rows.filter((r) => r.campaignId === campaign.id).length;
    const earlier = [...(history.get(campaign.id) ?? []).map((c) => c.at), ...Array.from({ length: alreadyInBatch }, () => now.getTime())];
    const checked = checkGuardrails({ actor, confirmer: actor, field: valid.field, before: valid.before, after: valid.after, target, entity: entity ? guardedEntity(entity) : undefined, adapter, history: earlier, confirm: options.confirm ?? [], at }, settings, now);
    refused.push(...checked.refused);
    const approval = needsApproval({ actorType: actor.type, role, canApprove, ruleMode: options.ruleMode, field: valid.field, before: valid.before, after: valid.after }, settings.approvalPolicy);
    rows.push({
      id: randomUUID(),
      orgId,
      adAccountId: account.id,
      campaignId: campaign.id,
      entityLevel: entity?.level ?? 'campaign',
      entityId: entity?.row.id ?? null,
      action: intent.action,
      field: valid.field,
      before: valid.before,
      after: valid.after,
      currency: campaign.currency,
      state: approval.needed ? 'proposed' : 'pending',
      origin: 'adloop',
      idempotencyKey: options.idempotencyKey ?? null,
      ...actorColumns(actor),
      reason: options.reason ?? null,
      evidence: options.evidence ?? null,
      payload: 'payload' in valid ? (valid.payload ?? null) : null,
      stakeMicrosPerDay: stakePerDay({ field: valid.field, before: valid.before, after: valid.after, dailyBudgetMicros: ownBudget }),
      guardrails: checked.kept,
      expiresAt: approval.needed ? new Date(now.getTime() + settings.proposalTtlHours * 3_600_000) : null,
      message: approval.needed ? `Waiting for approval: ${approval.why ?? 'the organisation’s policy'}.` : null,
      createdAt: now,
    });
  }
  if (refused.length > 0) throw guardrailRefusal(refused, actor.type === 'user' || actor.type === 'api_key');
  return rows;
}

const actorKey = (actor: ChangeActor) => `${actor.type}:${actor.id ?? ''}:${actor.label}`;

/** What a batch wrote: every row inserted, by id. */
export interface BatchCommit {
  created: Map<string, ChangeRow>;
}

/**
 * A batch of submissions built up over time (a scheduler tick adds each rule's objects as it decides
 * them): `prepare` reads what the named campaigns and keys need, once each; `add` checks one submission
 * at once over what was read and keeps its rows (so later submissions, and the caller, see them as
 * made); `commit` writes every kept row in one transaction. Submissions added after `commit` are refused.
 */
export interface ChangeBatch {
  prepare(campaignIds: readonly string[], idempotencyKeys?: readonly string[]): Promise<void>;
  /** The submission's rows as they will be written (ids, states), its earlier rows (same key), or its refusal. */
  add(submission: ChangeSubmission): SubmissionOutcome;
  commit(): Promise<BatchCommit>;
}

export async function openChangeBatch(ctx: AppContext, orgId: string): Promise<ChangeBatch> {
  const settings = await loadChangeSettings(ctx.db, orgId);
  const now = ctx.clock.now();
  const lookups: BatchLookups = { settings, targets: new Map(), history: new Map(), accepted: new Map(), readOnlyAccounts: await readOnlyIds(ctx, ctx.db, orgId, 'adAccounts'), now };
  const looked = new Set<string>();
  const existing = new Map<string, ChangeRow[]>();
  const keysRead = new Set<string>();
  /** Per key added: the first submission's outcome (the same key again answers the same). */
  const byKey = new Map<string, SubmissionOutcome>();
  const planned: { submission: ChangeSubmission; rows: NewChangeRow[] }[] = [];
  let committed = false;
  return {
    async prepare(campaignIds, idempotencyKeys = []) {
      const fresh = [...new Set(campaignIds)].filter((id) => !looked.has(id));
      const keys = [...new Set(idempotencyKeys)].filter((k) => !keysRead.has(k));
      for (const id of fresh) looked.add(id);
      for (const k of keys) keysRead.add(k);
      const [targets, earlier] = await Promise.all([findTargets(ctx.db, orgId, fresh), findByIdempotencyKeys(ctx.db, orgId, keys)]);
      for (const [id, target] of targets) lookups.targets.set(id, target);
      for (const [key, rows] of groupByKey(earlier)) existing.set(key, rows);
      for (const [id, list] of await changesOfDay(ctx.db, orgId, [...targets.keys()], now)) lookups.history.set(id, list);
    },
    add(submission) {
      if (committed) return { error: new AppError('conflict', 'This batch of changes was written already') };
      const key = submission.options?.idempotencyKey || undefined;
      if (key) {
        const before = existing.get(key);
        if (before && before.length > 0) return { changes: before };
        const again = byKey.get(key);
        if (again) return again;
      }
      let outcome: SubmissionOutcome;
      try {
        const rows = rowsOf(ctx, orgId, submission, lookups);
        planned.push({ submission, rows });
        for (const r of rows) if (r.campaignId) lookups.accepted.set(r.campaignId, (lookups.accepted.get(r.campaignId) ?? 0) + 1);
        outcome = { changes: rows.map(plannedRow) };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        outcome = { error };
      }
      if (key) byKey.set(key, outcome);
      return outcome;
    },
    async commit() {
      committed = true;
      const rows = planned.flatMap((p) => p.rows);
      if (rows.length === 0) return { created: new Map() };
      const { created, notified } = await ctx.db.transaction(async (tx) => {
        const inserted = await insertChanges(tx, orgId, rows);
        await ctx.jobs.enqueueMany(APPLY_CHANGE, inserted.filter((r) => r.state === 'pending').map((r) => ({ orgId, changeId: r.id })), { db: tx });
        // Approvers are told once per asker of the batch, about all of its proposals.
        const insertedById = new Map(inserted.map((r) => [r.id, r]));
        const proposalsBy = new Map<string, { actor: ChangeActor; rows: ChangeRow[] }>();
        for (const { submission, rows: list } of planned) {
          const proposals = list.flatMap((r) => {
            const row = insertedById.get(r.id!);
            return row?.state === 'proposed' ? [row] : [];
          });
          if (proposals.length === 0) continue;
          const entry = proposalsBy.get(actorKey(submission.actor));
          if (entry) entry.rows.push(...proposals);
          else proposalsBy.set(actorKey(submission.actor), { actor: submission.actor, rows: proposals });
        }
        const told = await notifyApproversOfMany(ctx, tx, orgId, [...proposalsBy.values()].map(({ actor, rows: proposals }) => ({ proposer: actor, proposals })), now);
        return { created: insertedById, notified: told };
      });
      await announce(ctx, orgId, [...created.values()]);
      if (notified > 0) await publish(ctx, orgId, { type: 'notification' });
      if ([...created.values()].some((r) => r.state === 'proposed')) await publish(ctx, orgId, { type: 'proposal' });
      return { created };
    },
  };
}

/** A kept row as the pipeline reports it before the write (the columns the database fills are empty). */
function plannedRow(row: NewChangeRow): ChangeRow {
  return {
    sentAt: null,
    appliedAt: null,
    current: null,
    undoOf: null,
    undoneBy: null,
    proposedAfter: null,
    decidedByType: null,
    decidedById: null,
    decidedByLabel: null,
    decidedAt: null,
    decisionNote: null,
    ...row,
  } as ChangeRow;
}

/**
 * Many askers' changes at once, each with its own idempotency key, reason and evidence: the same
 * checks as `submitChanges` for each submission, in order, over data read once (earlier keys, the
 * campaigns, the day's changes, the settings), then every accepted row written in one transaction
 * (multi-row inserts, apply jobs together, approvers told once per actor). A refused submission
 * writes nothing and the others go on. One outcome per submission, in order.
 */
export async function submitChangeBatch(ctx: AppContext, orgId: string, submissions: readonly ChangeSubmission[]): Promise<SubmissionOutcome[]> {
  if (submissions.length === 0) return [];
  const keyOf = (s: ChangeSubmission) => s.options?.idempotencyKey || undefined;
  const batch = await openChangeBatch(ctx, orgId);
  await batch.prepare(
    submissions.flatMap((s) => s.intents.map((i) => i.campaignId)),
    submissions.flatMap((s) => (keyOf(s) ? [keyOf(s)!] : [])),
  );
  const added = submissions.map((s) => batch.add(s));
  const { created } = await batch.commit();
  // A concurrent request with the same key won the race: those submissions answer with its changes.
  const lost = submissions.flatMap((s, i) => (keyOf(s) && added[i]!.changes?.some((r) => !created.has(r.id)) ? [keyOf(s)!] : []));
  const winners = groupByKey(await findByIdempotencyKeys(ctx.db, orgId, lost));
  return added.map((outcome, i) => {
    if (!outcome.changes) return outcome;
    const key = keyOf(submissions[i]!);
    const mine = outcome.changes.map((r) => created.get(r.id) ?? r);
    const missing = outcome.changes.some((r) => !created.has(r.id));
    return { changes: key && missing && winners.has(key) ? winners.get(key)! : mine };
  });
}

function groupByKey(rows: readonly ChangeRow[]): Map<string, ChangeRow[]> {
  const out = new Map<string, ChangeRow[]>();
  for (const r of rows) {
    if (!r.idempotencyKey) continue;
    const list = out.get(r.idempotencyKey);
    if (list) list.push(r);
    else out.set(r.idempotencyKey, [r]);
  }
  return out;
}

/**
 * The one road every change takes, whoever asks (a person, an API key, a rule, the AI): checked
 * against the platform's rules (400 naming the field) and every guardrail (422 naming it and its
 * numbers), then recorded as `pending` with its apply job, or as `proposed` for the approval inbox
 * when the organisation's policy says so; all in one transaction, approvers told after it. The batch
 * of one (`submitChangeBatch`).
 */
export async function submitChanges(ctx: AppContext, orgId: string, actor: ChangeActor, intents: readonly ChangeIntent[], options: SubmitOptions = {}): Promise<CampaignChange[]> {
  const [outcome] = await submitChangeBatch(ctx, orgId, [{ actor, intents, options }]);
  if (outcome!.error) throw outcome!.error;
  return presentMany(ctx.db, orgId, outcome!.changes!);
}
