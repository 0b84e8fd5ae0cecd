import type { RuleLimits } from '@adloop/contracts';
import { MICROS_PER_UNIT } from '../money/currency-digits.ts';
import { weekdayOf } from '../time/days.ts';
import { zoneOrUtc } from '../time/zone.ts';
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

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The wall clock of `timeZone` at `now` in one formatting call (a formatter cached per zone): rule
 * evaluation reads it for every object, and building zoned dates for each would cost more than the
 * rest of the evaluation. The day's share is by the clock (14:24 is 0.6), daylight-saving days alike.
 * A zone the runtime does not know reads UTC's clock, never an error inside a run (`evaluateRule`
 * skips objects in such a zone before asking, and says why).
 */
export function zoneClock(timeZone: string, now: Date): ZoneClock {
  const key = `${timeZone}|${now.getTime()}`;
  const known = clocks.get(key);
  if (known) return known;
  if (clocks.size > 2000) clocks.clear();
  const clock = readClock(zoneOrUtc(timeZone), now);
  clocks.set(key, clock);
  return clock;
}

/** Clocks read lately, by zone and instant: a scheduler tick evaluates many rules at the same moment. */
const clocks = new Map<string, ZoneClock>();

function readClock(timeZone: string, now: Date): ZoneClock {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    clockFormats.set(timeZone, format);
  }
  // "06/10/2026, 12:00:00" (en-US, 2-digit fields, 24-hour clock)
  const text = format.format(now);
  const match = CLOCK_TEXT.exec(text);
  if (!match) throw new RangeError(`Unreadable clock for ${timeZone}: ${text}`);
  const [, month = '', day = '', year = '', hour = '0', minute = '0', second = '0'] = match;
  const today = `${year.padStart(4, '0')}-${month}-${day}`;
  const minutes = (Number(hour) % 24) * 60 + Number(minute);
  return { today, weekday: weekdayOf(today), minutes, dayShare: (minutes * 60 + Number(second)) / 86_400 };
}

const CLOCK_TEXT = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})/;

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

/** Where and how the minimums are read (worked out once per evaluation); null when the rule sets none. */
export interface MinimumsWindow {
  key: string;
  words: string;
}

export function minimumsWindowOf(limits: RuleLimits): MinimumsWindow | null {
  if (limits.minSpend === undefined && limits.minImpressions === undefined && limits.minConversions === undefined) return null;
  return { key: windowKey(limits.minimumsWindow, false), words: windowWords(limits.minimumsWindow, false) };
}

/** The minimums over their window (money in the rule's currency basis). */
export function belowMinimums(limits: RuleLimits, view: FactsView, where: MinimumsWindow | null = minimumsWindowOf(limits)): { hold: Hold | null; values: Record<string, number> | null } {
  if (!where) return { hold: null, values: null };
  const values: Record<string, number> = {};
  const { key, words } = where;
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
