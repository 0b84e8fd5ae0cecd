import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './days.ts';
import { lastCompleteDays, monthToDate, presetRange, previousPeriod } from './windows.ts';

describe('metric windows', () => {
  it('resolves the presets from today', () => {
    expect(presetRange('today', '2026-11-20')).toEqual({ since: '2026-11-20', until: '2026-11-20' });
    expect(presetRange('yesterday', '2026-03-01')).toEqual({ since: '2026-02-28', until: '2026-02-28' });
    expect(presetRange('yesterday', '2028-03-01')).toEqual({ since: '2028-02-29', until: '2028-02-29' });
    expect(presetRange('month', '2026-11-20')).toEqual({ since: '2026-11-01', until: '2026-11-20' });
    expect(presetRange('month', '2026-11-01')).toEqual({ since: '2026-11-01', until: '2026-11-01' });
    expect(presetRange('7', '2026-11-20')).toEqual({ since: '2026-11-13', until: '2026-11-19' });
    expect(presetRange('30', '2026-03-01')).toEqual({ since: '2026-01-30', until: '2026-02-28' });
  });

  it('leaves today out of the last N complete days', () => {
    expect(lastCompleteDays('2027-01-01', 1)).toEqual({ since: '2026-12-31', until: '2026-12-31' });
    expect(lastCompleteDays('2026-03-09', 3)).toEqual({ since: '2026-03-06', until: '2026-03-08' });
    expect(monthToDate('2028-02-29')).toEqual({ since: '2028-02-01', until: '2028-02-29' });
  });

  it('takes the previous period of the same length, ending the day before', () => {
    expect(previousPeriod({ since: '2026-03-01', until: '2026-03-31' })).toEqual({ since: '2026-01-29', until: '2026-02-28' });
    expect(previousPeriod({ since: '2026-11-20', until: '2026-11-20' })).toEqual({ since: '2026-11-19', until: '2026-11-19' });
    expect(previousPeriod({ since: '2028-03-01', until: '2028-03-07' })).toEqual({ since: '2028-02-23', until: '2028-02-29' });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 1, max: 366 }), (offset, days) => {
        const since = addDays('2000-01-01', offset);
        const range = { since, until: addDays(since, days - 1) };
        const previous = previousPeriod(range);
        expect(daysBetween(previous.since, previous.until)).toBe(days);
        expect(addDays(previous.until, 1)).toBe(range.since);
      }),
      { numRuns: 200 },
    );
  });
});
