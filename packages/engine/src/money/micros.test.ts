import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { microsToAmountInput, microsToDecimal, microsToUnits, unitsToMicros } from './micros.ts';

describe('micros and major units', () => {
  it('turns units into micros through minor units, without float noise', () => {
    expect(unitsToMicros(12.34, 'USD')).toBe(12_340_000);
    expect(unitsToMicros(0.1 + 0.2, 'USD')).toBe(300_000);
    expect(unitsToMicros(1500, 'JPY')).toBe(1_500_000_000);
    expect(unitsToMicros(1.234, 'KWD')).toBe(1_234_000);
    expect(microsToUnits(12_345_678)).toBe(12.345678);
  });

  it('refuses more decimals than the currency has', () => {
    expect(unitsToMicros(12.345, 'USD')).toBeNull();
    expect(unitsToMicros(1.5, 'JPY')).toBeNull();
    expect(unitsToMicros(Number.NaN, 'USD')).toBeNull();
  });

  it('writes micros with the currency’s digits, rounding half away from zero exactly', () => {
    expect(microsToDecimal(12_345_678, 'USD')).toBe('12.35');
    expect(microsToDecimal(1_005_000, 'USD')).toBe('1.01');
    expect(microsToDecimal(1_004_999, 'USD')).toBe('1.00');
    expect(microsToDecimal(1_500_000_000, 'JPY')).toBe('1500');
    expect(microsToDecimal(1_499_500, 'JPY')).toBe('1');
    expect(microsToDecimal(1_234_567, 'KWD')).toBe('1.235');
    expect(microsToDecimal(0, 'USD')).toBe('0.00');
    expect(microsToDecimal(-1_005_000, 'USD')).toBe('-1.01');
    expect(microsToDecimal(-1_000, 'USD')).toBe('0.00');
  });

  it('starts an amount input with every digit the amount has', () => {
    expect(microsToAmountInput(12_500_000, 'USD')).toBe('12.50');
    expect(microsToAmountInput(1_500_000_000, 'JPY')).toBe('1500');
    expect(microsToAmountInput(1_234_567, 'USD')).toBe('1.234567');
    expect(microsToAmountInput(null, 'USD')).toBe('');
  });

  it('reads back what it writes for any amount in whole minor units', () => {
    fc.assert(
      fc.property(fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'), fc.integer({ min: 0, max: 1e9 }), (currency, minor) => {
        const digits = currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2;
        const micros = minor * 10 ** (6 - digits);
        expect(unitsToMicros(Number(microsToDecimal(micros, currency)), currency)).toBe(micros);
      }),
    );
  });
});
