import { TZDate } from '@date-fns/tz';
import { zoneOrUtc } from '../time/zone.ts';

/** "HH:MM" (24-hour) → minutes after midnight, or null. */
export function parseClockTime(value: string | null | undefined): number | null {
  const match = value ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export interface QuietHours {
  /** Local "HH:MM" where quiet hours start and end; `end` before `start` wraps midnight (22:00–07:00). */
  start: string | null;
  end: string | null;
  timeZone: string;
}

/**
 * When quiet hours are on at `now` in the person's time zone, the instant they end (deliveries wait
 * until then); null when they are off or not set. Equal start and end mean no quiet hours. An
 * unknown zone counts as UTC.
 */
export function quietHoursEnd(quiet: QuietHours, now: Date): Date | null {
  const start = parseClockTime(quiet.start);
  const end = parseClockTime(quiet.end);
  if (start === null || end === null || start === end) return null;
  const local = new TZDate(now.getTime(), zoneOrUtc(quiet.timeZone));
  const minute = local.getHours() * 60 + local.getMinutes();
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  const wait = (end - minute + 1440) % 1440;
  const ends = new TZDate(local.getTime(), zoneOrUtc(quiet.timeZone));
  ends.setMinutes(ends.getMinutes() + wait, 0, 0);
  return new Date(ends.getTime());
}

/** A daily digest goes out at the first check after this local hour, once a day. */
export const DAILY_DIGEST_HOUR = 8;

/** Whether a person's digest is due at `now`: hourly every hour; daily after 08:00 local, once a local day. */
export function digestDue(mode: 'off' | 'hourly' | 'daily', timeZone: string, lastAt: Date | null, now: Date): boolean {
  if (mode === 'off') return true;
  if (mode === 'hourly') return !lastAt || now.getTime() - lastAt.getTime() >= 55 * 60_000;
  const zone = zoneOrUtc(timeZone);
  const local = new TZDate(now.getTime(), zone);
  if (local.getHours() < DAILY_DIGEST_HOUR) return false;
  if (!lastAt) return true;
  const last = new TZDate(lastAt.getTime(), zone);
  return last.getFullYear() !== local.getFullYear() || last.getMonth() !== local.getMonth() || last.getDate() !== local.getDate();
}
