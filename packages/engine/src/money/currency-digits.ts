/** Money is held in integer micros: one millionth of the currency's major unit (1 USD = 1 000 000). */
export const MICROS_PER_UNIT = 1_000_000;

const digitsCache = new Map<string, number>();

/**
 * Digits after the decimal point of a currency by ISO 4217 (JPY 0, USD 2, KWD 3), as the runtime's
 * Intl data knows it; 2 for a code it does not know.
 */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** The currency's minor unit in micros: USD cents 10 000, JPY 1 000 000, KWD fils 1 000. */
export const minorUnitMicros = (currency: string): number => 10 ** (6 - Math.min(currencyDigits(currency), 6));
