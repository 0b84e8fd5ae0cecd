import { describe, expect, it } from 'vitest';
import { addDays, dateInZone, daysBetween, zonedHourToInstant } from './time-zone.ts';

describe('time zones of account-time rows', () => {
  it('turns an account-time hour into an instant', () => {
    expect(zonedHourToInstant('2026-06-15', 14, 'America/New_York').toISOString()).toBe('2026-06-15T18:00:00.000Z');
    expect(zonedHourToInstant('2026-01-15', 14, 'America/New_York').toISOString()).toBe('2026-01-15T19:00:00.000Z');
    expect(zonedHourToInstant('2026-06-15', 0, 'Asia/Tokyo').toISOString()).toBe('2026-06-14T15:00:00.000Z');
    expect(zonedHourToInstant('2026-06-15', 5, 'UTC').toISOString()).toBe('2026-06-15T05:00:00.000Z');
  });

  it('gives the date in the account’s zone across midnight', () => {
    const at = new Date('2026-06-15T23:30:00Z');
    expect(dateInZone('UTC', at)).toBe('2026-06-15');
    expect(dateInZone('Asia/Tokyo', at)).toBe('2026-06-16');
    expect(dateInZone('America/Los_Angeles', at)).toBe('2026-06-15');
  });

  it('counts and moves days', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-06-01', '2026-06-30')).toBe(30);
  });
});
