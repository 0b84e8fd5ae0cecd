/**
 * Interior outliers (a paused day, an outage, a one-off spike) replaced by a robust baseline before
 * fitting, so one bad day does not bend the level, trend or weekday pattern. The baseline is a
 * centred 7-day rolling median (a week spans every weekday, so the weekly pattern cancels)
 * plus the weekday's median deviation from it. The last days are left alone: a
 * drop at the very end may be a new level, which the forecast must see.
 */
const M = 7;
const KEEP_LAST = 3;
/** Residuals beyond this many robust standard deviations are outliers. */
const LIMIT = 4;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

export function cleanOutliers(y: readonly number[]): number[] {
  const n = y.length;
  if (n < 3 * M) return [...y];
  const trend: number[] = [];
  for (let t = 0; t < n; t++) {
    const lo = Math.max(0, Math.min(t - 3, n - M));
    trend.push(median(y.slice(lo, lo + M)));
  }
  const byDay: number[][] = Array.from({ length: M }, () => []);
  for (let t = 0; t < n; t++) byDay[t % M]?.push((y[t] ?? 0) - (trend[t] ?? 0));
  const effect = byDay.map((d) => median(d));
  const baseline = trend.map((v, t) => v + (effect[t % M] ?? 0));
  const resid = y.map((v, t) => v - (baseline[t] ?? 0));
  // A floor of 1 % of the typical value, so a perfectly regular history still flags a day that breaks it.
  const scale = Math.max(1.4826 * median(resid.map((r) => Math.abs(r))), 0.01 * median(y.map((v) => Math.abs(v))));
  if (scale <= 0) return [...y];
  return y.map((v, t) => (t < n - KEEP_LAST && Math.abs(resid[t] ?? 0) > LIMIT * scale ? (baseline[t] ?? v) : v));
}
