import { addDays, weekdayOf } from '../time/days.ts';
import { dateInZone, zonedHourToInstant } from '../time/zone.ts';
import type { DayRange } from '../time/range.ts';

/** When a report goes out, in the organisation's wall-clock time. */
export interface ReportCadence {
  frequency: 'none' | 'daily' | 'weekly' | 'monthly';
  /** 0–23, local. */
  hour: number;
  /** Weekly: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Monthly: 1–28. */
  monthDay: number;
}

export type ReportPeriodName = 'yesterday' | 'last_7_days' | 'last_week' | 'last_30_days' | 'last_month';

/** Monday = 1 … Sunday = 7 (ISO), from a calendar day. */
const isoWeekday = (day: string): number => ((weekdayOf(day) + 6) % 7) + 1;

function isSendDay(cadence: ReportCadence, day: string): boolean {
  if (cadence.frequency === 'daily') return true;
  if (cadence.frequency === 'weekly') return isoWeekday(day) === cadence.weekday;
  return Number(day.slice(8, 10)) === cadence.monthDay;
}

/**
 * The first send instant strictly after `after`, at `hour` local time in `timeZone` on the
 * cadence's days (daylight-saving days included: a skipped hour moves to the next one); null when
 * the report is not scheduled.
 */
export function nextReportRun(cadence: ReportCadence, timeZone: string, after: Date): Date | null {
  if (cadence.frequency === 'none') return null;
  const today = dateInZone(timeZone, after);
  // A monthly cadence finds its day within 31 days; start from yesterday so a late-evening `after` in a zone behind UTC counts.
  for (let offset = -1; offset <= 62; offset += 1) {
    const day = addDays(today, offset);
    if (!isSendDay(cadence, day)) continue;
    const at = zonedHourToInstant(day, cadence.hour, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  return null;
}

/** The days a report covers when it runs on `today` (the organisation's date): complete days only. */
export function reportPeriodRange(period: ReportPeriodName, today: string): DayRange {
  const yesterday = addDays(today, -1);
  switch (period) {
    case 'yesterday':
      return { since: yesterday, until: yesterday };
    case 'last_7_days':
      return { since: addDays(yesterday, -6), until: yesterday };
    case 'last_30_days':
      return { since: addDays(yesterday, -29), until: yesterday };
    case 'last_week': {
      // Monday to Sunday of the week before this one.
      const monday = addDays(today, -(isoWeekday(today) - 1) - 7);
      return { since: monday, until: addDays(monday, 6) };
    }
    case 'last_month': {
      const firstOfThis = `${today.slice(0, 8)}01`;
      const lastOfPrevious = addDays(firstOfThis, -1);
      return { since: `${lastOfPrevious.slice(0, 8)}01`, until: lastOfPrevious };
    }
  }
}

/** The period a cadence reports on by default: yesterday, last week, last month. */
export const defaultPeriodOf = (frequency: ReportCadence['frequency']): ReportPeriodName =>
  frequency === 'daily' ? 'yesterday' : frequency === 'monthly' ? 'last_month' : frequency === 'weekly' ? 'last_week' : 'last_7_days';
