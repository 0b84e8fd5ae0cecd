import { describe, expect, it } from 'vitest';
import { digestDue, parseClockTime, quietHoursEnd } from './quiet-hours.ts';

describe('quiet hours', () => {
  it('reads HH:MM and refuses anything else', () => {
    expect(parseClockTime('07:30')).toBe(450);
    expect(parseClockTime('24:00')).toBeNull();
    expect(parseClockTime('7:30')).toBeNull();
    expect(parseClockTime(null)).toBeNull();
  });

  it('holds until the end of quiet hours that wrap midnight, in the person’s zone', () => {
    // 23:30 in Paris (winter, UTC+1) is 22:30 UTC; quiet 22:00–07:00 ends at 06:00 UTC next day.
    const now = new Date('2026-12-07T22:30:00Z');
    expect(quietHoursEnd({ start: '22:00', end: '07:00', timeZone: 'Europe/Paris' }, now)?.toISOString()).toBe('2026-12-08T06:00:00.000Z');
    // 06:59 Paris: still quiet, one minute to go.
    expect(quietHoursEnd({ start: '22:00', end: '07:00', timeZone: 'Europe/Paris' }, new Date('2026-12-08T05:59:00Z'))?.toISOString()).toBe('2026-12-08T06:00:00.000Z');
    // 07:00 Paris: over.
    expect(quietHoursEnd({ start: '22:00', end: '07:00', timeZone: 'Europe/Paris' }, new Date('2026-12-08T06:00:00Z'))).toBeNull();
  });

  it('handles same-day windows, unset and equal bounds', () => {
    const noon = new Date('2026-12-07T12:15:00Z');
    expect(quietHoursEnd({ start: '12:00', end: '13:00', timeZone: 'UTC' }, noon)?.toISOString()).toBe('2026-12-07T13:00:00.000Z');
    expect(quietHoursEnd({ start: '13:00', end: '14:00', timeZone: 'UTC' }, noon)).toBeNull();
    expect(quietHoursEnd({ start: null, end: '14:00', timeZone: 'UTC' }, noon)).toBeNull();
    expect(quietHoursEnd({ start: '10:00', end: '10:00', timeZone: 'UTC' }, noon)).toBeNull();
  });

  it('a daily digest goes once per local day after 08:00; hourly every hour', () => {
    const tz = 'America/New_York';
    const early = new Date('2026-12-07T12:00:00Z'); // 07:00 New York
    const after = new Date('2026-12-07T13:30:00Z'); // 08:30
    expect(digestDue('daily', tz, null, early)).toBe(false);
    expect(digestDue('daily', tz, null, after)).toBe(true);
    expect(digestDue('daily', tz, after, new Date('2026-12-07T20:00:00Z'))).toBe(false);
    expect(digestDue('daily', tz, after, new Date('2026-12-08T13:05:00Z'))).toBe(true);
    expect(digestDue('hourly', tz, after, new Date('2026-12-07T14:00:00Z'))).toBe(false);
    expect(digestDue('hourly', tz, after, new Date('2026-12-07T14:30:00Z'))).toBe(true);
  });
});
