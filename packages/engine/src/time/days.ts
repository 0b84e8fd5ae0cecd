import { addDays as addCalendarDays, differenceInCalendarDays, formatISO, isValid, parseISO } from 'date-fns';

/**
 * Calendar days as "YYYY-MM-DD" strings. A day is a date, never an instant: it is parsed and
 * written in one calendar, so no time-zone offset (nor a 23- or 25-hour day) can move it.
 */

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A date as "YYYY-MM-DD" in the calendar it was built in (formatISO needs no locale data). */
export const formatDay = (date: Date): string => formatISO(date, { representation: 'date' });

/** Whether `value` is a day that exists, written "YYYY-MM-DD" ("2026-02-30" and "2026-2-3" are not). */
export function isDay(value: string | undefined): value is string {
  if (value === undefined || !DAY_PATTERN.test(value)) return false;
  const date = parseISO(value);
  return isValid(date) && formatDay(date) === value;
}

/** `day` moved by `days` calendar days (negative goes back). */
export const addDays = (day: string, days: number): string => formatDay(addCalendarDays(parseISO(day), days));

/** Days from `since` to `until`, both counted: 1 for a single day, 0 or less when `until` comes first. */
export const daysBetween = (since: string, until: string): number => differenceInCalendarDays(parseISO(until), parseISO(since)) + 1;

/** Every day from `since` to `until` in order, at most `limit` of them (none when `since` is after `until`). */
export function eachDay(since: string, until: string, limit = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  for (let day = since; day <= until && out.length < limit; day = addDays(day, 1)) out.push(day);
  return out;
}
