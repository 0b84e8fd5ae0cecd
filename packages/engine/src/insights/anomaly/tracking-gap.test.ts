import { describe, expect, it } from 'vitest';
import { detectAnomalies } from './detect.ts';
import { gapLevel, noConversionChance } from './count-tests.ts';
import { hourlySeries } from './anomaly.test-series.ts';

const HOUR = 3_600_000;
const DAYS = 35;

describe('broken tracking on low-volume campaigns (the gap since the last conversion)', () => {
  it('the chance of no conversion is binomial in the clicks received', () => {
    expect(noConversionChance(0, 0.05)).toBe(1);
    expect(noConversionChance(100, 0)).toBe(1);
    expect(noConversionChance(100, 0.05)).toBeCloseTo(0.95 ** 100, 12);
    expect(noConversionChance(10, 1)).toBe(0);
    // Below the Poisson approximation e^{−clicks × rate}: a little more evidence per click.
    expect(noConversionChance(200, 0.02)).toBeLessThan(Math.exp(-4));
  });

  it('the level follows the conversions a month: looser for a quiet series, never beyond 0.02 nor below 0.001', () => {
    expect(gapLevel('hour', 0)).toBe(0.001);
    const quiet = gapLevel('day', 1); // 30 conversions a month
    const busy = gapLevel('day', 20); // 600 a month
    expect(quiet).toBeGreaterThan(busy);
    expect(quiet).toBeLessThanOrEqual(0.02);
    expect(busy).toBe(0.001);
    expect(gapLevel('hour', 1 / 24)).toBeCloseTo(gapLevel('day', 1), 12);
  });

  it('flags a three-day break on a campaign with about two conversions a day, since the last conversion', () => {
    const from = DAYS * 24 - 72;
    // About 50 clicks a day at 5 %: two conversions a day.
    const points = hourlySeries({ hours: DAYS * 24, seed: 21, spendPerHour: 2.6, cpc: 1, cvr: 0.05, effect: (i) => (i >= from ? { tracking: 0 } : {}) });
    const found = detectAnomalies({ grain: 'hour', points, firstPhase: 0, recent: 1 }).filter((f) => f.method === 'tracking_break');
    expect(found).toHaveLength(1);
    const lastConversion = points.slice(0, from).findLastIndex((p) => p.conversions > 0);
    expect(found[0]!.since).toBe((lastConversion + 1) * HOUR);
    expect(found[0]!.observed).toBe(0);
    expect(found[0]!.expected).toBeGreaterThan(3);
  });

  it('does not flag the ordinary gaps of the same quiet campaign over a month without a break', () => {
    const points = hourlySeries({ hours: (DAYS + 30) * 24, seed: 22, spendPerHour: 2.6, cpc: 1, cvr: 0.05 });
    const found = detectAnomalies({ grain: 'hour', points, firstPhase: 0, recent: 30 * 24 }).filter((f) => f.method === 'tracking_break');
    // Consecutive hours of one gap are one alert: count the gaps flagged.
    const gaps = new Set(found.map((f) => f.since));
    expect(gaps.size).toBeLessThanOrEqual(1);
  });

  it('needs the clicks to go on: a gap without traffic is delivery, not tracking', () => {
    const from = DAYS * 24 - 48;
    const points = hourlySeries({ hours: DAYS * 24, seed: 23, spendPerHour: 2.6, cpc: 1, cvr: 0.05, effect: (i) => (i >= from ? { tracking: 0, spend: 0.1 } : {}) });
    const found = detectAnomalies({ grain: 'hour', points, firstPhase: 0, recent: 1 }).filter((f) => f.method === 'tracking_break');
    expect(found).toHaveLength(0);
  });
});
