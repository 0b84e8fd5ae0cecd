import { describe, expect, it } from 'vitest';
import { totals } from './fixtures.test-helpers.ts';
import { totalsOfSeries } from './series.ts';
import type { EntitySeries } from './types.ts';

const NY = 'America/New_York';
const daily = new Map([
  ['2026-06-07', totals({ spend: 10, conversions: 1 })],
  ['2026-06-08', totals({ spend: 20, conversions: 2 })],
  ['2026-06-09', totals({ spend: 30, conversions: 3 })],
  ['2026-06-10', totals({ spend: 48, impressions: 2400 })],
]);
// Hourly rows of 2026-06-10 in New York (04:00Z is midnight there): $2 an hour.
const hourly = new Map(Array.from({ length: 24 }, (_, h) => [new Date(Date.UTC(2026, 5, 10, 4 + h)).toISOString(), totals({ spend: 2 })]));

describe('totals of stored rows as they stood at a moment', () => {
  const now = new Date('2026-06-10T16:30:00Z'); // 12:30 in New York

  it('adds complete days, and every day up to the end for a lifetime', () => {
    const series: EntitySeries = { daily, hourly: null };
    expect(totalsOfSeries(series, { days: { since: '2026-06-08', until: '2026-06-09' }, today: null, hours: null }, now, NY).spendMicros).toBe(50_000_000);
    expect(totalsOfSeries(series, { days: { since: null, until: '2026-06-09' }, today: null, hours: null }, now, NY).conversions).toBe(6);
  });

  it('counts today from the hourly rows that started before now', () => {
    const t = totalsOfSeries({ daily, hourly }, { days: null, today: '2026-06-10', hours: null }, now, NY);
    expect(t.spendMicros).toBe(13 * 2_000_000); // 00:00 … 12:00 started, 12:00 is running
  });

  it('without hourly rows, takes the share of the day gone by of the day’s total', () => {
    const t = totalsOfSeries({ daily, hourly: null }, { days: null, today: '2026-06-10', hours: null }, now, NY);
    expect(t.spendMicros).toBeCloseTo(48_000_000 * (12.5 / 24));
    expect(t.impressions).toBeCloseTo(1250);
  });

  it('counts hours from hourly rows in [from, to), or pro rata from the day without them', () => {
    const span = { days: null, today: null, hours: { fromUtc: '2026-06-10T10:00:00.000Z', toUtc: '2026-06-10T16:00:00.000Z' } };
    expect(totalsOfSeries({ daily, hourly }, span, now, NY).spendMicros).toBe(12_000_000);
    expect(totalsOfSeries({ daily, hourly: null }, span, now, NY).spendMicros).toBeCloseTo(12_000_000);
  });

  it('finds hourly rows on the half hour (zones such as Asia/Kolkata)', () => {
    const kolkata = new Map([['2026-06-09T18:30:00.000Z', totals({ spend: 5 })], ['2026-06-09T19:30:00.000Z', totals({ spend: 7 })]]);
    const t = totalsOfSeries({ daily: new Map(), hourly: kolkata }, { days: null, today: '2026-06-10', hours: null }, new Date('2026-06-09T20:00:00Z'), 'Asia/Kolkata');
    expect(t.spendMicros).toBe(12_000_000);
  });
});
