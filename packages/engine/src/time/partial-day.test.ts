import { describe, expect, it } from 'vitest';
import { partialDayOf } from './partial-day.ts';

describe('same hours of the counterpart day', () => {
  it('cuts a range that ends today at the time of day in the organisation’s zone', () => {
    const now = new Date('2026-06-15T12:30:00Z');
    expect(partialDayOf({ since: '2026-06-09', until: '2026-06-15' }, 'Europe/Berlin', now)).toEqual({ today: '2026-06-15', counterpart: '2026-06-08', hours: 14.5, through: '14:30' });
    expect(partialDayOf({ since: '2026-06-15', until: '2026-06-15' }, 'UTC', now)).toEqual({ today: '2026-06-15', counterpart: '2026-06-14', hours: 12.5, through: '12:30' });
  });

  it('does not cut a range that ended before today (there, already tomorrow)', () => {
    expect(partialDayOf({ since: '2026-06-09', until: '2026-06-15' }, 'Asia/Tokyo', new Date('2026-06-15T20:00:00Z'))).toBeNull();
  });

  it('finds the counterpart across a month end and a leap day', () => {
    expect(partialDayOf({ since: '2028-03-01', until: '2028-03-01' }, 'UTC', new Date('2028-03-01T06:00:00Z'))?.counterpart).toBe('2028-02-29');
  });
});
