/** Seasonal naive (m = 7) and TSB for intermittent counts; both on the data as given. */
const M = 7;

export function forecastSeasonalNaive(y: readonly number[], horizon: number): number[] {
  const n = y.length;
  const out: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    const idx = n >= M ? n - M + ((h - 1) % M) : n - 1;
    out.push(y[idx] ?? 0);
  }
  return out;
}

/**
 * Teunter–Syntetos–Babai: smooths the probability of a non-zero day every day and the size of
 * non-zero days when they occur, so the forecast decays when demand stops (unlike Croston).
 */
export function forecastTsb(y: readonly number[], horizon: number, alpha = 0.1, beta = 0.05): number[] {
  const nonZero = y.filter((v) => v > 0);
  if (nonZero.length === 0) return new Array<number>(horizon).fill(0);
  let size = nonZero.slice(0, 5).reduce((a, b) => a + b, 0) / Math.min(5, nonZero.length);
  let prob = nonZero.length / y.length;
  for (const v of y) {
    prob += beta * ((v > 0 ? 1 : 0) - prob);
    if (v > 0) size += alpha * (v - size);
  }
  return new Array<number>(horizon).fill(prob * size);
}

/** Share of zero days and mean, to decide whether a count series is intermittent. */
export function isIntermittent(y: readonly number[]): boolean {
  if (y.length === 0) return true;
  const zeros = y.filter((v) => v <= 0).length / y.length;
  return zeros >= 0.3;
}
