import { describe, expect, it } from 'vitest';
import { META_CAPABILITIES } from './meta.adapter.ts';
import { currencyOffset, decimalToMicros, metricNumber, microsToMinor, minDailyBudgetMicros, minorToMicros } from './meta.money.ts';

describe('Meta money', () => {
  it('uses Meta’s currency offset, not the ISO minor unit: JPY 1, USD 100, and 100 for three-decimal KWD/BHD too', () => {
    expect(currencyOffset('JPY')).toBe(1);
    expect(currencyOffset('KRW')).toBe(1);
    expect(currencyOffset('USD')).toBe(100);
    expect(currencyOffset('EUR')).toBe(100);
    expect(currencyOffset('KWD')).toBe(100);
    expect(currencyOffset('BHD')).toBe(100);
  });

  it('reads budgets in minor units as integer micros', () => {
    expect(minorToMicros('5000', 'JPY')).toBe(5_000_000_000);
    expect(minorToMicros('5000', 'USD')).toBe(50_000_000);
    expect(minorToMicros('1999', 'EUR')).toBe(19_990_000);
    // 1500 hundredths of a dinar, not 1500 fils.
    expect(minorToMicros('1500', 'KWD')).toBe(15_000_000);
    expect(minorToMicros(7500, 'USD')).toBe(75_000_000);
    expect(minorToMicros('0', 'USD')).toBeNull();
    expect(minorToMicros(undefined, 'USD')).toBeNull();
    expect(minorToMicros('12.5', 'USD')).toBeNull();
  });

  it('writes budgets in minor units, rounding half up to the offset’s unit', () => {
    expect(microsToMinor(5_000_000_000, 'JPY')).toBe('5000');
    expect(microsToMinor(5_000_400_000, 'JPY')).toBe('5000');
    expect(microsToMinor(5_000_500_000, 'JPY')).toBe('5001');
    expect(microsToMinor(55_000_000, 'USD')).toBe('5500');
    expect(microsToMinor(50_125_000, 'USD')).toBe('5013');
    expect(microsToMinor(50_124_999, 'USD')).toBe('5012');
    expect(microsToMinor(12_345_600, 'KWD')).toBe('1235');
    expect(() => microsToMinor(0, 'USD')).toThrow();
    expect(() => microsToMinor(1.5, 'USD')).toThrow();
  });

  it('parses insights decimal strings in major units to micros without float drift', () => {
    expect(decimalToMicros('5339.5')).toBe(5_339_500_000);
    expect(decimalToMicros('19.99')).toBe(19_990_000);
    expect(decimalToMicros('1200')).toBe(1_200_000_000);
    expect(decimalToMicros('12.345')).toBe(12_345_000);
    expect(decimalToMicros('123456789.123456')).toBe(123_456_789_123_456);
    // Number('1.0000005') * 1e6 is 1000000.4999…, which a float conversion rounds down.
    expect(decimalToMicros('1.0000005')).toBe(1_000_001);
    expect(decimalToMicros('0.0000004')).toBe(0);
    expect(decimalToMicros('0.1') + decimalToMicros('0.2')).toBe(decimalToMicros('0.3'));
    expect(decimalToMicros('-0.5')).toBe(-500_000);
    expect(decimalToMicros('.5')).toBe(500_000);
    expect(decimalToMicros(19.99)).toBe(19_990_000);
  });

  it('reads missing and malformed values as zero', () => {
    expect(decimalToMicros(undefined)).toBe(0);
    expect(decimalToMicros('')).toBe(0);
    expect(decimalToMicros('n/a')).toBe(0);
    expect(decimalToMicros('1e3')).toBe(0);
    expect(metricNumber(undefined)).toBe(0);
    expect(metricNumber('')).toBe(0);
    expect(metricNumber('42')).toBe(42);
    expect(metricNumber('2.5')).toBe(2.5);
  });

  it('sets the daily floor at 100 minor units: $1, ¥100', () => {
    expect(minDailyBudgetMicros('USD')).toBe(1_000_000);
    expect(minDailyBudgetMicros('JPY')).toBe(100_000_000);
    expect(minDailyBudgetMicros('KWD')).toBe(1_000_000);
  });

  it('steps budgets by one minor unit of the offset: cents, whole yen, and hundredths (not fils) for KWD/BHD', () => {
    const step = META_CAPABILITIES.budgetStepMicros;
    expect(step('USD')).toBe(10_000);
    expect(step('JPY')).toBe(1_000_000);
    expect(step('KRW')).toBe(1_000_000);
    expect(step('KWD')).toBe(10_000);
    expect(step('BHD')).toBe(10_000);
    // Whole steps go to Meta and back unchanged; half a step would be rounded.
    for (const currency of ['USD', 'JPY', 'KWD']) {
      const micros = 1234 * step(currency);
      expect(minorToMicros(microsToMinor(micros, currency), currency)).toBe(micros);
      expect(minorToMicros(microsToMinor(micros + step(currency) / 2, currency), currency)).not.toBe(micros + step(currency) / 2);
      expect(META_CAPABILITIES.minDailyBudgetMicros(currency) % step(currency)).toBe(0);
    }
  });
});
