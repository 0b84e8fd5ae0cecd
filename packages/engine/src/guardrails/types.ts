import type { PlatformRules } from '../changes/platform-rules.ts';

export type GuardrailId = 'budget_jump' | 'changes_per_day' | 'platform_limits' | 'frozen_status' | 'learning_phase' | 'kill_switch';
export type ActorKind = 'user' | 'api_key' | 'rule' | 'ai' | 'system' | 'platform';

/** One change as the guardrails see it. Values are the strings stored on a change (a status word, budget micros). */
export interface GuardrailInput {
  actorType: ActorKind;
  entityLevel: 'campaign' | 'ad_group' | 'ad';
  field: string;
  /** The value the change starts from and the one it sets. */
  before: string | null;
  after: string | null;
  currency: string;
  /** The object's status now (frozen statuses are refused). */
  entityStatus: string;
  /** Still learning, where the platform reports it; null when unknown. */
  isLearning: boolean | null;
  rules: PlatformRules;
  /** When earlier changes to the same object were made (ms since epoch), every actor together. */
  history: readonly number[];
  /** ms since epoch. */
  now: number;
  /** The organisation's kill switch. */
  automationStopped: boolean;
}

/** Organisation limits (stored per organisation; missing keys take `DEFAULT_GUARDRAIL_SETTINGS`). */
export interface GuardrailSettings {
  /** A new budget may be at most (100 + this) % of the old one and at least the old one divided by that factor. */
  budgetJumpPercent: number;
  maxChangesPerEntityPerDay: number;
  learningPhasePercent: number;
}

export const DEFAULT_GUARDRAIL_SETTINGS: GuardrailSettings = { budgetJumpPercent: 400, maxChangesPerEntityPerDay: 10, learningPhasePercent: 20 };

/**
 * A guardrail's verdict. `hard` refusals stand; a person may go past a `soft` one by confirming it.
 * `numbers` are the figures the message names (for the API's refusal details).
 */
export interface GuardrailVerdict {
  id: GuardrailId;
  severity: 'hard' | 'soft';
  passed: boolean;
  message: string;
  numbers: Record<string, number | string | null>;
}

export type Guardrail = (input: GuardrailInput, settings: GuardrailSettings) => GuardrailVerdict;

export const isBudgetField = (field: string): field is 'daily_budget' | 'lifetime_budget' => field === 'daily_budget' || field === 'lifetime_budget';
export const money = (micros: number, currency: string): string => `${Number((micros / 1e6).toFixed(6))} ${currency}`;
export const amountOf = (value: string | null): number | null => (value === null || value.trim() === '' || !Number.isFinite(Number(value)) ? null : Number(value));
