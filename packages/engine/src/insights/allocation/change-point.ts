/**
 * Level shifts in an entity's response: days where the curve fitted on the whole history stops
 * explaining the conversions (a creative wears out, a competitor arrives, tracking changes). The
 * residuals of that fit are split at the day that best separates their means (one split, the
 * CUSUM/binary-segmentation test); a split counts only when it is far beyond noise and moves the
 * level by a real share, so stationary histories keep all their days.
 */

/** A detected shift: the first day of the new level and how the level moved. */
export interface LevelShift {
  /** Index (into the series tested) of the first day after the shift. */
  index: number;
  /** Observed over fitted conversions after the shift, divided by the same before it (0.6: a 40 % drop). */
  ratio: number;
  /** Standardised difference of the mean residual after vs before. */
  score: number;
}

export interface LevelShiftOptions {
  /** Days each side must have (default 10). */
  minSegment?: number;
  /** Score needed, well above the maximum of |z| over all splits of a stationary series (default 5). */
  minScore?: number;
  /** Smallest relative level change that counts (default 0.2). */
  minChange?: number;
}

/**
 * The single strongest level shift of `observed` against `fitted` (same length, same days), or null.
 * The residuals' noise is measured from their day-to-day differences (robustly), which a step barely
 * touches, so a large shift does not hide itself by inflating the noise.
 */
export function detectLevelShift(observed: readonly number[], fitted: readonly number[], options: LevelShiftOptions = {}): LevelShift | null {
  const minSegment = options.minSegment ?? 10;
  const minScore = options.minScore ?? 5;
  const minChange = options.minChange ?? 0.2;
  const n = Math.min(observed.length, fitted.length);
  if (n < 2 * minSegment) return null;
  const noiseSd = differenceNoise(observed.slice(0, n).map((y, t) => y - (fitted[t] ?? 0)));
  if (!(noiseSd > 0)) return null;
  const cumResidual = [0];
  const cumObserved = [0];
  const cumFitted = [0];
  for (let t = 0; t < n; t++) {
    const y = observed[t] ?? 0;
    const f = fitted[t] ?? 0;
    cumResidual.push((cumResidual[t] ?? 0) + y - f);
    cumObserved.push((cumObserved[t] ?? 0) + y);
    cumFitted.push((cumFitted[t] ?? 0) + f);
  }
  const total = cumResidual[n] ?? 0;
  let best: LevelShift | null = null;
  for (let k = minSegment; k <= n - minSegment; k++) {
    const before = (cumResidual[k] ?? 0) / k;
    const after = (total - (cumResidual[k] ?? 0)) / (n - k);
    const score = Math.abs(after - before) / (noiseSd * Math.sqrt(1 / k + 1 / (n - k)));
    if (best && score <= best.score) continue;
    const fittedBefore = cumFitted[k] ?? 0;
    const fittedAfter = (cumFitted[n] ?? 0) - fittedBefore;
    if (fittedBefore <= 0 || fittedAfter <= 0) continue;
    const levelBefore = (cumObserved[k] ?? 0) / fittedBefore;
    const levelAfter = ((cumObserved[n] ?? 0) - (cumObserved[k] ?? 0)) / fittedAfter;
    best = { index: k, ratio: levelBefore > 0 ? levelAfter / levelBefore : Infinity, score };
  }
  if (!best || best.score < minScore || Math.abs(best.ratio - 1) < minChange) return null;
  return best;
}

/** Standard deviation of independent noise from the median absolute day-to-day difference (MAD × 1.4826 / √2). */
function differenceNoise(residuals: readonly number[]): number {
  const diffs = residuals.slice(1).map((r, t) => Math.abs(r - (residuals[t] ?? 0))).sort((a, b) => a - b);
  if (diffs.length === 0) return 0;
  const m = Math.floor(diffs.length / 2);
  const mad = diffs.length % 2 ? (diffs[m] ?? 0) : ((diffs[m - 1] ?? 0) + (diffs[m] ?? 0)) / 2;
  // The median of |a − b| for two independent normal draws is 0.6745·√2·σ.
  return mad / (0.6745 * Math.SQRT2);
}
