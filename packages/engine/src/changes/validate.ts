import { budgetLimitProblem, type PlatformRules } from './platform-rules.ts';

export type ChangeKind = 'pause' | 'enable' | 'set_daily_budget' | 'set_lifetime_budget';

/** The object as Adloop's mirror has it. */
export interface ChangeSubject {
  status: string;
  dailyBudgetMicros: number | null;
  lifetimeBudgetMicros: number | null;
  currency: string;
}

export interface ChangeRequest {
  action: ChangeKind;
  amountMicros?: number | undefined;
  /** What the asker saw (compare-and-set); undefined when not sent. */
  expected: { status?: string | undefined; dailyBudgetMicros?: number | null | undefined; lifetimeBudgetMicros?: number | null | undefined };
}

/** A refusal naming the request's field (`action`, `amountMicros`, `expected.status`, ...). */
export interface ChangeProblem {
  field: string;
  message: string;
}

/** What the change becomes: the stored field with its values as strings (a status word, budget micros). */
export interface ValidChange {
  field: 'status' | 'daily_budget' | 'lifetime_budget';
  before: string | null;
  after: string;
}

/**
 * Checks one asked change against the platform's rules: frozen statuses, lifetime budgets only where
 * the platform has them, a budget at this level, minimum, maximum and step. Plain data in, a valid
 * change or the first problem out.
 */
export function validateChange(subject: ChangeSubject, request: ChangeRequest, rules: PlatformRules): ValidChange | ChangeProblem {
  if (request.action === 'pause' || request.action === 'enable') {
    if (rules.frozenStatuses.includes(subject.status)) return { field: 'action', message: `a ${subject.status} campaign cannot be paused or enabled` };
    if (request.expected.status === undefined) return { field: 'expected.status', message: 'is required: send the status you saw' };
    return { field: 'status', before: request.expected.status, after: request.action === 'pause' ? 'paused' : 'active' };
  }
  const daily = request.action === 'set_daily_budget';
  if (request.amountMicros === undefined) return { field: 'amountMicros', message: 'is required for a budget change' };
  if (!daily && !rules.lifetimeBudgets) return { field: 'action', message: `${rules.platformName} campaigns have no lifetime budget` };
  const current = daily ? subject.dailyBudgetMicros : subject.lifetimeBudgetMicros;
  if (current === null) return { field: 'action', message: `this campaign has no ${daily ? 'daily' : 'lifetime'} budget at campaign level` };
  const problem = budgetLimitProblem(daily ? 'daily' : 'lifetime', request.amountMicros, subject.currency, rules);
  if (problem) return { field: 'amountMicros', message: problem };
  const seen = daily ? request.expected.dailyBudgetMicros : request.expected.lifetimeBudgetMicros;
  if (seen === undefined) return { field: `expected.${daily ? 'dailyBudgetMicros' : 'lifetimeBudgetMicros'}`, message: 'is required: send the budget you saw' };
  return { field: daily ? 'daily_budget' : 'lifetime_budget', before: seen === null ? null : String(seen), after: String(request.amountMicros) };
}

export const isProblem = (result: ValidChange | ChangeProblem): result is ChangeProblem => 'message' in result;
