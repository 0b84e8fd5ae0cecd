import { describe, expect, it } from 'vitest';
import { conversionsAt } from './curve-math.ts';

describe('conversions on a sampled curve', () => {
  const curve = [
    { spendMicros: 0, conversions: 0 },
    { spendMicros: 100, conversions: 10 },
    { spendMicros: 200, conversions: 15 },
  ];
  it('interpolates between points and holds past the ends', () => {
    expect(conversionsAt(curve, 50)).toBe(5);
    expect(conversionsAt(curve, 150)).toBe(12.5);
    expect(conversionsAt(curve, 300)).toBe(15);
    expect(conversionsAt(curve, -5)).toBe(0);
    expect(conversionsAt([], 10)).toBe(0);
  });
});
