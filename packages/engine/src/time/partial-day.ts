import { addDays, daysBetween } from './days.ts';
import type { DayRange } from './range.ts';
import { clockInZone, dateInZone } from './zone.ts';

/**
 * A range that ends today holds only part of today. Its previous period is then cut the same way:
 * the day standing for today in the previous period counts only the hours of today gone by so far
 * (in the organisation's time zone, to the minute), so a morning is never compared with a whole day.
 */
export interface PartialDay {
  /** Today, the range's last day. */
  today: string;
  /** The previous period's day that stands for today. */
  counterpart: string;
  /** Hours of the day gone by on the wall clock (0–24, fractional), e.g. 14.5 at 14:30. */
  hours: number;
  /** The local time the comparison stops at, "HH:MM". */
  through: string;
}

/** How today is cut when `range` ends today in `timeZone` at `now`; null when it ends before today. */
export function partialDayOf(range: DayRange, timeZone: string, now: Date): PartialDay | null {
  const today = dateInZone(timeZone, now);
  if (range.until !== today) return null;
  const clock = clockInZone(timeZone, now);
  return { today, counterpart: addDays(today, -daysBetween(range.since, range.until)), hours: clock.hoursGone, through: clock.text };
}
