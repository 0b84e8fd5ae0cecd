import { formatMicros } from './report-format.ts';

/** How the campaign table shows amounts: all in the reporting currency, or each in its account's. */
export type AmountView = 'reporting' | 'own';

export interface Conversion {
  /** The organisation's reporting currency. */
  currency: string;
  /** Per currency, the factor into `currency`: the one the server's money sorts use. */
  factors: Readonly<Record<string, number>>;
}

/** The reporting view is the default as soon as the shown campaigns use more than one currency. */
export function defaultAmountView(currencies: Iterable<string>): AmountView {
  return new Set(currencies).size > 1 ? 'reporting' : 'own';
}

export interface ShownAmount {
  text: string;
  /** The amount in the campaign's own currency, for the hover text, when `text` is converted. */
  original: string | null;
}

/**
 * An amount of a campaign as the view shows it. Converted with the same factor the server sorted
 * by, so the column reads in order; without a rate for the currency it stays in its own.
 */
export function showAmount(micros: number | null, currency: string, view: AmountView, conversion: Conversion): ShownAmount {
  const own = formatMicros(micros, currency);
  if (view === 'own' || currency === conversion.currency || micros === null) return { text: own, original: null };
  const factor = conversion.factors[currency];
  if (factor === undefined || !Object.hasOwn(conversion.factors, currency)) return { text: own, original: null };
  return { text: formatMicros(Math.round(micros * factor), conversion.currency), original: own };
}
