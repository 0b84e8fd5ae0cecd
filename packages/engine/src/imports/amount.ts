import { currencyDigits } from '../money/currency-digits.ts';
import { microsToDecimal } from '../money/micros.ts';

/**
 * Amounts written in a currency's units ("12.50") in import files, to integer micros. Files are
 * read the same way for everyone, whatever the person's locale: a dot for decimals and nothing
 * else, so "1,500" is refused instead of being fifteen hundred in one place and 1.5 in another.
 */

/** The API's largest amount (1e15 micros). */
const MAX_MICROS = 1_000_000_000_000_000n;

export type ParsedAmount = { ok: true; micros: number } | { ok: false; message: string };

/** "12.50" in USD → 12,500,000 micros. Refuses signs, separators, symbols and more decimals than the currency has. */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return { ok: false, message: `must be an amount in ${currency} like ${example(currency)}, with a dot for decimals and no symbols or separators` };
  const digits = currencyDigits(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return { ok: false, message: digits === 0 ? `${currency} has no decimals: write a whole amount like ${example(currency)}` : `${currency} has ${digits} decimals at most` };
  }
  // Whole micros through BigInt: 12.34 * 1e6 in floating point is 12339999.999999998.
  const micros = BigInt(match[1] ?? '0') * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
  if (micros > MAX_MICROS) return { ok: false, message: 'is too large' };
  return { ok: true, micros: Number(micros) };
}

/** 12,500,000 micros in USD → "12.50". */
export const formatAmount = (micros: number, currency: string): string => microsToDecimal(micros, currency);

const example = (currency: string) => (currencyDigits(currency) === 0 ? '1500' : '12.50');
