/**
 * Theta method (Assimakopoulos & Nikolopoulos; Hyndman & Billah's SES-with-drift form) on the
 * seasonally adjusted series: weekday effects removed by classical additive decomposition, SES with
 * the smoothing weight chosen on one-step error, plus half the linear-regression slope.
 */
const M = 7;
const ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];

/** Additive weekday effects (sum to zero) from deviations around a centred 7-day moving average. */
export function weekdayEffects(y: readonly number[]): number[] {
  const sums = new Array<number>(M).fill(0);
  const counts = new Array<number>(M).fill(0);
  for (let t = 3; t + 3 < y.length; t++) {
    let ma = 0;
    for (let k = -3; k <= 3; k++) ma += y[t + k] ?? 0;
    sums[t % M] = (sums[t % M] ?? 0) + (y[t] ?? 0) - ma / M;
    counts[t % M] = (counts[t % M] ?? 0) + 1;
  }
  const raw = sums.map((s, i) => ((counts[i] ?? 0) > 0 ? s / (counts[i] ?? 1) : 0));
  const mean = raw.reduce((a, b) => a + b, 0) / M;
  return raw.map((r) => r - mean);
}

export function forecastTheta(y: readonly number[], horizon: number): number[] {
  const n = y.length;
  const effects = n >= 2 * M ? weekdayEffects(y) : new Array<number>(M).fill(0);
  const adj = y.map((v, t) => v - (effects[t % M] ?? 0));
  // Slope of the linear trend by least squares.
  const tMean = (n - 1) / 2;
  const yMean = adj.reduce((a, b) => a + b, 0) / Math.max(1, n);
  let num = 0;
  let den = 0;
  for (let t = 0; t < n; t++) {
    num += (t - tMean) * ((adj[t] ?? 0) - yMean);
    den += (t - tMean) ** 2;
  }
  const slope = den > 0 ? num / den : 0;
  let bestAlpha = 0.2;
  let bestLevel = adj[0] ?? 0;
  let bestSse = Infinity;
  for (const alpha of ALPHAS) {
    let level = adj[0] ?? 0;
    let sse = 0;
    for (let t = 1; t < n; t++) {
      const err = (adj[t] ?? 0) - level;
      sse += err * err;
      level += alpha * err;
    }
    if (sse < bestSse) {
      bestSse = sse;
      bestAlpha = alpha;
      bestLevel = level;
    }
  }
  const out: number[] = [];
  const tail = 1 / bestAlpha - (1 - bestAlpha) ** n / bestAlpha;
  for (let h = 1; h <= horizon; h++) out.push(bestLevel + (slope / 2) * (h - 1 + tail) + (effects[(n + h - 1) % M] ?? 0));
  return out;
}
