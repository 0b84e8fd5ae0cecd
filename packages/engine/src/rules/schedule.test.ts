import { describe, expect, it } from 'vitest';
import { nextRunAt } from './schedule.ts';

const next = (schedule: Parameters<typeof nextRunAt>[0], after: string, zone = 'UTC') => nextRunAt(schedule, new Date(after), zone).toISOString();

describe('when a rule runs next', () => {
  it('every 15 minutes on the next quarter hour', () => {
    expect(next({ frequency: 'every_15_minutes' }, '2026-06-10T12:07:30Z')).toBe('2026-06-10T12:15:00.000Z');
    expect(next({ frequency: 'every_15_minutes' }, '2026-06-10T12:15:00Z')).toBe('2026-06-10T12:30:00.000Z');
  });

  it('hourly on the zone’s full hour', () => {
    expect(next({ frequency: 'hourly' }, '2026-06-10T12:07:00Z')).toBe('2026-06-10T13:00:00.000Z');
    expect(next({ frequency: 'hourly' }, '2026-06-10T12:00:00Z')).toBe('2026-06-10T13:00:00.000Z');
    expect(next({ frequency: 'hourly' }, '2026-06-10T12:07:00Z', 'Asia/Kolkata')).toBe('2026-06-10T12:30:00.000Z');
  });

  it('daily at a time on the zone’s clock, today or tomorrow, across daylight saving', () => {
    expect(next({ frequency: 'daily', at: '09:00' }, '2026-06-10T12:00:00Z', 'America/New_York')).toBe('2026-06-10T13:00:00.000Z');
    expect(next({ frequency: 'daily', at: '09:00' }, '2026-06-10T13:00:00Z', 'America/New_York')).toBe('2026-06-11T13:00:00.000Z');
    expect(next({ frequency: 'daily', at: '09:30' }, '2026-03-07T20:00:00Z', 'America/New_York')).toBe('2026-03-08T13:30:00.000Z');
    expect(next({ frequency: 'daily', at: '02:30' }, '2026-03-07T20:00:00Z', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
  });
});
