import { TZDate } from '@date-fns/tz';
import { addDays, formatDay } from './days.ts';

/**
 * Days and hours in an IANA time zone (an ad account's or the organisation's). Throws a RangeError
 * for a zone the runtime does not know, except `todayIn`, which falls back.
 */

/** Instant `ms` on `timeZone`'s wall clock; a RangeError for a zone the runtime does not know (TZDate would give NaN). */
function inZone(ms: number, timeZone: string): TZDate {
  const zoned = new TZDate(ms, timeZone);
  if (Number.isNaN(zoned.getFullYear())) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return zoned;
}

/** The calendar date ("YYYY-MM-DD") at instant `at` in `timeZone`. */
export const dateInZone = (timeZone: string, at: Date): string => formatDay(inZone(at.getTime(), timeZone));

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

/** The instant `day` starts in `timeZone`. */
export const dayStartUtc = (day: string, timeZone: string): Date => zonedHourToInstant(day, 0, timeZone);

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
