import { robustScaleOfSorted, studentTQuantile, medianOfSorted } from './robust-stats.ts';

/**
 * Generalised ESD (Rosner 1983) with the median and MAD in place of the mean and standard deviation
 * (the S-H-ESD variant, Hochenbaum et al. 2017): up to `maxOutliers` most extreme values are removed
 * one at a time; the outliers are the first r removed, r the last step whose statistic exceeds its
 * critical value λ_i. The most extreme remaining value is always the smallest or the largest, so the
 * values are sorted once and trimmed from either end.
 */
export interface EsdResult {
  /** Indices (into the input) of the outliers, most extreme first. */
  outliers: number[];
  /** Median and robust σ of the values left after removing the outliers. */
  center: number;
  scale: number;
  /** Critical value for one more value tested against the cleaned set (n_clean + 1 values). */
  nextCritical: number;
}

export function esdCritical(n: number, step: number, alpha: number): number {
  const remaining = n - step + 1;
  const p = 1 - alpha / (2 * remaining);
  const t = studentTQuantile(p, Math.max(1, remaining - 2));
  return ((remaining - 1) * t) / Math.sqrt((remaining - 2 + t * t) * remaining);
}

export function generalizedEsd(values: readonly number[], options: { alpha?: number; maxShare?: number; maxOutliers?: number } = {}): EsdResult {
  const alpha = options.alpha ?? 0.05;
  const n = values.length;
  const order = values.map((_, i) => i).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
  const sorted = order.map((i) => values[i] ?? 0);
  const k = Math.min(options.maxOutliers ?? n, Math.floor(n * (options.maxShare ?? 0.49)));
  let lo = 0;
  let hi = n;
  const removed: number[] = [];
  let significant = 0;
  for (let step = 1; step <= k && hi - lo > 3; step++) {
    const center = medianOfSorted(sorted, lo, hi);
    const scale = robustScaleOfSorted(sorted, lo, hi, center);
    if (scale <= 0) break;
    const lowDev = center - (sorted[lo] ?? 0);
    const highDev = (sorted[hi - 1] ?? 0) - center;
    const stat = Math.max(lowDev, highDev) / scale;
    if (lowDev >= highDev) removed.push(order[lo++] ?? -1);
    else removed.push(order[--hi] ?? -1);
    if (stat > esdCritical(n, step, alpha)) significant = step;
  }
  const outliers = removed.slice(0, significant);
  const outlierSet = new Set(outliers);
  const clean = sorted.filter((_, j) => !outlierSet.has(order[j] ?? -1));
  const center = medianOfSorted(clean, 0, clean.length);
  return {
    outliers,
    center,
    scale: robustScaleOfSorted(clean, 0, clean.length, center),
    nextCritical: esdCritical(clean.length + 1, 1, alpha),
  };
}
