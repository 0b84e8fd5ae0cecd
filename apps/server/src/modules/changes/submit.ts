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
import { changesOfDay, findByIdempotencyKey, insertChanges, type NewChangeRow } from './changes.repository.ts';
import { findTargets } from './changes.targets.ts';
import { checkGuardrails, guardedEntity, guardrailRefusal, type Refusal } from './guardrail-check.ts';
import { notifyApprovers } from './notify-approvers.ts';
import { publish } from '../../platform/live/publish.ts';
import { platformRulesOf } from './platform-rules.ts';
import { validateCampaignObjectChange } from './object-validate.ts';
import { validateEntityChange } from './entity-validate.ts';
import type { EntityTarget } from './entity-targets.ts';
import { loadChangeSettings } from './settings.ts';

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

/**
 * The one road every change takes, whoever asks (a person, an API key, a rule, the AI): checked
 * against the platform's rules (400 naming the field) and every guardrail (422 naming it and its
 * numbers), then recorded as `pending` with its apply job, or as `proposed` for the approval inbox
 * when the organisation's policy says so; all in one transaction, approvers told after it.
 */
export async function submitChanges(ctx: AppContext, orgId: string, actor: ChangeActor, intents: readonly ChangeIntent[], options: SubmitOptions = {}): Promise<CampaignChange[]> {
  if (options.idempotencyKey) {
    const existing = await findByIdempotencyKey(ctx.db, orgId, options.idempotencyKey);
    if (existing.length > 0) return presentMany(ctx.db, orgId, existing);
  }
  const now = ctx.clock.now();
  const settings = await loadChangeSettings(ctx.db, orgId);
  const targets = await findTargets(ctx.db, orgId, intents.map((i) => i.campaignId));
  const history = await changesOfDay(ctx.db, orgId, [...targets.keys()], now);
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
    const earlier = [...(history.get(campaign.id) ?? []).map((c) => c.at), ...rows.filter((r) => r.campaignId === campaign.id).map(() => now.getTime())];
    const checked = checkGuardrails({ actor, confirmer: actor, field: valid.field, before: valid.before, after: valid.after, target, entity: entity ? guardedEntity(entity) : undefined, adapter, history: earlier, confirm: options.confirm ?? [], at }, settings, now);
    refused.push(...checked.refused);
    const approval = needsApproval({ actorType: actor.type, role, canApprove, ruleMode: options.ruleMode, field: valid.field, before: valid.before, after: valid.after }, settings.approvalPolicy);
    rows.push({
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
  const { created, notified } = await ctx.db.transaction(async (tx) => {
    const inserted = await insertChanges(tx, orgId, rows);
    for (const row of inserted) if (row.state === 'pending') await ctx.jobs.enqueue(APPLY_CHANGE, { orgId, changeId: row.id }, { db: tx });
    const proposals = inserted.filter((r) => r.state === 'proposed');
    return { created: inserted, notified: proposals.length ? await notifyApprovers(ctx, tx, orgId, actor, proposals, now) : 0 };
  });
  await announce(ctx, orgId, created);
  if (notified > 0) await publish(ctx, orgId, { type: 'notification' });
  if (created.some((r) => r.state === 'proposed')) await publish(ctx, orgId, { type: 'proposal' });
  // A concurrent request with the same key won the race: answer with its changes.
  if (options.idempotencyKey && created.length < rows.length) return presentMany(ctx.db, orgId, await findByIdempotencyKey(ctx.db, orgId, options.idempotencyKey));
  return presentMany(ctx.db, orgId, created);
}
