import type { ChangeSettings, ChangeSettingsBody } from '../../lib/types.ts';
import { microsToAmountInput } from '@adloop/engine';
import { parseAmountToMicros } from '../campaigns/money-input.ts';

/**
 * The automation-safety form's values as typed (strings), and their reading into the API's body.
 * Errors are keyed by the API's field paths so the server's own refusals land on the same inputs.
 */
export interface ChangeSettingsValues {
  memberLaunches: boolean;
  budgetAboveAmount: string;
  budgetAbovePercent: string;
  budgetJumpPercent: string;
  maxChangesPerEntityPerDay: string;
  learningPhasePercent: string;
  proposalTtlHours: string;
}

export const FIELD = {
  budgetAboveAmount: 'approvalPolicy.budgetAbove.amountMicros',
  budgetAbovePercent: 'approvalPolicy.budgetAbove.percent',
  budgetJumpPercent: 'guardrails.budgetJumpPercent',
  maxChangesPerEntityPerDay: 'guardrails.maxChangesPerEntityPerDay',
  learningPhasePercent: 'guardrails.learningPhasePercent',
  proposalTtlHours: 'proposalTtlHours',
} as const satisfies Partial<Record<keyof ChangeSettingsValues, string>>;

export function toValues(settings: ChangeSettings, currency: string): ChangeSettingsValues {
  const { approvalPolicy: policy, guardrails } = settings;
  return {
    memberLaunches: policy.memberLaunches,
    budgetAboveAmount: microsToAmountInput(policy.budgetAbove.amountMicros, currency),
    budgetAbovePercent: policy.budgetAbove.percent === null ? '' : String(policy.budgetAbove.percent),
    budgetJumpPercent: String(guardrails.budgetJumpPercent),
    maxChangesPerEntityPerDay: String(guardrails.maxChangesPerEntityPerDay),
    learningPhasePercent: String(guardrails.learningPhasePercent),
    proposalTtlHours: String(settings.proposalTtlHours),
  };
}

type Read = { ok: true; body: ChangeSettingsBody } | { ok: false; errors: Record<string, string> };

function wholeNumber(text: string, min: number, max: number, what: string): number | string {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return `Enter ${what} as a whole number`;
  const value = Number(trimmed);
  if (value < min || value > max) return `Enter ${what} from ${min} to ${max.toLocaleString()}`;
  return value;
}

/** Reads the form; an empty "above" limit means no limit (null), never zero. */
export function readValues(values: ChangeSettingsValues, currency: string): Read {
  const errors: Record<string, string> = {};
  let amountMicros: number | null = null;
  if (values.budgetAboveAmount.trim()) {
    const parsed = parseAmountToMicros(values.budgetAboveAmount, currency);
    if (parsed.ok) amountMicros = parsed.micros;
    else errors[FIELD.budgetAboveAmount] = parsed.error;
  }
  const number = (key: keyof typeof FIELD, min: number, max: number, what: string, optional = false): number | null => {
    if (optional && !values[key].trim()) return null;
    const value = wholeNumber(values[key], min, max, what);
    if (typeof value === 'string') {
      errors[FIELD[key]] = value;
      return null;
    }
    return value;
  };
  const percent = number('budgetAbovePercent', 1, 100000, 'a percentage', true);
  const budgetJumpPercent = number('budgetJumpPercent', 1, 100000, 'a percentage');
  const maxChangesPerEntityPerDay = number('maxChangesPerEntityPerDay', 1, 1000, 'a number of changes');
  const learningPhasePercent = number('learningPhasePercent', 1, 1000, 'a percentage');
  const proposalTtlHours = number('proposalTtlHours', 1, 2160, 'a number of hours');
  if (Object.keys(errors).length > 0 || budgetJumpPercent === null || maxChangesPerEntityPerDay === null || learningPhasePercent === null || proposalTtlHours === null) return { ok: false, errors };
  return {
    ok: true,
    body: {
      approvalPolicy: { memberLaunches: values.memberLaunches, budgetAbove: { amountMicros, percent } },
      guardrails: { budgetJumpPercent, maxChangesPerEntityPerDay, learningPhasePercent },
      proposalTtlHours,
    },
  };
}
