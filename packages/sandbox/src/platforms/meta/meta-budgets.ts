import { param, type SandboxRequest, type SandboxResponse } from '../../http/http.types.ts';
import { changeBudgetAmount } from '../../simulator/world-mutations.ts';
import type { Account, Attrs, PlatformWorld } from '../../simulator/world.types.ts';
import { graphError, invalidParameter } from './meta-errors.ts';
import { minorToMicros } from './meta-words.ts';

const DAY_MS = 86_400_000;

/** A Graph time parameter: ISO 8601 (with or without a colon in the offset) or unix seconds; null when absent or unreadable. */
export function graphTime(req: SandboxRequest, name: string): number | null {
  const raw = param(req, name);
  if (raw === undefined || raw === '') return null;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const parsed = Date.parse(raw);
  return Number.isFinite(parsed) ? parsed : null;
}

/**
 * A lifetime budget (minor units) spent evenly over its schedule: the budget's daily amount is the
 * lifetime amount over the scheduled days from `start`, and drops to 0 at `end`, which stops spend.
 * The simulator spends daily amounts, so this is how a lifetime budget reaches it.
 */
export function scheduleLifetime(world: PlatformWorld, budgetId: string, lifetimeMicros: number, start: number, end: number, now: number): void {
  const days = Math.max(1, Math.ceil((end - start) / DAY_MS));
  changeBudgetAmount(world, budgetId, Math.round(lifetimeMicros / days), Math.max(start, now));
  const amounts = world.budgets.get(budgetId)?.amountMicros;
  if (amounts && end > now) amounts.points.push({ at: end, value: 0 });
}

/** Minimum daily budget in minor units (about 1 USD-equivalent; 100 yen). */
function minimumMinor(currency: string): number {
  return currency === 'JPY' ? 100 : 100;
}

export interface BudgetInput {
  kind: 'daily' | 'lifetime';
  micros: number;
  /** As sent, in the currency's minor unit. */
  minor: string;
}

/** `daily_budget` or `lifetime_budget` (one of them) in minor units; null when neither is sent. */
export function budgetParam(req: SandboxRequest, account: Account): BudgetInput | null | SandboxResponse {
  const daily = param(req, 'daily_budget');
  const lifetime = param(req, 'lifetime_budget');
  if (daily !== undefined && lifetime !== undefined) return invalidParameter('Only one of daily_budget and lifetime_budget can be set');
  const kind = lifetime === undefined ? 'daily' : 'lifetime';
  const raw = lifetime ?? daily;
  if (raw === undefined) return null;
  const minor = Number(raw);
  if (!Number.isInteger(minor) || minor <= 0) return invalidParameter(`Param ${kind}_budget must be a positive integer in the account currency's minor unit`);
  if (minor < minimumMinor(account.currency)) {
    return graphError({ code: 100, subcode: 1885272, message: 'Invalid parameter', userTitle: 'Your budget is too low', userMessage: `The minimum ${kind} budget for this ad set is ${minimumMinor(account.currency)} (${account.currency} minor units).` });
  }
  return { kind, micros: minorToMicros(minor, account.currency), minor: String(minor) };
}

/** The budget kind an object was created with (its `lifetime_budget` attribute marks a lifetime one). */
export function budgetKindOf(attrs: Attrs): 'daily' | 'lifetime' {
  return typeof attrs.lifetime_budget === 'string' ? 'lifetime' : 'daily';
}

export const budgetKindChange = (): SandboxResponse =>
  graphError({ code: 100, message: 'Invalid parameter', userTitle: 'Budget type cannot be changed', userMessage: 'A daily budget cannot become a lifetime budget, or the other way round.' });

/** The schedule of a lifetime budget, as stored in the object's attributes. */
export function scheduleOf(attrs: Attrs): { start: number; end: number } | null {
  const start = attrs.schedule_start;
  const end = attrs.schedule_end;
  return typeof start === 'number' && typeof end === 'number' ? { start, end } : null;
}
