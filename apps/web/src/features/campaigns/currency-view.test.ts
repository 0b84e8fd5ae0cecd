import { describe, expect, it } from 'vitest';
import { defaultAmountView, showAmount } from './currency-view.ts';

const conversion = { currency: 'USD', factors: { USD: 1, JPY: 0.0066, EUR: 1.08 } };
const usd = (value: number) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(value);
const jpy = (value: number) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'JPY' }).format(value);

describe('amounts in the campaign table', () => {
  it('defaults to the reporting currency only when the campaigns use more than one currency', () => {
    expect(defaultAmountView(['USD', 'USD'])).toBe('own');
    expect(defaultAmountView(['JPY'])).toBe('own');
    expect(defaultAmountView(['USD', 'JPY', 'USD'])).toBe('reporting');
    expect(defaultAmountView([])).toBe('own');
  });

  it('converts with the sort’s factor and keeps the own amount for the hover text', () => {
    expect(showAmount(15_000_000_000, 'JPY', 'reporting', conversion)).toEqual({ text: usd(99), original: jpy(15000) });
    expect(showAmount(10_000_000, 'USD', 'reporting', conversion)).toEqual({ text: usd(10), original: null });
    expect(showAmount(15_000_000_000, 'JPY', 'own', conversion)).toEqual({ text: jpy(15000), original: null });
  });

  it('keeps the own currency when there is no rate for it, and a dash for no amount', () => {
    expect(showAmount(5_000_000, 'GBP', 'reporting', conversion)).toEqual({ text: new Intl.NumberFormat(undefined, { style: 'currency', currency: 'GBP' }).format(5), original: null });
    expect(showAmount(null, 'JPY', 'reporting', conversion)).toEqual({ text: '—', original: null });
  });

  it('orders converted amounts as the server’s converted sort does', () => {
    const rows = [
      { micros: 20_000_000, currency: 'USD' },
      { micros: 4_000_000_000, currency: 'JPY' },
      { micros: 15_000_000, currency: 'EUR' },
    ];
    const sortKey = (r: (typeof rows)[number]) => r.micros * (conversion.factors[r.currency as keyof typeof conversion.factors] ?? 1);
    const shown = [...rows].sort((a, b) => sortKey(b) - sortKey(a)).map((r) => Number(showAmount(r.micros, r.currency, 'reporting', conversion).text.replace(/[^0-9.]/g, '')));
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
  });
});
