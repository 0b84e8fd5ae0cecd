import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount } from './amount.ts';

describe('import amounts', () => {
  it('reads units by the currency’s digits into exact micros', () => {
    expect(parseAmount('12.50', 'USD')).toEqual({ ok: true, micros: 12_500_000 });
    expect(parseAmount('12.34', 'USD')).toEqual({ ok: true, micros: 12_340_000 });
    expect(parseAmount(' 1500 ', 'JPY')).toEqual({ ok: true, micros: 1_500_000_000 });
    expect(parseAmount('1.234', 'KWD')).toEqual({ ok: true, micros: 1_234_000 });
  });

  it('refuses more decimals than the currency has, separators, signs and symbols', () => {
    expect(parseAmount('12.5', 'JPY')).toMatchObject({ ok: false, message: expect.stringMatching(/JPY has no decimals/) });
    expect(parseAmount('1.234', 'USD')).toMatchObject({ ok: false, message: 'USD has 2 decimals at most' });
    for (const text of ['1,500', '-5', '$5', '5 USD', '', '1e3', '.5']) expect(parseAmount(text, 'USD').ok, text).toBe(false);
    expect(parseAmount('1000000000.01', 'USD')).toEqual({ ok: false, message: 'is too large' });
  });

  it('writes micros back with the currency’s digits', () => {
    expect(formatAmount(12_500_000, 'USD')).toBe('12.50');
    expect(formatAmount(1_500_000_000, 'JPY')).toBe('1500');
  });
});
