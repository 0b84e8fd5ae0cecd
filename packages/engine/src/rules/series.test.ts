import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RuleWindow } from '@adloop/contracts';
import { addInto, emptyTotals, type MetricTotals } from '../metrics/totals.ts';
import { dateInZone, dayStartUtc } from '../time/zone.ts';
import { totals } from './fixtures.test-helpers.ts';
import { totalsOfSeries } from './series.ts';
import type { EntitySeries, WindowSpan } from './types.ts';
import { resolveWindow } from './windows.ts';

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

/** The rows of [span] added one by one, as a reference for the running sums. */
function rowByRow(series: EntitySeries, span: WindowSpan, now: Date, timeZone: string): MetricTotals {
  const sum = emptyTotals();
  if (span.days) for (const [day, row] of series.daily) if ((span.days.since === null || day >= span.days.since) && day <= span.days.until) addInto(sum, row);
  const hours = (from: number, to: number) => {
    for (const [at, row] of series.hourly ?? []) if (Date.parse(at) >= from && Date.parse(at) < to) addInto(sum, row);
  };
  if (span.today) hours(dayStartUtc(span.today, timeZone).getTime(), now.getTime());
  if (span.hours) hours(Date.parse(span.hours.fromUtc), Date.parse(span.hours.toUtc));
  return sum;
}

const WINDOWS: RuleWindow[] = [
  { kind: 'today' },
  { kind: 'yesterday' },
  { kind: 'last_hours', hours: 1 },
  { kind: 'last_hours', hours: 30 },
  { kind: 'last_days', days: 1, includeToday: false },
  { kind: 'last_days', days: 7, includeToday: false },
  { kind: 'last_days', days: 7, includeToday: true },
  { kind: 'week_to_date' },
  { kind: 'month_to_date' },
  { kind: 'lifetime' },
];

describe('running sums', () => {
  it('give every window and its previous period exactly what adding the rows one by one gives, at any moment', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('America/New_York', 'Asia/Kolkata', 'Europe/Berlin', 'UTC'),
        fc.integer({ min: 0, max: 40 * 24 * 4 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.boolean(),
        (zone, quarter, seed, skipLastDay) => {
          // 40 days of rows (a few missing), hourly rows on the zone's hours, conversions with decimals.
          const first = Date.UTC(2026, 9, 1);
          const daily = new Map<string, MetricTotals>();
          const hourly = new Map<string, MetricTotals>();
          let h = seed;
          const next = () => (h = Math.imul(h ^ (h >>> 15), 2_246_822_507) >>> 0);
          for (let t = dayStartUtc('2026-10-01', zone).getTime(); t < first + 40 * 86_400_000; t += 3_600_000) {
            if (next() % 13 === 0) continue;
            const row = { spendMicros: next() % 5_000_000, impressions: next() % 900, clicks: next() % 40, conversions: (next() % 7) / 10, conversionValueMicros: next() % 3_000_000 };
            hourly.set(new Date(t).toISOString(), row);
            const day = dateInZone(zone, new Date(t));
            const sum = daily.get(day) ?? emptyTotals();
            addInto(sum, row);
            daily.set(day, sum);
          }
          const series: EntitySeries = { daily, hourly };
          const now = new Date(first + 5 * 86_400_000 + quarter * 900_000);
          for (const window of WINDOWS) {
            const resolved = resolveWindow(window, skipLastDay, now, zone);
            for (const span of [resolved, resolved.previous]) {
              if (!span) continue;
              const got = totalsOfSeries(series, span, now, zone);
              const want = rowByRow(series, span, now, zone);
              expect(got.spendMicros).toBe(want.spendMicros);
              expect(got.impressions).toBe(want.impressions);
              expect(got.clicks).toBe(want.clicks);
              expect(got.conversionValueMicros).toBe(want.conversionValueMicros);
              expect(got.conversions).toBe(Math.round(want.conversions * 1e6) / 1e6);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
