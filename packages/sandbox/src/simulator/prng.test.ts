import { describe, expect, it } from 'vitest';
import { createRng, hash32, lognormalFactor, roundStochastic, uniform } from './prng.ts';

describe('prng', () => {
  it('is a pure function of its keys', () => {
    expect(hash32(42, 'ad-1', 1000)).toBe(hash32(42, 'ad-1', 1000));
    expect(hash32(42, 'ad-1', 1000)).not.toBe(hash32(43, 'ad-1', 1000));
    expect(uniform('a', 1)).toBe(uniform('a', 1));
  });

  it('draws uniforms in [0, 1) with a mean near 0.5', () => {
    const draws = Array.from({ length: 5000 }, (_, i) => uniform(7, i));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((a, b) => a + b, 0) / 5000).toBeCloseTo(0.5, 1);
  });

  it('gives multiplicative noise with mean ≈ 1', () => {
    let sum = 0;
    for (let i = 0; i < 5000; i++) sum += lognormalFactor(0.2, 'noise', i);
    expect(sum / 5000).toBeGreaterThan(0.97);
    expect(sum / 5000).toBeLessThan(1.03);
  });

  it('rounds stochastically around the expectation', () => {
    let sum = 0;
    for (let i = 0; i < 4000; i++) sum += roundStochastic(0.3, 'r', i);
    expect(sum / 4000).toBeCloseTo(0.3, 1);
  });

  it('replays the same sequence for the same seed', () => {
    const a = createRng(5);
    const b = createRng(5);
    expect([a.next(), a.digits(10), a.int(1, 6)]).toEqual([b.next(), b.digits(10), b.int(1, 6)]);
  });
});
