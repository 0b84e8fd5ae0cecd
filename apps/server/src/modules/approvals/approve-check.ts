import { validateChange } from '@adloop/engine';
import type { AdPlatform } from '@adloop/platforms';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { ChangeActor } from '../changes/actor.ts';
import { staleness } from '../changes/changes.present.ts';
import type { ApprovedValues, ChangeRow, DayChange } from '../changes/changes.repository.ts';
import type { ChangeTarget } from '../changes/changes.targets.ts';
import { validateEntityChange } from '../changes/entity-validate.ts';
import type { EntityRow, EntityTarget } from '../changes/entity-targets.ts';
import { checkGuardrails, guardedEntity, guardrailRefusal } from '../changes/guardrail-check.ts';
import { platformRulesOf } from '../changes/platform-rules.ts';
import type { ChangeSettingsValue } from '../changes/settings.ts';
import type { Approval } from './approve.ts';

/** What the request's proposals are checked against, read once for all of them. */
export interface ApprovalLookups {
  targets: Map<string, ChangeTarget>;
  /** The ad groups / ad sets and ads the proposals change below their campaign, by id. */
  entities: Map<string, EntityRow>;
  /** Each campaign's changes asked today (UTC), the per-day limit's history, as when the change was asked. */
  history: Map<string, DayChange[]>;
  settings: ChangeSettingsValue;
  now: Date;
}

/** The values a proposal is approved with. */
export interface Checked {
  after: string | null;
  guardrails: ApprovedValues['guardrails'];
}

/** An edited budget, checked as a new change of the same object would be: the value it becomes. */
function editedAfter(change: ChangeRow, amountMicros: number, target: ChangeTarget, entity: EntityTarget | undefined, adapter: AdPlatform): string | null {
  if (change.field !== 'daily_budget' && change.field !== 'lifetime_budget') throw new AppError('validation_failed', 'Only a budget proposal can be approved with another amount');
  const daily = change.field === 'daily_budget';
  const before = change.before === null ? null : Number(change.before);
  const action = daily ? 'set_daily_budget' : 'set_lifetime_budget';
  const expected = daily ? { dailyBudgetMicros: before } : { lifetimeBudgetMicros: before };
  const { currency } = target.campaign;
  const valid = entity
    ? validateEntityChange(entity, { campaignId: target.campaign.id, action, amountMicros, expected }, adapter, currency)
    : validateChange(target.campaign, { action, amountMicros, expected }, platformRulesOf(adapter, currency));
  if ('message' in valid) throw new AppError('validation_failed', `amountMicros: ${valid.message}`, { issues: [{ location: 'body', field: 'amountMicros', message: valid.message }] });
  return valid.after;
}

/**
 * One proposal's checks, in order: still waiting, someone else's (unless the approver may approve their
 * own), its object still there, not stale (409 `stale_proposal` with both values), an edited value within
 * the platform's rules, and every guardrail again (the day's changes, the kill switch, the object's
 * status and learning phase, and an edited value may differ from when it was proposed). Throws the refusal.
 */
export function checkApproval(ctx: AppContext, change: ChangeRow, amountMicros: number | undefined, approval: Approval, lookups: ApprovalLookups): Checked {
  if (change.state !== 'proposed') throw new AppError('conflict', `This change is no longer waiting for approval: it is ${change.state}`);
  if (change.actorType === 'user' && change.actorId === approval.approver.id && approval.approver.type === 'user' && !approval.mayApproveOwn) {
    throw new AppError('forbidden', 'Someone else must approve your own proposal');
  }
  const kept = change.guardrails ?? [];
  if (change.field === 'campaign') return { after: change.after, guardrails: kept };
  const target = change.campaignId ? lookups.targets.get(change.campaignId) : undefined;
  if (!target || !ctx.platforms.registry.has(target.account.platform)) throw new AppError('conflict', 'The campaign of this proposal is gone');
  const found = change.entityLevel !== 'campaign' && change.entityId ? lookups.entities.get(change.entityId) : undefined;
  if (change.entityLevel !== 'campaign' && found?.level !== change.entityLevel) throw new AppError('conflict', `The ${change.entityLevel === 'ad' ? 'ad' : 'ad group'} of this proposal is gone`);
  const entity: EntityTarget | undefined = found ? { ...found, campaignId: target.campaign.id } : undefined;
  const stale = staleness(change, target);
  if (stale) {
    throw new AppError('stale_proposal', `The value moved since this was proposed: it was ${change.before ?? 'none'}, it is ${stale.current ?? 'none'} now. Propose it again from the current value.`, {
      before: change.before,
      current: stale.current,
    });
  }
  const adapter = ctx.platforms.registry.get(target.account.platform);
  const after = amountMicros === undefined ? change.after : editedAfter(change, amountMicros, target, entity, adapter);
  // The campaign's other changes today; the proposal itself was counted when it was asked and counts again as "this one".
  const earlier = (lookups.history.get(target.campaign.id) ?? []).filter((c) => c.id !== change.id).map((c) => c.at);
  const overridden = kept.filter((k) => k.outcome === 'overridden').map((k) => k.id);
  const actor: ChangeActor = { type: change.actorType ?? 'system', id: change.actorId, label: change.actorLabel ?? '' };
  const checked = checkGuardrails(
    { actor, confirmer: approval.approver, field: change.field, before: change.before, after, target, entity: entity ? guardedEntity(entity) : undefined, adapter, history: earlier, confirm: [...approval.confirm, ...overridden], at: 'items' },
    lookups.settings,
    lookups.now,
  );
  if (checked.refused.length > 0) throw guardrailRefusal(checked.refused, true);
  return { after, guardrails: checked.kept };
}
