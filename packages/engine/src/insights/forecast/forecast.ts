import { fitEts, forecastEts } from './ets.ts';
import { forecastTheta } from './theta.ts';
import { forecastSeasonalNaive, forecastTsb, isIntermittent } from './baselines.ts';
import { cleanOutliers } from './clean.ts';
import type { ForecastInput, ForecastMethod, ForecastPoint, ForecastResult } from './forecast.types.ts';

/**
 * Daily forecasts with 80 % / 95 % intervals. Regular series: interior outliers (paused days, outages)
 * replaced by a robust baseline, then the median of three forecasts — damped Holt–Winters (weekly
 * season), Theta on the seasonally adjusted series, and seasonal naive — the M4 lesson that a
 * combination of simple methods beats any one of them. Modelling on the original scale measured
 * better than on log1p on the simulator's campaigns (log's back-transform biases low counts down). Intermittent counts (≥ 30 %
 * zero days in the last 8 weeks) use TSB on the raw counts. Interval widths come from the method's own
 * errors at several in-sample origins (the last weeks held out in turn), so they reflect the series'
 * real multi-step error rather than a model's one-step variance.
 */
const Z80 = 1.2816;
const Z95 = 1.96;
const M = 7;
/** Backtest inside the history: origins one week apart, each forecasting this many days. */
const BACKTEST_STEPS = 14;
const BACKTEST_ORIGINS = 3;
const MIN_TRAIN = 28;
const RECENT = 56;
export const MAX_HORIZON = 60;

type PointFn = (y: readonly number[], horizon: number) => number[];

export function combinedPoint(y: readonly number[], horizon: number): number[] {
  if (y.length < 2 * M) return forecastSeasonalNaive(y, horizon);
  const ets = forecastEts(fitEts(y), horizon);
  const theta = forecastTheta(y, horizon);
  const naive = forecastSeasonalNaive(y, horizon);
  return ets.map((e, i) => median3(e, theta[i] ?? e, naive[i] ?? e));
}

function median3(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

/** Errors of `point` at in-sample origins: per origin, actual − forecast for steps 1..BACKTEST_STEPS. */
function backtestErrors(y: readonly number[], point: PointFn): number[][] {
  const runs: number[][] = [];
  for (let k = 0; k < BACKTEST_ORIGINS; k++) {
    const origin = y.length - BACKTEST_STEPS - M * k;
    if (origin < MIN_TRAIN) break;
    const f = point(y.slice(0, origin), BACKTEST_STEPS);
    runs.push(f.map((v, j) => (y[origin + j] ?? 0) - v));
  }
  return runs;
}

interface Spread {
  /** Typical error of one day. */
  daily: number;
  /** Average correlation of errors between days of the same forecast (0–1): how much errors add up over the horizon. */
  correlation: number;
  source: ForecastResult['intervalSource'];
}

function spreadOf(y: readonly number[], point: PointFn): Spread {
  const runs = backtestErrors(y, point);
  if (runs.length >= 2) {
    const all = runs.flat();
    const ms = all.reduce((a, e) => a + e * e, 0) / all.length;
    const msMean = runs.reduce((a, r) => a + (r.reduce((s, e) => s + e, 0) / r.length) ** 2, 0) / runs.length;
    const m = BACKTEST_STEPS;
    const correlation = ms > 0 ? Math.min(1, Math.max(0, ((m * msMean) / ms - 1) / (m - 1))) : 0;
    return { daily: Math.sqrt(ms), correlation, source: 'backtest' };
  }
  // Short history: the spread of week-on-week differences (the seasonal naive's own error).
  const lag = y.length > M ? M : 1;
  const diffs: number[] = [];
  for (let t = lag; t < y.length; t++) diffs.push((y[t] ?? 0) - (y[t - lag] ?? 0));
  const ms = diffs.length > 0 ? diffs.reduce((a, d) => a + d * d, 0) / diffs.length : 0;
  return { daily: Math.sqrt(ms), correlation: 0.5, source: 'seasonal_differences' };
}

/** Error spread at step j: flat over the backtested fortnight, growing like a random walk beyond it. */
function stepSpread(s: Spread, step: number): number {
  return s.daily * Math.sqrt(Math.max(1, step / BACKTEST_STEPS));
}

function validate(input: ForecastInput): number[] {
  if (!Number.isInteger(input.horizon) || input.horizon < 1 || input.horizon > MAX_HORIZON) {
    throw new RangeError(`horizon must be an integer from 1 to ${MAX_HORIZON}, got ${input.horizon}`);
  }
  input.values.forEach((v, i) => {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`values[${i}] must be a finite non-negative number, got ${v}`);
  });
  return [...input.values];
}

export function forecast(input: ForecastInput): ForecastResult {
  const y = validate(input);
  const h = input.horizon;
  if (y.length === 0) {
    const zero = { mean: 0, lower80: 0, upper80: 0, lower95: 0, upper95: 0 };
    return { method: 'mean', points: Array.from({ length: h }, (_, i) => ({ step: i + 1, ...zero })), total: zero, intervalSource: 'seasonal_differences' };
  }
  if (input.isCount === true && isIntermittent(y.slice(-RECENT))) return withIntervals(y, h, 'intermittent', (s, n) => forecastTsb(s, n));
  return withIntervals(y, h, y.length < 2 * M ? 'seasonal_naive' : 'combination', (s, n) => combinedPoint(cleanOutliers(s), n));
}

/** Point forecast plus intervals from the same method's in-sample errors; bounds clipped at zero. */
function withIntervals(y: readonly number[], h: number, method: ForecastMethod, point: PointFn): ForecastResult {
  const centre = point(y, h).map((v) => Math.max(0, v));
  const spread = spreadOf(y, point);
  const band = (c: number, sd: number): Omit<ForecastPoint, 'step'> => ({
    mean: c, lower80: Math.max(0, c - Z80 * sd), upper80: c + Z80 * sd, lower95: Math.max(0, c - Z95 * sd), upper95: c + Z95 * sd,
  });
  const points: ForecastPoint[] = centre.map((c, i) => ({ step: i + 1, ...band(c, stepSpread(spread, i + 1)) }));
  // Errors of one forecast run are correlated across days, so the total's spread grows faster than √h.
  let sumVar = 0;
  let sumSd = 0;
  for (let i = 1; i <= h; i++) {
    const sd = stepSpread(spread, i);
    sumVar += sd * sd;
    sumSd += sd;
  }
  const sdTotal = Math.sqrt(sumVar + spread.correlation * (sumSd * sumSd - sumVar));
  const total = band(centre.reduce((a, b) => a + b, 0), sdTotal);
  return { method, points, total, intervalSource: spread.source };
}
