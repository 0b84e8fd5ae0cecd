import { NumberParser } from '@internationalized/number';
import { currencyDigits } from '@adloop/engine';

/**
 * Budgets typed by people in major units ("12.34") to integer micros (12 340 000) and back. Parsed
 * amounts go through whole minor units (cents) before micros: `12.34 * 1e6` is 12339999.999999998.
 */
const MICROS_DIGITS = 6;
const MAX_MICROS = 1_000_000_000_000_000n; // 1e15, the API's limit

export type ParsedAmount = { ok: true; micros: number } | { ok: false; error: string };

/** The person's locale: the browser's first language (the server has none). */
export const userLocale = (): string => (typeof navigator !== 'undefined' && navigator.language) || 'en-US';

const WIDE_SPACES = /[\s\u00a0\u202f]/g;

/** The ways `currency` is written: its code and its symbols in the locale and in English ("¥" and "￥" for JPY). */
function currencySymbols(currency: string, locale: string): Set<string> {
  const found = new Set([currency.toUpperCase()]);
  for (const loc of [locale, 'en-US'])
    for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
      const part = new Intl.NumberFormat(loc, { style: 'currency', currency, currencyDisplay }).formatToParts(1).find((p) => p.type === 'currency');
      if (part) found.add(part.value.toUpperCase());
    }
  if (found.has('¥') || found.has('￥')) found.add('¥').add('￥');
  return found;
}

/** The locale's decimal and grouping characters. */
function separators(locale: string): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return { decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.', group: (parts.find((p) => p.type === 'group')?.value ?? ',').replace(WIDE_SPACES, ' ') };
}

/**
 * What a person typed in `currency` to micros, read the way their `locale` writes numbers:
 * "1,500" is fifteen hundred in en-GB and one and a half in de-DE; "£20", "20 €", "1 500,50" and the
 * currency's code ("20 USD") are understood. Refuses signs, grouping in the wrong places ("1,5" in
 * en-US), more decimals than the currency has, and amounts above the API's limit.
 */
export function parseAmountToMicros(text: string, currency: string, locale: string = userLocale()): ParsedAmount {
  const typed = text.trim();
  if (typed === '') return { ok: false, error: 'Enter an amount' };
  const symbols = typed.match(/[\p{Sc}]|\b[A-Z]{3}\b/giu) ?? [];
  const own = currencySymbols(currency, locale);
  if (symbols.some((sym) => !own.has(sym.toUpperCase()))) return { ok: false, error: `Enter an amount in ${currency}, the account’s currency` };
  const value = typed.replace(/[\p{Sc}]|\b[A-Z]{3}\b/giu, '').trim();
  if (/[-−+]/.test(value)) return { ok: false, error: 'Enter an amount without a sign' };
  const parsed = new NumberParser(locale).parse(value);
  if (!Number.isFinite(parsed) || !/\d/.test(value)) return { ok: false, error: `Enter an amount in ${currency} like ${amountExample(currency, locale)}` };
  const { decimal, group } = separators(locale);
  const digitsOnly = value.replace(WIDE_SPACES, ' ').replace(/[^\d.,' ]/g, '').trim();
  const whole = digitsOnly.split(decimal)[0] ?? '';
  // Grouping must sit where the locale puts it, so a slip ("1,5" meant as 1.5 in en-US) is not read as 15.
  if (group.trim() !== '' && whole.includes(group) && whole.replace(/ /g, '') !== new Intl.NumberFormat(locale, { useGrouping: true }).format(Math.trunc(parsed)).replace(WIDE_SPACES, '')) {
    return { ok: false, error: `Check the separators: amounts are written like ${amountExample(currency, locale)}` };
  }
  const digits = currencyDigits(currency);
  const minor = parsed * 10 ** digits;
  if (Math.abs(minor - Math.round(minor)) > 1e-6) {
    return { ok: false, error: digits === 0 ? `${currency} has no decimals: enter a whole amount` : `Use at most ${digits} decimals for ${currency}` };
  }
  const micros = BigInt(Math.round(minor)) * 10n ** BigInt(MICROS_DIGITS - digits);
  if (micros > MAX_MICROS) return { ok: false, error: 'This amount is too large' };
  return { ok: true, micros: Number(micros) };
}

/** What an amount was understood as, to show under the input: "= £1,500.00". */
export function understoodAs(micros: number, currency: string, locale: string = userLocale()): string {
  const digits = currencyDigits(currency);
  return `= ${new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(micros / 1e6)}`;
}

/** An amount as the locale writes it, for placeholders and messages: "1,250.00", "1.250,00", "1,500" (JPY). */
export function amountExample(currency: string, locale: string = userLocale()): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(digits === 0 ? 1500 : 1250);
}
