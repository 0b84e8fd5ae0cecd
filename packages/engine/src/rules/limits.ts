import type { RuleLimits } from '@adloop/contracts';
import { MICROS_PER_UNIT } from '../money/currency-digits.ts';
import { formatHours, formatMoney, formatNumber } from './format.ts';
import type { FactsView } from './metrics.ts';
import type { RuleMemory } from './types.ts';
import { windowKey, windowWords } from './windows.ts';

/** A limit that holds the rule back on one object: the skip reason the run records, and why in words. */
export interface Hold {
  reason: string;
  explanation: string;
}

/** The account's clock at `now`: weekday (0 = Sunday), minutes since midnight, today's date and the share of the day gone by. */
export interface ZoneClock {
  today: string;
  weekday: number;
  minutes: number;
  dayShare: number;
}

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * Whether the rule may act now by its active hours (days of the account's week, from–to on its clock;
 * `to` before `from` runs past midnight; no active hours: always).
 */
export function outsideActiveHours(active: RuleLimits['activeHours'], clock: ZoneClock): Hold | null {
  if (!active) return null;
  const from = minutesOf(active.from);
  const to = minutesOf(active.to);
  const inHours = from < to ? clock.minutes >= from && clock.minutes < to : clock.minutes >= from || clock.minutes < to;
  if (active.days.includes(clock.weekday) && inHours) return null;
  return { reason: 'outside_hours', explanation: `Outside the rule's active hours (${active.from}–${active.to} on the chosen days, the account's clock).` };
}

/** The minimums over their window (money in the rule's currency basis). */
export function belowMinimums(limits: RuleLimits, view: FactsView): { hold: Hold | null; values: Record<string, number> } {
  const values: Record<string, number> = {};
  if (limits.minSpend === undefined && limits.minImpressions === undefined && limits.minConversions === undefined) return { hold: null, values };
  const key = windowKey(limits.minimumsWindow, false);
  const words = windowWords(limits.minimumsWindow, false);
  const t = view.entity.metrics[key];
  const spend = ((t?.spendMicros ?? 0) / MICROS_PER_UNIT) * view.basisRate;
  const impressions = t?.impressions ?? 0;
  const conversions = t?.conversions ?? 0;
  if (limits.minSpend !== undefined) values[`spend(${words})`] = spend;
  if (limits.minImpressions !== undefined) values[`impressions(${words})`] = impressions;
  if (limits.minConversions !== undefined) values[`conversions(${words})`] = conversions;
  const money = (n: number) => formatMoney(n, view.basisCurrency);
  if (limits.minSpend !== undefined && spend < limits.minSpend)
    return { hold: { reason: 'min_spend', explanation: `Spent ${money(spend)} over ${words}, under the rule's minimum of ${money(limits.minSpend)}.` }, values };
  if (limits.minImpressions !== undefined && impressions < limits.minImpressions)
    return {
      hold: { reason: 'min_impressions', explanation: `${formatNumber(impressions, 0)} impressions over ${words}, under the rule's minimum of ${formatNumber(limits.minImpressions, 0)}.` },
      values,
    };
  if (limits.minConversions !== undefined && conversions < limits.minConversions)
    return { hold: { reason: 'min_conversions', explanation: `${formatNumber(conversions)} conversions over ${words}, under the rule's minimum of ${formatNumber(limits.minConversions)}.` }, values };
  return { hold: null, values };
}

/** A person changed what the rule changed: the rule leaves the object alone until the override ends. */
export function overridden(memory: RuleMemory, id: string, now: Date): Hold | null {
  const until = memory.overrideUntil[id];
  if (until === undefined || Date.parse(until) <= now.getTime()) return null;
  return { reason: 'override', explanation: `A person changed it after the rule did; the rule leaves it alone until ${until}.` };
}

/** The rule acted on the object less than `cooldownHours` ago. */
export function coolingDown(memory: RuleMemory, id: string, now: Date, cooldownHours: number): Hold | null {
  const past = memory.actionsByEntity[id];
  if (!past || past.length === 0 || cooldownHours <= 0) return null;
  let last = Number.NEGATIVE_INFINITY;
  for (const a of past) last = Math.max(last, Date.parse(a.at));
  const until = last + cooldownHours * 3_600_000;
  if (until <= now.getTime()) return null;
  return { reason: 'cooldown', explanation: `The rule acted on it at ${new Date(last).toISOString()}; it waits ${formatHours(cooldownHours)} before acting again (until ${new Date(until).toISOString()}).` };
}

/** The UTC day of `now`; counts in a memory of another day are that day's, not today's. */
export const utcDay = (now: Date): string => now.toISOString().slice(0, 10);

/** Today's action count and money moved (micros, organisation currency) as the memory holds them for `now`'s UTC day. */
export function todayCounts(memory: RuleMemory, now: Date): { actions: number; moneyMicros: number } {
  if (memory.day !== undefined && memory.day !== utcDay(now)) return { actions: 0, moneyMicros: 0 };
  return { actions: memory.actionsToday, moneyMicros: memory.moneyMovedTodayMicros };
}
