import { addDays, daysBetween } from './days.ts';
import type { DayRange } from './range.ts';

/** Metric windows, all from `today` (a day in the organisation's or the account's zone). */

/** The last `days` complete days: up to yesterday, today (still running) left out. */
export function lastCompleteDays(today: string, days: number): DayRange {
  const until = addDays(today, -1);
  return { since: addDays(until, -(days - 1)), until };
}

/** This month so far: its first day to today. */
export const monthToDate = (today: string): DayRange => ({ since: `${today.slice(0, 8)}01`, until: today });

/** The period of the same length just before `range` (7 days → the 7 days before them). */
export function previousPeriod(range: DayRange): DayRange {
  const days = daysBetween(range.since, range.until);
  return { since: addDays(range.since, -days), until: addDays(range.since, -1) };
}

/** The ranges people pick by name: today, yesterday, this month, or the last 7, 30 or 90 complete days. */
export const PRESETS = ['today', 'yesterday', 'month', '7', '30', '90'] as const;
export type Preset = (typeof PRESETS)[number];

/** The dates a preset stands for, given today. */
export function presetRange(preset: Preset, today: string): DayRange {
  switch (preset) {
    case 'today':
      return { since: today, until: today };
    case 'yesterday': {
      const yesterday = addDays(today, -1);
      return { since: yesterday, until: yesterday };
    }
    case 'month':
      return monthToDate(today);
    default:
      return lastCompleteDays(today, Number(preset));
  }
}
