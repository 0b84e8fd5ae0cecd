import { TZDate } from '@date-fns/tz';
import { addDays, formatDay } from './days.ts';

/**
 * Days and hours in an IANA time zone (an ad account's or the organisation's). Throws a RangeError
 * for a zone the runtime does not know, except `todayIn`, which falls back.
 */

const knownZones = new Map<string, boolean>();

/**
 * Whether the runtime knows `timeZone` as an IANA zone. Zones are checked where they come in (the
 * contracts' `TimeZone`); this lets code that must not fail (a rule run) fall back and say why when
 * an older row or a platform hands it a zone it cannot read.
 */
export function isKnownZone(timeZone: string): boolean {
  let known = knownZones.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      known = timeZone.length > 0;
    } catch {
      known = false;
    }
    if (knownZones.size >= 1000) knownZones.clear();
    knownZones.set(timeZone, known);
  }
  return known;
}

/** `timeZone` when the runtime knows it, else UTC (for code that must not fail; say so where it matters). */
export const zoneOrUtc = (timeZone: string): string => (isKnownZone(timeZone) ? timeZone : 'UTC');

/** Instant `ms` on `timeZone`'s wall clock; a RangeError for a zone the runtime does not know (TZDate would give NaN). */
function inZone(ms: number, timeZone: string): TZDate {
  const zoned = new TZDate(ms, timeZone);
  if (Number.isNaN(zoned.getFullYear())) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return zoned;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date ("YYYY-MM-DD") at instant `at` in `timeZone`, by one formatting call with a
 * formatter kept per zone (rule windows and backtests ask it for every zone at every step). A
 * RangeError for a zone the runtime does not know.
 */
export function dateInZone(timeZone: string, at: Date): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  const text = format.format(at);
  // "2026-06-10" (en-CA); anything else (a year before 1000, an invalid instant) through the zoned date.
  return DATE_TEXT.test(text) ? text : formatDay(inZone(at.getTime(), timeZone));
}

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Today in `timeZone` at `now`; with no zone or one the runtime does not know, today in the
 * runtime's own zone (the browser's, while the organisation's zone loads).
 */
export function todayIn(timeZone: string | undefined, now: Date): string {
  if (timeZone) {
    try {
      return dateInZone(timeZone, now);
    } catch {
      // an unknown zone: fall through to the runtime's calendar
    }
  }
  return formatDay(now);
}

/**
 * The instant wall-clock hour `hour` (0–23) of `day` starts in `timeZone`. An hour skipped by a
 * daylight-saving change gives the hour after it (the first instant of the day where midnight is
 * skipped); an hour that happens twice gives its first occurrence.
 */
export function zonedHourToInstant(day: string, hour: number, timeZone: string): Date {
  const [year = Number.NaN, month = Number.NaN, date = Number.NaN] = day.split('-').map(Number);
  const zoned = new TZDate(year, month - 1, date, hour, 0, 0, timeZone);
  if (Number.isNaN(zoned.getTime())) throw new RangeError(`Unknown time zone or day: ${timeZone}, ${day}`);
  return new Date(zoned.getTime());
}

/** Day starts worked out lately, by zone and day (a backtest asks the same few at every step). */
const dayStarts = new Map<string, number>();

/** The instant `day` starts in `timeZone`. */
export function dayStartUtc(day: string, timeZone: string): Date {
  const key = `${timeZone}|${day}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return new Date(known);
  const start = zonedHourToInstant(day, 0, timeZone);
  if (dayStarts.size >= 5000) dayStarts.clear();
  dayStarts.set(key, start.getTime());
  return start;
}

/** The last second of `day` in `timeZone` (a day is 23, 24 or 25 hours long). */
export const dayEndUtc = (day: string, timeZone: string): Date => new Date(dayStartUtc(addDays(day, 1), timeZone).getTime() - 1000);

/** How many hours `day` lasts in `timeZone`: 24, or 23 / 25 on daylight-saving changes. */
export const hoursInDay = (day: string, timeZone: string): number =>
  Math.round((dayStartUtc(addDays(day, 1), timeZone).getTime() - dayStartUtc(day, timeZone).getTime()) / 3_600_000);

/** The wall clock at `now` in `timeZone`: the hour and minute, and the hours of the day gone by (14.5 at 14:30). */
export function clockInZone(timeZone: string, now: Date): { hour: number; minute: number; hoursGone: number; text: string } {
  const zoned = inZone(now.getTime(), timeZone);
  const hour = zoned.getHours();
  const minute = zoned.getMinutes();
  return { hour, minute, hoursGone: hour + minute / 60, text: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
}
