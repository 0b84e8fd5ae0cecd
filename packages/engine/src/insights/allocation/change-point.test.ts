import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../copy/seeded.ts';
import { detectLevelShift } from './change-point.ts';
import { adstockSeries, expectedConversions, fitResponse, hill01, type DailyObservation } from './response-fit.ts';

interface Truth { beta: number; halfMicros: number; shape: number; decay: number }
const TRUTH: Truth = { beta: 40, halfMicros: 80e6, shape: 0.9, decay: 0.4 };
const steady = (t: Truth, micros: number): number => t.beta * hill01(micros, t.halfMicros, t.shape);

/** Daily history from a known curve whose scale becomes `scaleAfter` × from day `shiftDay` on (multiplicative noise CV 25 %). */
function history(days: number, seed: number, shiftDay = Infinity, scaleAfter = 1): DailyObservation[] {
  const random = seededRandom(seed);
  const spends: number[] = [];
  let level = 1;
  for (let d = 0; d < days; d++) {
    if (d % 10 === 0) level = 0.6 + random() * 0.9;
    spends.push(Math.round(100e6 * level * (0.9 + random() * 0.2)));
  }
  const stocked = adstockSeries(spends, TRUTH.decay);
  return spends.map((spendMicros, d) => {
    const scale = d >= shiftDay ? scaleAfter : 1;
    const noise = Math.exp(0.25 * Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random()) - 0.03125);
    return { spendMicros, conversions: scale * TRUTH.beta * hill01(stocked[d] ?? 0, TRUTH.halfMicros, TRUTH.shape) * noise };
  });
}

describe('level shifts in the response', () => {
  it('finds a step in the residuals at the right day, with its ratio', () => {
    const fitted = Array.from({ length: 60 }, () => 10);
    const observed = fitted.map((f, t) => (t >= 40 ? 6 : 10) + (t % 2 ? 0.5 : -0.5));
    const shift = detectLevelShift(observed, fitted);
    expect(shift?.index).toBe(40);
    expect(shift?.ratio).toBeCloseTo(0.6, 2);
  });

  it('finds nothing on residuals that are noise only, or in segments too short', () => {
    const random = seededRandom(3);
    const fitted = Array.from({ length: 90 }, () => 10);
    const observed = fitted.map((f) => f + (random() - 0.5) * 2);
    expect(detectLevelShift(observed, fitted)).toBeNull();
    expect(detectLevelShift([6, 6, 6, 10, 10, 10], [10, 10, 10, 10, 10, 10])).toBeNull();
  });

  it('resets the curve after its scale drops to 0.6×: the refit follows the new curve, the full-history fit does not', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const days = history(90, seed, 55, 0.6);
      const fit = fitResponse(days);
      const stale = fitResponse(days, { resetOnShift: false });
      expect(fit.shift?.day, `seed ${seed}`).toBeGreaterThanOrEqual(50);
      expect(fit.shift?.day, `seed ${seed}`).toBeLessThanOrEqual(60);
      expect(fit.thin).toBe(false);
      const truthNow = steady(TRUTH, 100e6) * 0.6;
      expect(Math.abs(expectedConversions(fit, 100e6) / truthNow - 1), `seed ${seed}`).toBeLessThan(0.12);
      expect(expectedConversions(stale, 100e6) / truthNow - 1, `seed ${seed}`).toBeGreaterThan(0.12);
    }
  });

  it('keeps every day of a stationary history (no false resets over 20 seeds)', () => {
    for (let seed = 10; seed < 30; seed++) expect(fitResponse(history(90, seed)).shift, `seed ${seed}`).toBeUndefined();
  });

  it('holds the entity while the new level has fewer than 14 days', () => {
    const fit = fitResponse(history(90, 7, 79, 0.5));
    expect(fit.shift).toBeDefined();
    expect(fit.thin).toBe(true);
  });
});
