import { describe, expect, it } from 'vitest';
import { clockInZone, dateInZone, dayEndUtc, dayStartUtc, hoursInDay, todayIn, zonedHourToInstant } from './zone.ts';

const at = (iso: string) => new Date(iso);

describe('days and hours in a time zone', () => {
  it('gives the date in the zone across midnight', () => {
    const instant = at('2026-06-15T23:30:00Z');
    expect(dateInZone('UTC', instant)).toBe('2026-06-15');
    expect(dateInZone('Asia/Tokyo', instant)).toBe('2026-06-16');
    expect(dateInZone('America/Los_Angeles', instant)).toBe('2026-06-15');
    expect(dateInZone('Pacific/Kiritimati', at('2026-06-15T10:00:00Z'))).toBe('2026-06-16');
  });

  it('takes today in the given zone, and the runtime’s calendar for none or an unknown one', () => {
    const now = at('2026-11-19T20:00:00Z');
    expect(todayIn('Asia/Tokyo', now)).toBe('2026-11-20');
    expect(todayIn('America/New_York', now)).toBe('2026-11-19');
    expect(['2026-11-19', '2026-11-20']).toContain(todayIn(undefined, now));
    expect(['2026-11-19', '2026-11-20']).toContain(todayIn('Not/AZone', now));
    expect(() => dateInZone('Not/AZone', now)).toThrow(RangeError);
    expect(() => zonedHourToInstant('2026-11-19', 0, 'Not/AZone')).toThrow(RangeError);
  });

  it('turns a wall-clock hour into an instant, in summer and winter', () => {
    expect(zonedHourToInstant('2026-06-15', 14, 'America/New_York').toISOString()).toBe('2026-06-15T18:00:00.000Z');
    expect(zonedHourToInstant('2026-01-15', 14, 'America/New_York').toISOString()).toBe('2026-01-15T19:00:00.000Z');
    expect(zonedHourToInstant('2026-06-15', 0, 'Asia/Tokyo').toISOString()).toBe('2026-06-14T15:00:00.000Z');
    expect(zonedHourToInstant('2026-06-15', 5, 'UTC').toISOString()).toBe('2026-06-15T05:00:00.000Z');
    expect(zonedHourToInstant('2026-06-15', 0, 'Asia/Kolkata').toISOString()).toBe('2026-06-14T18:30:00.000Z');
  });

  it('gives the hour after an hour skipped in spring, and the first of an hour that happens twice', () => {
    expect(zonedHourToInstant('2026-03-08', 2, 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(zonedHourToInstant('2026-03-08', 3, 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(zonedHourToInstant('2026-11-01', 1, 'America/New_York').toISOString()).toBe('2026-11-01T05:00:00.000Z');
    expect(zonedHourToInstant('2026-11-01', 2, 'America/New_York').toISOString()).toBe('2026-11-01T07:00:00.000Z');
  });

  it('starts a day whose midnight is skipped at its first real instant', () => {
    // Chile moves its clocks from 00:00 to 01:00 on the first Sunday of September.
    expect(dayStartUtc('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(dateInZone('America/Santiago', dayStartUtc('2026-09-06', 'America/Santiago'))).toBe('2026-09-06');
  });

  it('knows 23- and 25-hour days and ends each at its last second', () => {
    expect(hoursInDay('2026-03-08', 'America/New_York')).toBe(23);
    expect(hoursInDay('2026-11-01', 'America/New_York')).toBe(25);
    expect(hoursInDay('2026-03-29', 'Europe/Berlin')).toBe(23);
    expect(hoursInDay('2026-10-25', 'Europe/Berlin')).toBe(25);
    expect(hoursInDay('2026-06-15', 'Europe/Berlin')).toBe(24);
    expect(hoursInDay('2026-03-08', 'UTC')).toBe(24);
    expect(dayEndUtc('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T03:59:59.000Z');
    expect(dayEndUtc('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-02T04:59:59.000Z');
    expect(dayEndUtc('2028-02-28', 'UTC').toISOString()).toBe('2028-02-28T23:59:59.000Z');
  });

  it('reads the wall clock in the zone', () => {
    expect(clockInZone('Europe/Berlin', at('2026-06-15T12:30:00Z'))).toEqual({ hour: 14, minute: 30, hoursGone: 14.5, text: '14:30' });
    expect(clockInZone('Asia/Tokyo', at('2026-06-15T15:05:00Z'))).toEqual({ hour: 0, minute: 5, hoursGone: 5 / 60, text: '00:05' });
  });
});
