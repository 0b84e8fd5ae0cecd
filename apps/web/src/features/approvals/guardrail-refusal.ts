import { isApiError } from '../../lib/api.ts';
import type { GuardrailId } from '@adloop/contracts';

/** A guardrail the server refused a change on, that a person may confirm past. */
export interface SoftGuardrail {
  id: GuardrailId;
  message: string;
}

const GUARDRAIL_IDS: readonly GuardrailId[] = ['budget_jump', 'changes_per_day', 'platform_limits', 'frozen_status', 'learning_phase', 'kill_switch'];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const asGuardrailId = (value: unknown): GuardrailId | undefined => GUARDRAIL_IDS.find((id) => id === value);

/**
 * The soft guardrails named in a refusal's details (`guardrails: [{ id, soft, message }]`), or
 * none when any of them is hard or the refusal is not a guardrail's: only then may the person
 * send it again with `confirm: [ids]`. Parse boundary: the details are read defensively.
 */
export function softGuardrailsIn(details: unknown, fallbackMessage: string): SoftGuardrail[] {
  if (!isRecord(details)) return [];
  const listed = Array.isArray(details.guardrails) ? details.guardrails : isRecord(details.guardrail) ? [details.guardrail] : [];
  const found: SoftGuardrail[] = [];
  for (const entry of listed) {
    if (!isRecord(entry)) continue;
    const id = asGuardrailId(entry.id);
    const isSoft = entry.soft === true || entry.severity === 'soft' || entry.kind === 'soft';
    if (!id || !isSoft) continue;
    found.push({ id, message: typeof entry.message === 'string' ? entry.message : fallbackMessage });
  }
  // Any hard refusal among them: confirming cannot help, so nothing is offered.
  const hasHard = listed.some((entry) => isRecord(entry) && (entry.soft === false || entry.severity === 'hard' || entry.kind === 'hard'));
  return hasHard ? [] : found;
}

/** The soft guardrails of a refused request (an ApiError), as `softGuardrailsIn`. */
export function softGuardrails(error: unknown): SoftGuardrail[] {
  return isApiError(error) ? softGuardrailsIn(error.details, error.message) : [];
}
