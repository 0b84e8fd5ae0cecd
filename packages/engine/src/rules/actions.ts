import type { RuleAction } from '@adloop/contracts';
import { minorUnitMicros, MICROS_PER_UNIT } from '../money/currency-digits.ts';
import { roundToStep } from '../money/budget-step.ts';
import { addDays } from '../time/days.ts';
import { dayStartUtc } from '../time/zone.ts';
import { formatMoney } from './format.ts';
import type { EntityFacts, EvaluationContext, PlannedAction } from './types.ts';
import { notifyChannelWords } from './notify-channels.ts';

/** What one action would do to one object: a planned change, or why it changes nothing. */
export type ActionPlan = { planned: PlannedAction; words: string } | { planned: null; unchanged: string };

/** Amounts of the rule (major units of its currency basis) in the object's account. */
export interface AmountBasis {
  /** Multiply an amount in the account's currency by this to get the rule's basis (1 for `account`). */
  basisRate: number;
  /** The account's today (for "pause until tomorrow"). */
  today: string;
}

const midnights = new Map<string, string>();

/** The instant the day after `today` starts in `timeZone` (ISO), remembered: many objects share a zone and a day. */
function nextMidnight(today: string, timeZone: string): string {
  const key = `${timeZone}|${today}`;
  let at = midnights.get(key);
  if (at === undefined) {
    if (midnights.size > 1000) midnights.clear();
    at = dayStartUtc(addDays(today, 1), timeZone).toISOString();
    midnights.set(key, at);
  }
  return at;
}

const unchanged = (why: string): ActionPlan => ({ planned: null, unchanged: why });

/** A bound of the rule in account micros (a basis amount divided by the rate). */
const toAccountMicros = (units: number, basis: AmountBasis): number => (units * MICROS_PER_UNIT) / basis.basisRate;

/**
 * The new amount for a budget or bid: set, or raised/lowered by a percentage or an amount; kept within
 * the floor and ceiling and the platform's minimum, on the step. A raise never lowers and a lower never
 * raises: an object already past its bound is left alone.
 */
export function nextAmount(
  fromMicros: number | null,
  action: Extract<RuleAction, { type: 'set_budget' | 'change_budget' | 'set_bid' | 'change_bid' }>,
  step: { minMicros: number; stepMicros: number },
  basis: AmountBasis,
): { toMicros: number } | { unchanged: string } {
  let target: number;
  let floor = step.minMicros;
  let ceiling = Number.POSITIVE_INFINITY;
  if (action.type === 'set_budget' || action.type === 'set_bid') target = toAccountMicros(action.amount, basis);
  else {
    if (fromMicros === null) return { unchanged: 'it has no amount of its own to change' };
    const delta = action.by.unit === 'percent' ? (fromMicros * action.by.value) / 100 : toAccountMicros(action.by.value, basis);
    target = action.direction === 'raise' ? fromMicros + delta : fromMicros - delta;
    if (action.floor !== undefined) floor = Math.max(floor, toAccountMicros(action.floor, basis));
    if (action.ceiling !== undefined) ceiling = toAccountMicros(action.ceiling, basis);
  }
  const low = roundToStep(floor, step.stepMicros, 'up');
  const high = Number.isFinite(ceiling) ? roundToStep(ceiling, step.stepMicros, 'down') : Number.POSITIVE_INFINITY;
  if (low > high) return { unchanged: 'no amount the platform accepts lies between the floor and the ceiling' };
  const toMicros = Math.min(high, Math.max(low, roundToStep(target, step.stepMicros)));
  if (fromMicros !== null) {
    if (toMicros === fromMicros) return { unchanged: 'it is already at that amount' };
    if ('direction' in action && action.direction === 'raise' && toMicros < fromMicros) return { unchanged: 'it is already at or above the ceiling' };
    if ('direction' in action && action.direction === 'lower' && toMicros > fromMicros) return { unchanged: 'it is already at or below the floor' };
  }
  return { toMicros };
}

const money = (micros: number, currency: string): string => formatMoney(micros / MICROS_PER_UNIT, currency);

