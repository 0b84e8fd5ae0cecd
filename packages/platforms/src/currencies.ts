/** Digits after the decimal point of a currency by ISO 4217 (JPY 0, USD 2, KWD 3); 2 for codes the runtime does not know. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The ISO 4217 minor unit of a currency in micros: USD cents 10,000, JPY 1,000,000, KWD fils 1,000. */
export function minorUnitMicros(currency: string): number {
  return 10 ** (6 - Math.min(currencyDigits(currency), 6));
}
