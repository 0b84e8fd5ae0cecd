/**
 * Small robust statistics for anomaly detection: medians, MAD, quantiles of the normal and
 * Student t distributions (for the generalised ESD critical values) and Poisson tails.
 */

/** Consistency constant: MAD × 1.4826 estimates σ for normal data. */
export const MAD_TO_SIGMA = 1.4826;
/** Mean absolute deviation × 1.253314 estimates σ (fallback when the MAD is 0). */
export const MEAN_AD_TO_SIGMA = 1.253314;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = Float64Array.from(values).sort();
  return medianOfSorted(s, 0, s.length);
}

/** Median of sorted[lo, hi). */
export function medianOfSorted(sorted: ArrayLike<number>, lo: number, hi: number): number {
  const n = hi - lo;
  if (n <= 0) return Number.NaN;
  const mid = lo + Math.floor(n / 2);
  return n % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Robust scale (σ estimate) of sorted[lo, hi) around `center`: 1.4826 × MAD, or 1.2533 × mean absolute
 * deviation when more than half the values equal the center (MAD = 0), or 0 when all do.
 */
export function robustScaleOfSorted(sorted: ArrayLike<number>, lo: number, hi: number, center: number): number {
  const n = hi - lo;
  if (n <= 0) return 0;
  // k-th smallest |x − center| by merging the two sides of the center outward.
  let left = lo;
  while (left < hi && (sorted[left] ?? 0) < center) left++;
  let right = left;
  let l = left - 1;
  const want = Math.floor(n / 2);
  const take = (): number => {
    const dl = l >= lo ? center - (sorted[l] ?? 0) : Number.POSITIVE_INFINITY;
    const dr = right < hi ? (sorted[right] ?? 0) - center : Number.POSITIVE_INFINITY;
    if (dl <= dr) {
      l--;
      return dl;
    }
    right++;
    return dr;
  };
  let prev = 0;
  let current = 0;
  for (let i = 0; i <= want; i++) {
    prev = current;
    current = take();
  }
  const mad = n % 2 === 1 ? current : (prev + current) / 2;
  if (mad > 0) return MAD_TO_SIGMA * mad;
  let sum = 0;
  for (let i = lo; i < hi; i++) sum += Math.abs((sorted[i] ?? 0) - center);
  return MEAN_AD_TO_SIGMA * (sum / n);
}

export function robustScale(values: readonly number[]): { center: number; scale: number } {
  const s = [...values].sort((a, b) => a - b);
  const center = medianOfSorted(s, 0, s.length);
  return { center, scale: robustScaleOfSorted(s, 0, s.length, center) };
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9 after refinement). */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** Quantile of Student's t with `df` degrees of freedom (Cornish–Fisher expansion; accurate for df ≥ 5). */
export function studentTQuantile(p: number, df: number): number {
  const z = normalQuantile(p);
  const z2 = z * z;
  const g1 = (z2 + 1) * z / 4;
  const g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/** P(X ≤ k) for X ~ Poisson(lambda). */
export function poissonCdf(k: number, lambda: number): number {
  if (k < 0) return 0;
  if (lambda <= 0) return 1;
  let term = Math.exp(-lambda);
  if (term === 0) return poissonCdfLog(k, lambda);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= lambda / i;
    sum += term;
    if (term < sum * 1e-16 && i > lambda) break;
  }
  return Math.min(1, sum);
}

function poissonCdfLog(k: number, lambda: number): number {
  let logTerm = -lambda;
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logTerm += Math.log(lambda / i);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

/** P(X ≥ k) for X ~ Poisson(lambda). */
export function poissonUpperTail(k: number, lambda: number): number {
  return k <= 0 ? 1 : Math.max(0, 1 - poissonCdf(k - 1, lambda));
}

/**
 * Smallest k with P(X ≤ k) ≥ p (at most the first integer from lambda × 10 + 100). The CDF is a
 * running sum, so it never falls as k grows: a binary search finds the same k as counting up,
 * in O(k log k) instead of O(k²) (at lambda = 2,400, 12 CDFs instead of 2,400).
 */
export function poissonQuantile(p: number, lambda: number): number {
  let lo = 0;
  let hi = Math.max(0, Math.ceil(lambda * 10 + 100));
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (poissonCdf(mid, lambda) < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
