import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecast } from './forecast.ts';
import { dailySeries } from './forecast.test-series.ts';

/**
 * Whatever the series (length, level, noise, growth, counts or money, zeros, outages) and horizon:
 * every bound is finite and non-negative, lower95 ≤ lower80 ≤ mean ≤ upper80 ≤ upper95 (day and
 * total), the result is deterministic, and rescaling the money unit rescales the forecast.
 */
describe('forecast properties', () => {
  const seriesArb = fc.record({
    days: fc.integer({ min: 0, max: 150 }),
    level: fc.double({ min: 0.05, max: 1e5, noNaN: true }),
    noise: fc.double({ min: 0, max: 0.8, noNaN: true }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    growth: fc.double({ min: -0.03, max: 0.03, noNaN: true }),
    counts: fc.boolean(),
    outageAt: fc.double({ min: 0, max: 1, noNaN: true }),
    outageDays: fc.integer({ min: 0, max: 10 }),
  });

  it('intervals are ordered, finite and non-negative', () => {
    fc.assert(fc.property(seriesArb, fc.integer({ min: 1, max: 60 }), (s, horizon) => {
      const y = dailySeries(s);
      const from = Math.floor(s.outageAt * y.length);
      for (let t = from; t < Math.min(y.length, from + s.outageDays); t++) y[t] = 0;
      const f = forecast({ values: y, horizon, isCount: s.counts });
      expect(f.points).toHaveLength(horizon);
      for (const p of [...f.points, f.total]) {
        for (const v of [p.lower95, p.lower80, p.mean, p.upper80, p.upper95]) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        expect(p.lower95).toBeLessThanOrEqual(p.lower80);
        expect(p.lower80).toBeLessThanOrEqual(p.mean);
        expect(p.mean).toBeLessThanOrEqual(p.upper80);
        expect(p.upper80).toBeLessThanOrEqual(p.upper95);
      }
    }), { numRuns: 150 });
  });

  it('is deterministic and scales with the money unit', () => {
    fc.assert(fc.property(seriesArb, fc.integer({ min: 1, max: 30 }), fc.constantFrom(0.01, 7, 1000), (s, horizon, rate) => {
      const y = dailySeries({ ...s, counts: false });
      const a = forecast({ values: y, horizon });
      expect(forecast({ values: y, horizon })).toEqual(a);
      const b = forecast({ values: y.map((v) => v * rate), horizon });
      a.points.forEach((p, i) => {
        const q = b.points[i];
        expect(q?.mean).toBeCloseTo(p.mean * rate, Math.max(0, 6 - Math.ceil(Math.log10(1 + p.mean * rate))));
        expect((q?.upper95 ?? 0) / rate).toBeCloseTo(p.upper95, Math.max(0, 4 - Math.ceil(Math.log10(1 + p.upper95))));
      });
    }), { numRuns: 60 });
  });
});
