import { medianOfSorted } from './robust-stats.ts';
import type { AnomalyGrain } from './anomaly.types.ts';

/**
 * Robust seasonal decomposition of a history (values on an additive scale, e.g. log1p of a
 * multiplicative metric): level = centred running median over one day (hourly) or one week (daily),
 * then a time-of-day and a day-of-week profile as medians of the detrended values per phase, each
 * used only when the history holds at least two full cycles of it. Non-finite values are skipped.
 */
export interface SeasonalFit {
  /** Components used, by name (e.g. ['hour_of_day', 'day_of_week']). */
  components: string[];
  /** Residual of each history point (NaN where the value was not finite). */
  residuals: number[];
  /** Expected value at history index `i` (i may be past the end: the level of the last window carries on). */
  expectedAt(i: number): number;
}

interface Component {
  name: string;
  period: number;
  phaseOf(i: number): number;
  minPoints: number;
}

function componentsFor(grain: AnomalyGrain, firstPhase: number): Component[] {
  if (grain === 'hour') {
    return [
      { name: 'hour_of_day', period: 24, phaseOf: (i) => (firstPhase + i) % 24, minPoints: 48 },
      { name: 'day_of_week', period: 7, phaseOf: (i) => Math.floor(((firstPhase + i) % 168) / 24), minPoints: 14 * 24 },
    ];
  }
  return [{ name: 'day_of_week', period: 7, phaseOf: (i) => (firstPhase + i) % 7, minPoints: 14 }];
}

/** Points in one level window: one day of hours, one week of days. */
export function levelWindow(grain: AnomalyGrain): number {
  return grain === 'hour' ? 24 : 7;
}

/** Smallest history for the seasonal model; shorter histories fall back to a rolling median/MAD. */
export function minSeasonalPoints(grain: AnomalyGrain): number {
  return grain === 'hour' ? 48 : 14;
}

/** Median of the finite values in each clamped window (sliding sorted window: O(n · window)). */
function runningMedian(values: ArrayLike<number>, window: number): Float64Array {
  const n = values.length;
  const half = Math.floor(window / 2);
  const out = new Float64Array(n);
  const sorted: number[] = [];
  const position = (v: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] ?? 0) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let from = 0;
  let to = 0;
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, Math.min(i - half, n - window));
    const hi = Math.min(n, lo + window);
    for (; to < hi; to++) {
      const v = values[to] ?? Number.NaN;
      if (Number.isFinite(v)) sorted.splice(position(v), 0, v);
    }
    for (; from < lo; from++) {
      const v = values[from] ?? Number.NaN;
      if (Number.isFinite(v)) sorted.splice(position(v), 1);
    }
    out[i] = sorted.length > 0 ? medianOfSorted(sorted, 0, sorted.length) : Number.NaN;
  }
  return out;
}

function medianOf(values: number[]): number {
  return values.length > 0 ? medianOfSorted(Float64Array.from(values).sort(), 0, values.length) : Number.NaN;
}

export function fitSeasonal(values: readonly number[], grain: AnomalyGrain, firstPhase: number): SeasonalFit {
  const n = values.length;
  const window = levelWindow(grain);
  let finiteCount = 0;
  for (const v of values) if (Number.isFinite(v)) finiteCount++;
  const used = componentsFor(grain, firstPhase).filter((c) => finiteCount >= c.minPoints);
  const phases = used.map((c) => Int32Array.from({ length: n }, (_, i) => c.phaseOf(i)));
  const profiles = used.map((c) => new Float64Array(c.period));
  const seasonal = new Float64Array(n);
  const refreshSeasonal = (): void => {
    seasonal.fill(0);
    used.forEach((_, k) => {
      const profile = profiles[k]!;
      const phase = phases[k]!;
      for (let i = 0; i < n; i++) seasonal[i]! += profile[phase[i]!]!;
    });
  };
  const seasonalAt = (i: number): number => (i >= 0 && i < n ? seasonal[i]! : used.reduce((sum, c, k) => sum + (profiles[k]?.[c.phaseOf(i)] ?? 0), 0));
  let level = runningMedian(values, window);
  for (let pass = 0; pass < 2; pass++) {
    used.forEach((c, k) => {
      const profile = profiles[k]!;
      const phase = phases[k]!;
      const buckets: number[][] = Array.from({ length: c.period }, () => []);
      for (let i = 0; i < n; i++) {
        const v = values[i] ?? Number.NaN;
        const l = level[i] ?? Number.NaN;
        if (!Number.isFinite(v) || !Number.isFinite(l)) continue;
        // The other components: the total seasonal part minus this one's.
        buckets[phase[i]!]!.push(v - l - (seasonal[i]! - profile[phase[i]!]!));
      }
      const raw = buckets.map((b) => (b.length > 0 ? medianOf(b) : 0));
      const centre = medianOf(raw);
      for (let j = 0; j < c.period; j++) profile[j] = (raw[j] ?? 0) - centre;
      refreshSeasonal();
    });
    level = runningMedian(Float64Array.from(values, (v, i) => v - seasonal[i]!), window);
  }
  const tail: number[] = [];
  for (let i = Math.max(0, n - window); i < n; i++) {
    const d = (values[i] ?? Number.NaN) - seasonal[i]!;
    if (Number.isFinite(d)) tail.push(d);
  }
  const lastLevel = tail.length > 0 ? medianOf(tail) : Number.NaN;
  const residuals = values.map((v, i) => v - (level[i] ?? Number.NaN) - seasonal[i]!);
  return {
    components: used.map((c) => c.name),
    residuals,
    expectedAt: (i) => (i < n ? (level[i] ?? Number.NaN) : lastLevel) + seasonalAt(i),
  };
}
