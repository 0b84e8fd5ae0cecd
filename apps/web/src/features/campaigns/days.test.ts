import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, eachDay, isDay, presetRange, todayIn } from './days.ts';

describe('calendar days', () => {
  it('takes today in the given time zone, not the browser’s', () => {
    const now = new Date('2026-11-19T20:00:00Z');
    expect(todayIn('Asia/Tokyo', now)).toBe('2026-11-20');
    expect(todayIn('America/New_York', now)).toBe('2026-11-19');
  });

  it('counts days across a daylight-saving change and a month end', () => {
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(3);
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(eachDay('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('refuses dates that do not exist', () => {
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-2-3')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
  });

  it('resolves the presets from today', () => {
    expect(presetRange('today', '2026-11-20')).toEqual({ since: '2026-11-20', until: '2026-11-20' });
    expect(presetRange('yesterday', '2026-03-01')).toEqual({ since: '2026-02-28', until: '2026-02-28' });
    expect(presetRange('month', '2026-11-20')).toEqual({ since: '2026-11-01', until: '2026-11-20' });
    expect(presetRange('7', '2026-11-20')).toEqual({ since: '2026-11-13', until: '2026-11-19' });
  });
});
