import { addDays as addCalendarDays, differenceInCalendarDays, getDay } from 'date-fns';

/**
 * Calendar days as "YYYY-MM-DD" strings (years 1000–9999). A day is a date, never an instant: it is
 * read and written in one calendar, so no time-zone offset (nor a 23- or 25-hour day) can move it.
 * Parsing by position rather than with parseISO keeps `addDays` cheap enough for the simulator's loops.
 */

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The start of `day` in the runtime's calendar (only ever read back through the same calendar). */
const toDate = (day: string): Date => new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A date as "YYYY-MM-DD" in the runtime's calendar (a TZDate: in its zone). */
export const formatDay = (date: Date): string => `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;

/** Whether `value` is a day that exists, written "YYYY-MM-DD" ("2026-02-30" and "2026-2-3" are not). */
export function isDay(value: string | undefined): value is string {
  return value !== undefined && DAY_PATTERN.test(value) && formatDay(toDate(value)) === value;
}

/** `day` moved by `days` calendar days (negative goes back). */
export const addDays = (day: string, days: number): string => formatDay(addCalendarDays(toDate(day), days));

/** Days from `since` to `until`, both counted: 1 for a single day, 0 or less when `until` comes first. */
export const daysBetween = (since: string, until: string): number => differenceInCalendarDays(toDate(until), toDate(since)) + 1;

/** The day of the week of `day`: 0 Sunday … 6 Saturday. */
export const weekdayOf = (day: string): number => getDay(toDate(day));

/** Every day from `since` to `until` in order, at most `limit` of them (none when `since` is after `until`). */
export function eachDay(since: string, until: string, limit = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  for (let day = since; day <= until && out.length < limit; day = addDays(day, 1)) out.push(day);
  return out;
}
