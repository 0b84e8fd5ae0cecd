/**
 * Budgets typed by people in major units ("12.34") to integer micros (12 340 000) and back, with
 * string and BigInt arithmetic only: `12.34 * 1e6` is 12339999.999999998 in floating point.
 */
const MICROS_DIGITS = 6;
const MAX_MICROS = 1_000_000_000_000_000n; // 1e15, the API's limit

const digitsCache = new Map<string, number>();

/** How many decimals the currency uses (USD 2, JPY 0, KWD 3); 2 for codes the browser does not know. */
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

export type ParsedAmount = { ok: true; micros: number } | { ok: false; error: string };

/**
 * "12.34" (or "12,34") in `currency` to micros. Rejects grouping separators, signs, more decimals
 * than the currency has, and amounts above the API's limit.
 */
export function parseAmountToMicros(text: string, currency: string): ParsedAmount {
  let value = text.trim().replace(/\s/g, '');
  if (value === '') return { ok: false, error: 'Enter an amount' };
  // "12,5" is a decimal comma; "1,000" could be a thousand or one: ask instead of guessing.
  if (/^\d+,\d{3}$/.test(value)) return { ok: false, error: `Type the amount without thousands separators, like ${example(currency)}` };
  if (/^\d*,\d*$/.test(value)) value = value.replace(',', '.');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(value);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return { ok: false, error: `Enter an amount in ${currency} like ${example(currency)}` };
  const whole = match[1] || '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const digits = currencyDigits(currency);
  if (fraction.length > digits) {
    return { ok: false, error: digits === 0 ? `${currency} has no decimals: enter a whole amount` : `Use at most ${digits} decimals for ${currency}` };
  }
  const micros = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(MICROS_DIGITS, '0') || '0');
  if (micros > MAX_MICROS) return { ok: false, error: 'This amount is too large' };
  return { ok: true, micros: Number(micros) };
}

/** Micros to the text an input starts with: "12.34", "1500" (JPY), "12.5" becomes "12.50". */
export function microsToAmountInput(micros: number | null | undefined, currency: string): string {
  if (micros === null || micros === undefined) return '';
  const value = BigInt(Math.trunc(micros));
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = (abs / 1_000_000n).toString();
  let fraction = (abs % 1_000_000n).toString().padStart(MICROS_DIGITS, '0').replace(/0+$/, '');
  const digits = currencyDigits(currency);
  if (fraction.length < digits) fraction = fraction.padEnd(digits, '0');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative ? `-${text}` : text;
}

function example(currency: string): string {
  const digits = currencyDigits(currency);
  return digits === 0 ? '1500' : `25.${'0'.repeat(digits)}`;
}
