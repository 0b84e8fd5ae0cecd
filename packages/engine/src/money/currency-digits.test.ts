import { describe, expect, it } from 'vitest';
import { currencyDigits, minorUnitMicros } from './currency-digits.ts';

describe('currency digits', () => {
  it('follows ISO 4217, with 2 for a code nobody knows', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KRW')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits('BHD')).toBe(3);
    expect(currencyDigits('XXQ')).toBe(2);
    expect(currencyDigits('not a code')).toBe(2);
  });

  it('gives the minor unit in micros', () => {
    expect(minorUnitMicros('USD')).toBe(10_000);
    expect(minorUnitMicros('JPY')).toBe(1_000_000);
    expect(minorUnitMicros('KWD')).toBe(1_000);
  });
});
