/**
 * The true response of conversions to spend for one campaign: a Hill curve over adstocked daily
 * spend. Ground truth; exposed only through the control API.
 */
export interface ResponseCurve {
  /** Conversions per day at saturation. */
  maxConversionsPerDay: number;
  /** Daily (adstocked, effective) spend in micros at which half of the maximum is reached. */
  halfSaturationMicros: number;
  /** Hill exponent (shape); ≤ 1 is concave everywhere, > 1 is S-shaped. */
  shape: number;
  /** Fraction of a day's spend effect that carries over to the next day (geometric adstock). */
  adstockDecay: number;
  /** Mean conversion value in account currency units. */
  averageOrderValue: number;
}

/** Hill function: max · xⁿ / (kⁿ + xⁿ). Monotonic non-decreasing in x, bounded by max. */
export function hill(x: number, max: number, halfSaturation: number, shape: number): number {
  if (x <= 0) return 0;
  const xn = Math.pow(x, shape);
  return (max * xn) / (Math.pow(halfSaturation, shape) + xn);
}

/** How many past days of spend the adstock window covers (including today). */
export const ADSTOCK_WINDOW_DAYS = 7;

/** Normalised geometric adstock weights, today first: a steady spend S gives effective spend S. */
export function adstockWeights(decay: number, windowDays = ADSTOCK_WINDOW_DAYS): number[] {
  const raw = Array.from({ length: windowDays }, (_, i) => Math.pow(decay, i));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

/** Effective spend from a list of daily spends, today first. Missing days count as 0. */
export function adstock(dailySpendsTodayFirst: readonly number[], decay: number): number {
  const weights = adstockWeights(decay, Math.max(dailySpendsTodayFirst.length, 1));
  return dailySpendsTodayFirst.reduce((sum, s, i) => sum + s * (weights[i] ?? 0), 0);
}

/** Expected conversions for a day from the curve and adstocked spend. */
export function expectedDailyConversions(curve: ResponseCurve, effectiveSpendMicros: number): number {
  return hill(effectiveSpendMicros, curve.maxConversionsPerDay, curve.halfSaturationMicros, curve.shape);
}
