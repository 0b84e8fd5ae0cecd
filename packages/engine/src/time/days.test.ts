import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, eachDay, isDay, weekdayOf } from './days.ts';

/** Any real day from 1970 to 2199. */
const anyDay = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('calendar days', () => {
  it('moves across month ends, year ends and leap days', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2100-03-01', -1)).toBe('2100-02-28');
    expect(addDays('2000-03-01', -1)).toBe('2000-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-31', 30)).toBe('2026-03-02');
  });

  it('counts both ends, across daylight-saving changes (a 23- and a 25-hour day are one day each)', () => {
    expect(daysBetween('2026-06-01', '2026-06-30')).toBe(30);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(3);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(3);
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(30);
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(365);
    expect(daysBetween('2028-01-01', '2028-12-31')).toBe(366);
    expect(daysBetween('2026-05-05', '2026-05-05')).toBe(1);
    expect(daysBetween('2026-05-06', '2026-05-05')).toBe(0);
  });

  it('lists every day of a range, none for a reversed one, at most the limit', () => {
    expect(eachDay('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(eachDay('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(eachDay('2026-03-02', '2026-03-01')).toEqual([]);
    expect(eachDay('2026-01-01', '2026-12-31', 3)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
  });

  it('knows the day of the week, Sunday first', () => {
    expect(weekdayOf('2026-12-06')).toBe(0);
    expect(weekdayOf('2026-12-07')).toBe(1);
    expect(weekdayOf('2028-02-29')).toBe(2);
    expect(weekdayOf('2026-03-08')).toBe(0);
  });

  it('refuses days that do not exist or are written otherwise', () => {
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-2-3')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('2026-06-01T00:00')).toBe(false);
    expect(isDay(undefined)).toBe(false);
  });

  it('adding the days between two days leads from one to the other', () => {
    fc.assert(
      fc.property(anyDay, anyDay, (a, b) => {
        expect(addDays(a, daysBetween(a, b) - 1)).toBe(b);
      }),
    );
  });

  it('moving by n days is n days further, and moving back undoes it', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -20_000, max: 20_000 }), (day, n) => {
        const moved = addDays(day, n);
        expect(isDay(moved)).toBe(true);
        expect(daysBetween(day, moved)).toBe(n + 1);
        expect(addDays(moved, -n)).toBe(day);
      }),
    );
  });

  it('lists as many days as it counts', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 400 }), (since, n) => {
        const days = eachDay(since, addDays(since, n));
        expect(days).toHaveLength(daysBetween(since, addDays(since, n)));
        expect(days.at(-1)).toBe(addDays(since, n));
      }),
      { numRuns: 50 },
    );
  });
});
