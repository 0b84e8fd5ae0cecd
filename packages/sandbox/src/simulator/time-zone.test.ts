import { describe, expect, it } from 'vitest';
import { hoursOfLocalDay, localHourOf } from './time-zone.ts';

describe('time zones', () => {
  it('maps UTC hours to local days and hours', () => {
    const utcHour = Date.parse('2026-03-10T15:00:00Z') / 3_600_000;
    expect(localHourOf('Asia/Tokyo', utcHour)).toEqual({ day: '2026-03-11', hour: 0, weekday: 3 });
  });

  it('has 24 hours a day without DST and 23 on the spring-forward day', () => {
    expect(hoursOfLocalDay('Asia/Tokyo', '2026-03-08')).toHaveLength(24);
    expect(hoursOfLocalDay('America/New_York', '2026-03-08')).toHaveLength(23);
    expect(hoursOfLocalDay('America/New_York', '2026-11-01')).toHaveLength(25);
  });
});
