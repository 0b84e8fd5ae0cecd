import { PlatformError, type Money } from '../types.ts';

/**
 * Currencies whose Meta "offset" is 1: budgets are whole units (¥5000 is `5000`). Every other currency
 * has offset 100, whatever its ISO minor unit: USD `5000` is $50.00, and a three-decimal currency such as
 * KWD or BHD is also counted in hundredths, not thousandths (Marketing API currency table).
 */
const OFFSET_ONE = new Set(['CLP', 'COP', 'CRC', 'HUF', 'IDR', 'ISK', 'JPY', 'KRW', 'PYG', 'TWD']);

/** Minor units per major unit in Meta budgets and bids. */
export function currencyOffset(currency: string): 1 | 100 {
  return OFFSET_ONE.has(currency.toUpperCase()) ? 1 : 100;
}

const MICROS = 1_000_000;

/** A budget as Meta returns it (integer string in the offset's minor units) to micros; absent, empty or zero is no budget. */
export function minorToMicros(value: unknown, currency: string): number | null {
  const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d+$/.test(raw)) return null;
  const minor = Number(raw);
  if (minor === 0 || !Number.isSafeInteger(minor)) return null;
  return minor * (MICROS / currencyOffset(currency));
}

export function budgetMoney(value: unknown, currency: string): Money | null {
  const micros = minorToMicros(value, currency);
  return micros === null ? null : { micros, currency };
}

/** Micros to the integer minor-unit string Meta expects, rounded half up to the offset's smallest unit. */
export function microsToMinor(micros: number, currency: string): string {
  if (!Number.isSafeInteger(micros) || micros <= 0) {
    throw new PlatformError('invalid_request', 'A budget must be a positive whole number of micros', { platform: 'meta', field: 'budget.amount' });
  }
  const unit = MICROS / currencyOffset(currency);
  return String(Math.floor(micros / unit) + (micros % unit >= unit / 2 ? 1 : 0));
}

/**
 * A decimal string in major units ("5339.5", "120.50", "0.0000005") to integer micros, digit by digit so
 * no binary float touches the value; digits past the sixth decimal round half away from zero. Missing,
 * empty or malformed values are 0 (Meta omits metrics that have no value).
 */
export function decimalToMicros(value: unknown): number {
  const raw = typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? numberText(value) : '';
  const match = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(raw);
  if (!match || (!match[2] && !match[3])) return 0;
  const whole = Number(match[2] || '0');
  const fraction = (match[3] ?? '').padEnd(7, '0');
  let micros = whole * MICROS + Number(fraction.slice(0, 6));
  if (Number(fraction[6]) >= 5) micros += 1;
  if (!Number.isSafeInteger(micros)) return 0;
  return match[1] === '-' && micros !== 0 ? -micros : micros;
}

/** A number's plain decimal text (no exponent), up to 7 decimals: enough to round to micros. */
function numberText(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(7) : text;
}

/** A metric string ("12", "3.5") as a number; missing and malformed values are 0. */
export function metricNumber(value: unknown): number {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : 0;
}

/**
 * Meta's daily floor is per account and objective (`min_daily_budget`); about one US dollar is the
 * common case, which is 100 minor units: $1.00, €1.00, ¥100.
 */
export function minDailyBudgetMicros(currency: string): number {
  return 100 * (MICROS / currencyOffset(currency));
}

/**
 * The step of a Meta budget: one minor unit of the currency's offset (USD and KWD 0.01, JPY 1).
 * Budgets are sent as whole minor units, so `microsToMinor` would round anything finer away.
 */
export function budgetStepMicros(currency: string): number {
  return MICROS / currencyOffset(currency);
}
