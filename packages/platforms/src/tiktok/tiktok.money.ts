import { currencyDigits, minorUnitMicros } from '@adloop/engine';

export { currencyDigits };

/** TikTok money is a float (or numeric string) in major units; ours is integer micros. */
export function majorToMicros(value: unknown): number {
  const major = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  // TikTok writes "-" for metrics that have no value.
  return Number.isFinite(major) ? Math.round(major * 1_000_000) : 0;
}

/** Micros to the major-unit float TikTok expects, rounded to the currency's digits. */
export function microsToMajor(micros: number, currency: string): number {
  const digits = Math.min(6, currencyDigits(currency));
  // Rounded in whole minor units first: (1_255_000 / 1e6) * 100 is 125.4999… in binary floats.
  return Math.round(micros / 10 ** (6 - digits)) / 10 ** digits;
}

/**
 * The step of a TikTok budget: budgets are major-unit floats that `microsToMajor` rounds to the
 * currency's ISO digits, so anything finer would be rounded away: USD 0.01, JPY 1, KWD 0.001.
 */
export const budgetStepMicros: (currency: string) => number = minorUnitMicros;

/** A metric string ("12", "3.5", "-") as a number; "-" and garbage are 0. */
export function metricNumber(value: unknown): number {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : 0;
}
