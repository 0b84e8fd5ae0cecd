import { describe, expect, it } from 'vitest';
import { adstock, adstockWeights, hill } from './response-curve.ts';

describe('hill', () => {
  it('is monotonic non-decreasing and saturates at the maximum', () => {
    let previous = 0;
    for (let x = 0; x <= 1e9; x += 1e7) {
      const y = hill(x, 50, 1e8, 1.1);
      expect(y).toBeGreaterThanOrEqual(previous);
      expect(y).toBeLessThanOrEqual(50);
      previous = y;
    }
    expect(hill(1e13, 50, 1e8, 1.1)).toBeGreaterThan(49.9);
  });

  it('reaches half the maximum at the half-saturation point', () => {
    expect(hill(2e8, 40, 2e8, 0.8)).toBeCloseTo(20, 6);
  });

  it('shows diminishing returns: doubling spend less than doubles conversions', () => {
    expect(hill(2e8, 40, 1.5e8, 1)).toBeLessThan(2 * hill(1e8, 40, 1.5e8, 1));
  });
});

describe('adstock', () => {
  it('has weights summing to one, today first and decaying', () => {
    const w = adstockWeights(0.5);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(w[0]).toBeGreaterThan(w[1] ?? 1);
  });

  it('keeps a steady spend unchanged and carries a past burst over', () => {
    expect(adstock([100, 100, 100, 100], 0.4)).toBeCloseTo(100, 8);
    expect(adstock([0, 100], 0.5)).toBeGreaterThan(0);
  });
});
