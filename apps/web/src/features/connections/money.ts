/** Number formats of the connections pages (kept out of the initial bundle with them). */
const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * An amount in integer micros of `currency` (1 unit = 1 000 000 micros) in that currency, with
 * the currency's own decimals (JPY none, USD two). Unknown currency codes fall back to a number.
 */
export function formatMicros(micros: number | null | undefined, currency: string): string {
  if (micros === null || micros === undefined) return '—';
  let format = moneyFormats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch {
      format = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
    }
    moneyFormats.set(currency, format);
  }
  return format.format(micros / 1_000_000);
}

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export const formatCount = (value: number) => integer.format(value);
export const formatDecimal = (value: number) => decimal.format(value);

/** "850 ms", "12.4 s", "3 min 5 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}
