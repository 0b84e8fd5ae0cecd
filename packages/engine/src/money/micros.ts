import { currencyDigits, MICROS_PER_UNIT } from './currency-digits.ts';

/** Micros to major units as a number (12 345 678 → 12.345678), for charts and arithmetic, never for display. */
export const microsToUnits = (micros: number): number => micros / MICROS_PER_UNIT;

/**
 * Major units (12.34) to micros through whole minor units, so float noise never leaks in
 * (`12.34 * 1e6` is 12339999.999999998); null when the amount has more decimals than the currency.
 */
export function unitsToMicros(units: number, currency: string): number | null {
  const digits = Math.min(currencyDigits(currency), 6);
  const minor = units * 10 ** digits;
  if (!Number.isFinite(minor) || Math.abs(minor - Math.round(minor)) > 1e-6) return null;
  return Math.round(minor) * 10 ** (6 - digits);
}

/**
 * Micros as a plain decimal with the currency's digits, rounded half away from zero, no grouping or
 * symbol: 12 345 678 USD → "12.35", 1 500 000 000 JPY → "1500", 1 005 000 USD → "1.01". Exact (integer
 * arithmetic), unlike `(micros / 1e6).toFixed(2)`, which writes 1.005 as "1.00".
 */
export function microsToDecimal(micros: number, currency: string): string {
  const digits = Math.min(currencyDigits(currency), 6);
  const unit = 10n ** BigInt(6 - digits);
  const value = BigInt(Math.round(micros));
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const minor = (abs + unit / 2n) / unit;
  const scale = 10n ** BigInt(digits);
  const whole = (minor / scale).toString();
  const text = digits === 0 ? whole : `${whole}.${(minor % scale).toString().padStart(digits, '0')}`;
  return negative && minor !== 0n ? `-${text}` : text;
}

/**
 * Micros as the text an amount input starts with: every digit the amount has, at least the
 * currency's ("12.5" USD → "12.50", "1500" JPY, 1.234567 USD stays "1.234567").
 */
export function microsToAmountInput(micros: number | null | undefined, currency: string): string {
  if (micros === null || micros === undefined) return '';
  const value = BigInt(Math.trunc(micros));
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = (abs / 1_000_000n).toString();
  let fraction = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  const digits = currencyDigits(currency);
  if (fraction.length < digits) fraction = fraction.padEnd(digits, '0');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative ? `-${text}` : text;
}
