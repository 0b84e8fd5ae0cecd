import { addDays as addCalendarDays, differenceInCalendarDays, eachDayOfInterval, formatISO, isValid, parseISO, startOfMonth } from 'date-fns';
import { TZDate } from '@date-fns/tz';

/**
 * Calendar-day arithmetic on "YYYY-MM-DD" strings. Days are calendar dates, never instants: they
 * are parsed and formatted in the same (local) calendar so no zone offset moves them.
 */

/** YYYY-MM-DD of a date's calendar (formatISO needs no locale data, unlike format). */
const format = (date: Date) => formatISO(date, { representation: 'date' });

export function isDay(value: string | undefined): value is string {
  if (value === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = parseISO(value);
  return isValid(date) && format(date) === value;
}

export const addDays = (day: string, days: number): string => format(addCalendarDays(parseISO(day), days));

/** Days from `since` to `until`, both counted (1 for a single day). */
export const daysBetween = (since: string, until: string): number => differenceInCalendarDays(parseISO(until), parseISO(since)) + 1;

/** Every day from `since` to `until`, at most `limit` of them. */
export function eachDay(since: string, until: string, limit = 400): string[] {
  if (since > until) return [];
  return eachDayOfInterval({ start: parseISO(since), end: parseISO(until) })
    .slice(0, limit)
    .map((d) => format(d));
}

/** Today's date in `timeZone` (the browser's zone when none or an unknown one is given). */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  try {
    return format(timeZone ? new TZDate(now, timeZone) : now);
  } catch {
    return format(now);
  }
}

export const PRESETS = ['today', 'yesterday', 'month', '7', '30', '90'] as const;
export type Preset = (typeof PRESETS)[number];

/** The dates a preset stands for, given today: N-day presets are the last N complete days. */
export function presetRange(preset: Preset, today: string): { since: string; until: string } {
  switch (preset) {
    case 'today':
      return { since: today, until: today };
    case 'yesterday': {
      const yesterday = addDays(today, -1);
      return { since: yesterday, until: yesterday };
    }
    case 'month':
      return { since: format(startOfMonth(parseISO(today))), until: today };
    default: {
      const until = addDays(today, -1);
      return { since: addDays(until, -(Number(preset) - 1)), until };
    }
  }
}
