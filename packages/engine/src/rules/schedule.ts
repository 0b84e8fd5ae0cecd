import type { RuleSchedule } from '@adloop/contracts';
import { addDays } from '../time/days.ts';
import { clockInZone, dateInZone, zonedHourToInstant, zoneOrUtc } from '../time/zone.ts';

const MINUTE_MS = 60_000;
const QUARTER_MS = 15 * MINUTE_MS;

/**
 * When a rule runs next, strictly after `after`: every 15 minutes on the quarter hour; hourly on the
 * full hour of `timeZone`'s clock (Asia/Kolkata's full hours are at :30 UTC); daily at `at` on that
 * clock (a time skipped by a daylight-saving change runs at the first instant after it). A zone the
 * runtime does not know runs on UTC's clock (zones are checked where they come in; this keeps an old
 * row from stopping the scheduler).
 */
export function nextRunAt(schedule: RuleSchedule, after: Date, zone: string): Date {
  const timeZone = zoneOrUtc(zone);
  const ms = after.getTime();
  switch (schedule.frequency) {
    case 'every_15_minutes':
      return new Date(Math.floor(ms / QUARTER_MS) * QUARTER_MS + QUARTER_MS);
    case 'hourly': {
      const { minute } = clockInZone(timeZone, after);
      const minuteStart = Math.floor(ms / MINUTE_MS) * MINUTE_MS;
      return new Date(minuteStart - minute * MINUTE_MS + 60 * MINUTE_MS);
    }
    case 'daily': {
      const [hour = 0, minute = 0] = schedule.at.split(':').map(Number);
      const at = (day: string): Date => new Date(zonedHourToInstant(day, hour, timeZone).getTime() + minute * MINUTE_MS);
      const today = dateInZone(timeZone, after);
      const candidate = at(today);
      return candidate.getTime() > ms ? candidate : at(addDays(today, 1));
    }
  }
}
