import { describe, expect, it } from 'vitest';
import { forecast } from './forecast.ts';
import { fitEts, forecastEts } from './ets.ts';
import { forecastTheta, weekdayEffects } from './theta.ts';
import { forecastSeasonalNaive, forecastTsb, isIntermittent } from './baselines.ts';
import { cleanOutliers } from './clean.ts';
import { dailySeries, rng } from './forecast.test-series.ts';

const WEEK = [1.1, 1.15, 1.1, 1.05, 1, 0.75, 0.85];

describe('component methods', () => {
  it('seasonal naive repeats the last week', () => {
    const y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
    expect(forecastSeasonalNaive(y, 9)).toEqual([8, 9, 10, 11, 12, 13, 14, 8, 9]);
  });

  it('ETS recovers a clean weekly pattern and a level', () => {
    const y = Array.from({ length: 84 }, (_, t) => 100 * (WEEK[t % 7] ?? 1));
    const f = forecastEts(fitEts(y), 14);
    f.forEach((v, i) => expect(v).toBeCloseTo(100 * (WEEK[(84 + i) % 7] ?? 1), 0));
  });

  it('ETS follows a trend but damps it', () => {
    const y = Array.from({ length: 84 }, (_, t) => 100 + 2 * t);
    const f = forecastEts(fitEts(y), 30);
    expect(f[0]).toBeGreaterThan(y[83] ?? 0);
    expect(f[29]).toBeLessThan((y[83] ?? 0) + 2 * 30);
  });

  it('Theta removes weekday effects that sum to zero and keeps the level', () => {
    const y = Array.from({ length: 56 }, (_, t) => 50 + 10 * Math.sin((2 * Math.PI * t) / 7));
    const e = weekdayEffects(y);
    expect(e.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9);
    const f = forecastTheta(y, 7);
    f.forEach((v, i) => expect(v).toBeCloseTo(50 + 10 * Math.sin((2 * Math.PI * (56 + i)) / 7), 0));
  });

  it('TSB forecasts the rate of sparse demand and decays after it stops', () => {
    const sparse = Array.from({ length: 70 }, (_, t) => (t % 5 === 0 ? 3 : 0));
    const rate = forecastTsb(sparse, 1)[0] ?? 0;
    expect(rate).toBeGreaterThan(0.45);
    expect(rate).toBeLessThan(0.75);
    expect(isIntermittent(sparse)).toBe(true);
    const stopped = [...sparse, ...new Array<number>(40).fill(0)];
    expect(forecastTsb(stopped, 1)[0]).toBeLessThan(0.6 / 3);
  });

  it('replaces an interior outage but keeps a drop at the very end', () => {
    const y = Array.from({ length: 56 }, (_, t) => 100 * (WEEK[t % 7] ?? 1));
    y[30] = 0;
    y[55] = 0;
    const c = cleanOutliers(y);
    // The baseline is robust, not exact: within 10 % of the weekday's true value.
    expect(Math.abs((c[30] ?? 0) / (100 * (WEEK[30 % 7] ?? 1)) - 1)).toBeLessThan(0.1);
    expect(c[55]).toBe(0);
  });
});

describe('forecast', () => {
  it('beats seasonal naive on noisy weekly spend and covers about 80 % inside the 80 % band', () => {
    let modelErr = 0;
    let naiveErr = 0;
    let inside = 0;
    let days = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const y = dailySeries({ days: 98, level: 200, noise: 0.08, seed });
      const train = y.slice(0, 84);
      const actual = y.slice(84);
      const f = forecast({ values: train, horizon: 14 });
      const naive = forecastSeasonalNaive(train, 14);
      f.points.forEach((p, i) => {
        const a = actual[i] ?? 0;
        modelErr += Math.abs(a - p.mean);
        naiveErr += Math.abs(a - (naive[i] ?? 0));
        if (a >= p.lower80 && a <= p.upper80) inside += 1;
        days += 1;
      });
      expect(f.method).toBe('combination');
      expect(f.intervalSource).toBe('backtest');
    }
    expect(modelErr / naiveErr).toBeLessThan(0.9);
    expect(inside / days).toBeGreaterThan(0.7);
    expect(inside / days).toBeLessThan(0.92);
  });

  it('uses TSB for sparse conversion counts, not for money', () => {
    const rand = rng(7);
    const y = Array.from({ length: 90 }, () => (rand() < 0.2 ? 1 + Math.floor(rand() * 3) : 0));
    expect(forecast({ values: y, horizon: 7, isCount: true }).method).toBe('intermittent');
    expect(forecast({ values: y, horizon: 7 }).method).toBe('combination');
  });

  it('handles short and empty histories', () => {
    expect(forecast({ values: [], horizon: 7 }).points.every((p) => p.mean === 0 && p.upper95 === 0)).toBe(true);
    const short = forecast({ values: [5, 6, 7, 5, 4, 3, 6, 7, 8], horizon: 10 });
    expect(short.method).toBe('seasonal_naive');
    expect(short.intervalSource).toBe('seasonal_differences');
    expect(short.points[0]?.mean).toBe(7);
  });

  it('the total interval is wider than one day but narrower than summing the bounds', () => {
    const y = dailySeries({ days: 120, level: 500, noise: 0.1, seed: 3 });
    const f = forecast({ values: y, horizon: 30 });
    const sumUpper = f.points.reduce((a, p) => a + p.upper80, 0);
    expect(f.total.mean).toBeCloseTo(f.points.reduce((a, p) => a + p.mean, 0), 6);
    expect(f.total.upper80).toBeLessThanOrEqual(sumUpper);
    expect(f.total.upper80 - f.total.mean).toBeGreaterThan((f.points[0]?.upper80 ?? 0) - (f.points[0]?.mean ?? 0));
  });

  it('rejects a bad horizon or values, naming the field', () => {
    expect(() => forecast({ values: [1, 2], horizon: 0 })).toThrow(/horizon/);
    expect(() => forecast({ values: [1, 2], horizon: 61 })).toThrow(/horizon/);
    expect(() => forecast({ values: [1, -2], horizon: 7 })).toThrow(/values\[1\]/);
    expect(() => forecast({ values: [1, Number.NaN], horizon: 7 })).toThrow(/values\[1\]/);
  });
});
