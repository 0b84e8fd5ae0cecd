import { daysBetween, isDay } from './days.ts';

/** A reporting range of calendar days, both ends included. */
export interface DayRange {
  since: string;
  until: string;
}

/** The longest range a report covers (a leap year and a day). */
export const MAX_RANGE_DAYS = 366;

/** What is wrong with a range, naming the end to fix; null for a valid one. */
export type RangeProblem = { field: 'since' | 'until'; reason: 'not_a_day' | 'reversed' | 'too_long' };

/** Checks a range a person or a caller asked for: both ends real days, in order, at most `maxDays` long. */
export function rangeProblem(range: DayRange, maxDays = MAX_RANGE_DAYS): RangeProblem | null {
  if (!isDay(range.since)) return { field: 'since', reason: 'not_a_day' };
  if (!isDay(range.until)) return { field: 'until', reason: 'not_a_day' };
  if (range.since > range.until) return { field: 'since', reason: 'reversed' };
  if (daysBetween(range.since, range.until) > maxDays) return { field: 'since', reason: 'too_long' };
  return null;
}
