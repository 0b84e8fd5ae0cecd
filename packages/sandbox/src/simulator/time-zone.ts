import { HOUR_MS } from './sim-clock.ts';

/** Local calendar position of one UTC hour in an account's time zone. */
export interface LocalHour {
  /** `YYYY-MM-DD` in the account time zone. */
  day: string;
  /** 0–23 local hour. */
  hour: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();
const localCache = new Map<string, LocalHour>();
const dayHoursCache = new Map<string, readonly number[]>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Where UTC hour index `utcHour` (hours since the epoch) falls in `timeZone`. */
export function localHourOf(timeZone: string, utcHour: number): LocalHour {
  const key = `${timeZone}|${utcHour}`;
  const cached = localCache.get(key);
  if (cached) return cached;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(utcHour * HOUR_MS))) parts[p.type] = p.value;
  const result: LocalHour = {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    weekday: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
  };
  localCache.set(key, result);
  return result;
}

/** The UTC hour indices that make up local day `day` (23, 24 or 25 of them around DST changes). */
export function hoursOfLocalDay(timeZone: string, day: string): readonly number[] {
  const key = `${timeZone}|${day}`;
  const cached = dayHoursCache.get(key);
  if (cached) return cached;
  const midnightUtc = Math.floor(Date.parse(`${day}T00:00:00Z`) / HOUR_MS);
  const hours: number[] = [];
  for (let h = midnightUtc - 15; h < midnightUtc + 39; h++) {
    if (localHourOf(timeZone, h).day === day) hours.push(h);
  }
  dayHoursCache.set(key, hours);
  return hours;
}

/** The local day containing instant `ms` in `timeZone`. */
export function localDayAt(timeZone: string, ms: number): string {
  return localHourOf(timeZone, Math.floor(ms / HOUR_MS)).day;
}

