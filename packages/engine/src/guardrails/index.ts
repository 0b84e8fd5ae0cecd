import { budgetJump } from './budget-jump.ts';
import { changesPerDay } from './changes-per-day.ts';
import { frozenStatus } from './frozen-status.ts';
import { killSwitch } from './kill-switch.ts';
import { learningPhase } from './learning-phase.ts';
import { platformLimits } from './platform-limits.ts';
import type { Guardrail, GuardrailId, GuardrailInput, GuardrailSettings, GuardrailVerdict } from './types.ts';

export * from './types.ts';
export { budgetJumpFactor, isBudgetJump } from './budget-jump.ts';

/** Every guardrail, hard ones first. Add one by adding its file and a line here. */
export const GUARDRAILS: readonly Guardrail[] = [killSwitch, frozenStatus, platformLimits, budgetJump, changesPerDay, learningPhase];

export function runGuardrails(input: GuardrailInput, settings: GuardrailSettings): GuardrailVerdict[] {
  return GUARDRAILS.map((guardrail) => guardrail(input, settings));
}

/** A verdict as kept on the change. */
export interface KeptVerdict {
  id: GuardrailId;
  outcome: 'passed' | 'overridden';
  message: string;
}

export interface Judgement {
  /** Verdicts that stop the change (hard ones, and soft ones not confirmed or not confirmable). */
  refused: GuardrailVerdict[];
  kept: KeptVerdict[];
}

/**
 * Who may go past what: a soft refusal is overridden when the caller confirmed it AND may confirm at
 * all (people and their API keys; rules and the AI never). Hard refusals always stand.
 */
export function judge(verdicts: readonly GuardrailVerdict[], confirmed: readonly string[], mayConfirm: boolean): Judgement {
  const refused: GuardrailVerdict[] = [];
  const kept: KeptVerdict[] = [];
  for (const v of verdicts) {
    if (v.passed) kept.push({ id: v.id, outcome: 'passed', message: v.message });
    else if (v.severity === 'soft' && mayConfirm && confirmed.includes(v.id)) kept.push({ id: v.id, outcome: 'overridden', message: v.message });
    else refused.push(v);
  }
  return { refused, kept };
}

/** Rules and the AI never override a soft guardrail; people and API keys (a person's program) may. */
export const mayOverride = (actorType: GuardrailInput['actorType']): boolean => actorType === 'user' || actorType === 'api_key';
