import { judge, mayOverride, runGuardrails, type GuardrailVerdict, type KeptVerdict } from '@adloop/engine';
import type { GuardrailId } from '@adloop/contracts';
import { AppError } from '../../platform/errors.ts';
import type { ChangeActor } from './actor.ts';
import type { ChangeTarget } from './changes.targets.ts';
import type { ChangeSettingsValue } from './settings.ts';
import { platformRulesOf } from './platform-rules.ts';
import type { AdPlatform } from '@adloop/platforms';
import type { EntityRow } from './entity-targets.ts';

export interface GuardrailCase {
  actor: ChangeActor;
  /** Who may confirm past a soft refusal: the actor when asking, the approver when approving. */
  confirmer: ChangeActor;
  field: string;
  before: string | null;
  after: string | null;
  target: ChangeTarget;
  /** The ad group / ad changed, when below the campaign: its level, status and learning phase (`ad_groups.is_learning`). */
  entity?: { level: 'ad_group' | 'ad'; status: string; isLearning: boolean | null } | undefined;
  adapter: AdPlatform;
  /** When earlier changes to the same campaign were made today (ms). */
  history: readonly number[];
  confirm: readonly string[];
  /** Where in the request, for the refusal's details (e.g. `changes.2`). */
  at: string;
}

/** An ad group / ad as the guardrails see it (its own status; the learning phase is reported on ad groups only). */
export function guardedEntity(entity: EntityRow): NonNullable<GuardrailCase['entity']> {
  return entity.level === 'ad_group' ? { level: 'ad_group', status: entity.row.status, isLearning: entity.row.isLearning } : { level: 'ad', status: entity.row.status, isLearning: null };
}

export interface Refusal {
  at: string;
  verdict: GuardrailVerdict;
}

/** Runs every guardrail on one change: what is kept on it, or the refusals. */
export function checkGuardrails(c: GuardrailCase, settings: ChangeSettingsValue, now: Date): { kept: KeptVerdict[]; refused: Refusal[] } {
  const verdicts = runGuardrails(
    {
      actorType: c.actor.type,
      entityLevel: c.entity?.level ?? 'campaign',
      field: c.field,
      before: c.before,
      after: c.after,
      currency: c.target.campaign.currency,
      entityStatus: c.entity?.status ?? c.target.campaign.status,
      isLearning: c.entity?.isLearning ?? null,
      rules: platformRulesOf(c.adapter, c.target.campaign.currency),
      history: c.history,
      now: now.getTime(),
      automationStopped: settings.automationStoppedAt !== null,
    },
    settings.guardrails,
  );
  // An automated proposal approved by a person: the person may confirm, the rule never could.
  const { kept, refused } = judge(verdicts, c.confirm, mayOverride(c.confirmer.type));
  return { kept, refused: refused.map((verdict) => ({ at: c.at, verdict })) };
}

/**
 * The API's refusal: 422 `guardrail_refused`, naming each guardrail, whether a person may confirm past
 * it (`soft`) and its numbers. `guardrail` and `numbers` repeat the first for simple clients.
 */
export function guardrailRefusal(refused: readonly Refusal[], mayConfirm: boolean): AppError {
  const first = refused[0]!.verdict;
  const guardrails = refused.map(({ at, verdict }) => ({ at, id: verdict.id as GuardrailId, soft: verdict.severity === 'soft', message: verdict.message, numbers: verdict.numbers }));
  const hint = mayConfirm && guardrails.every((g) => g.soft) ? ` (send again with confirm: [${[...new Set(guardrails.map((g) => `'${g.id}'`))].join(', ')}] to go ahead)` : '';
  return new AppError('guardrail_refused', `${first.message}${hint}`, { guardrail: first.id, numbers: first.numbers, guardrails });
}
