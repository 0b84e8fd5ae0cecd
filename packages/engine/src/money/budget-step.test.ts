import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOnStep, roundToStep, scaleBudget, type StepRounding } from './budget-step.ts';

describe('budget steps', () => {
  it('rounds onto a step the way asked', () => {
    expect(roundToStep(12_345_678, 10_000)).toBe(12_350_000);
    expect(roundToStep(12_345_678, 10_000, 'down')).toBe(12_340_000);
    expect(roundToStep(12_340_001, 10_000, 'up')).toBe(12_350_000);
    expect(roundToStep(12_340_000, 10_000, 'up')).toBe(12_340_000);
    expect(roundToStep(1_499_999, 1_000_000)).toBe(1_000_000);
    expect(isOnStep(12_340_000, 10_000)).toBe(true);
    expect(isOnStep(12_345_000, 10_000)).toBe(false);
  });

  it('scales by a percentage to the currency’s smallest unit, never below one', () => {
    expect(scaleBudget(10_000_000, 10, 'USD')).toBe(11_000_000);
    expect(scaleBudget(10_000_000, -15, 'USD')).toBe(8_500_000);
    expect(scaleBudget(3_330_000, 10, 'USD')).toBe(3_660_000);
    expect(scaleBudget(1_000_000_000, 3.3, 'JPY')).toBe(1_033_000_000);
    expect(scaleBudget(1_500_000, 33, 'JPY')).toBe(2_000_000);
    expect(scaleBudget(10_000, -99, 'USD')).toBe(10_000);
  });

  it('always lands on a step, for any amount and step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom(1_000, 10_000, 1_000_000), fc.constantFrom<StepRounding>('nearest', 'down', 'up'), (micros, step, rounding) => {
        const rounded = roundToStep(micros, step, rounding);
        expect(isOnStep(rounded, step)).toBe(true);
        expect(Math.abs(rounded - micros)).toBeLessThan(step);
        if (rounding === 'down') expect(rounded).toBeLessThanOrEqual(micros);
        if (rounding === 'up') expect(rounded).toBeGreaterThanOrEqual(micros);
      }),
    );
  });
});