/** Plans one action of the rule on one object. */
export function planAction(action: RuleAction, e: EntityFacts, ctx: EvaluationContext, basis: AmountBasis): ActionPlan {
  const gone = e.status === 'removed' || e.status === 'archived';
  switch (action.type) {
    case 'pause':
    case 'pause_until': {
      if (gone) return unchanged(`it is ${e.status}`);
      if (e.status === 'paused') return unchanged('it is already paused');
      if (action.type === 'pause') return { planned: { kind: 'status', action: 'pause', from: e.status }, words: 'pause' };
      const resumeAt = action.until === 'tomorrow' ? nextMidnight(basis.today, e.timeZone) : new Date(action.until).toISOString();
      return { planned: { kind: 'status', action: 'pause', from: e.status, resumeAt }, words: `pause until ${action.until === 'tomorrow' ? 'tomorrow' : resumeAt}` };
    }
    case 'enable':
      if (gone) return unchanged(`it is ${e.status}`);
      if (e.status === 'active') return unchanged('it is already active');
      return { planned: { kind: 'status', action: 'enable', from: e.status }, words: 'enable' };
    case 'set_budget':
    case 'change_budget': {
      const field = e.dailyBudgetMicros !== null ? 'daily_budget' : e.lifetimeBudgetMicros !== null ? 'lifetime_budget' : null;
      const fromMicros = field === 'daily_budget' ? e.dailyBudgetMicros : e.lifetimeBudgetMicros;
      if (field === null || fromMicros === null) return unchanged('it has no budget of its own');
      const step = ctx.budgetStep(e.platform, e.currency);
      const next = nextAmount(fromMicros, action, { minMicros: step.minMicros, stepMicros: step.stepMicros > 0 ? step.stepMicros : minorUnitMicros(e.currency) }, basis);
      if ('unchanged' in next) return unchanged(`budget: ${next.unchanged}`);
      const name = field === 'daily_budget' ? 'daily budget' : 'lifetime budget';
      return { planned: { kind: 'budget', field, fromMicros, toMicros: next.toMicros }, words: `${name} ${money(fromMicros, e.currency)} → ${money(next.toMicros, e.currency)}` };
    }
    case 'set_bid':
    case 'change_bid': {
      const unit = minorUnitMicros(e.currency);
      const next = nextAmount(e.bidMicros, action, { minMicros: unit, stepMicros: unit }, basis);
      if ('unchanged' in next) return unchanged(`bid: ${next.unchanged}`);
      const from = e.bidMicros === null ? 'none' : money(e.bidMicros, e.currency);
      return { planned: { kind: 'bid', fromMicros: e.bidMicros, toMicros: next.toMicros }, words: `bid ${from} → ${money(next.toMicros, e.currency)}` };
    }
    case 'rename': {
      const prefix = action.prefix && !e.name.startsWith(action.prefix) ? action.prefix : '';
      const suffix = action.suffix && !e.name.endsWith(action.suffix) ? action.suffix : '';
      if (!prefix && !suffix) return unchanged('its name already reads so');
      const to = `${prefix}${e.name}${suffix}`;
      return { planned: { kind: 'rename', from: e.name, to }, words: `rename “${e.name}” → “${to}”` };
    }
    case 'label':
      if (e.labels.includes(action.label)) return unchanged(`it already has the label “${action.label}”`);
      return { planned: { kind: 'label', label: action.label }, words: `label “${action.label}”` };
    case 'notify':
      return {
        planned: { kind: 'notify', channels: action.channels, message: action.message ?? '' },
        words: `notify (${notifyChannelWords(action.channels).join(', ')})`,
      };
  }
}

/** Whether a planned action changes how the object delivers (what learning, overrides and oscillation are about). */
export const changesDelivery = (p: PlannedAction): boolean => p.kind === 'status' || p.kind === 'budget' || p.kind === 'bid';

/** The field and direction of a planned change, as the memory of past actions records it. */
export function directionOf(p: PlannedAction): { field: 'status' | 'daily_budget' | 'lifetime_budget' | 'bid' | 'name' | 'label' | 'notify'; direction: string } {
  switch (p.kind) {
    case 'status':
      return { field: 'status', direction: p.action };
    case 'budget':
      return { field: p.field, direction: p.toMicros > p.fromMicros ? 'raise' : 'lower' };
    case 'bid':
      return { field: 'bid', direction: p.fromMicros === null ? 'set' : p.toMicros > p.fromMicros ? 'raise' : 'lower' };
    case 'rename':
      return { field: 'name', direction: 'rename' };
    case 'label':
      return { field: 'label', direction: 'label' };
    case 'notify':
      return { field: 'notify', direction: 'notify' };
  }
}
