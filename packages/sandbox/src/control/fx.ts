import { uniform } from '../simulator/prng.ts';

/** Reference rates (units per 1 EUR) around which the sandbox's daily rates move. */
const BASE: Record<string, number> = {
  EUR: 1, USD: 1.08, GBP: 0.85, JPY: 162, CHF: 0.95, CAD: 1.47, AUD: 1.65, SEK: 11.4, NOK: 11.6, DKK: 7.46,
  PLN: 4.3, BRL: 5.9, MXN: 19.5, INR: 90, KRW: 1450, KWD: 0.33, BHD: 0.41, SGD: 1.45, HKD: 8.45, NZD: 1.8,
};

export const FX_CURRENCIES = Object.keys(BASE);

/**
 * An ECB-style daily reference rate set (base EUR) for `date`: deterministic per seed, moving a
 * little from day to day so conversions are visibly date-dependent.
 */
export function dailyRates(seed: number, date: string): { base: 'EUR'; date: string; rates: Record<string, number> } {
  const rates: Record<string, number> = {};
  for (const [currency, base] of Object.entries(BASE)) {
    if (currency === 'EUR') {
      rates[currency] = 1;
      continue;
    }
    const drift = (uniform('fx', seed, currency, date) - 0.5) * 0.02;
    rates[currency] = Number((base * (1 + drift)).toPrecision(6));
  }
  return { base: 'EUR', date, rates };
}
