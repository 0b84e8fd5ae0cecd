import { poissonFindings, trackingBreakFindings } from './count-tests.ts';
import { residualFindings } from './residual-tests.ts';
import { median, poissonCdf, poissonUpperTail } from './robust-stats.ts';
import { fitSeasonal, minSeasonalPoints, type SeasonalFit } from './seasonal-baseline.ts';
import type { AnomalyFinding, AnomalyGrain, AnomalyMetric, MetricPoint, SeriesInput } from './anomaly.types.ts';

/** History kept for the fit: four weeks of hours, twelve weeks of days. */
const MAX_HISTORY: Record<AnomalyGrain, number> = { hour: 28 * 24, day: 84 };
/** Points before the judged ones that level-shift runs may start from (excluded from the fit). */
const SHIFT_LOOKBACK: Record<AnomalyGrain, number> = { hour: 12, day: 3 };
/** Conversions per point at or above which counts are treated as continuous (log scale + ESD). */
const CONTINUOUS_CONVERSIONS = 10;

function logShift(values: readonly number[]): number {
  const positive = values.filter((v) => v > 0);
  return positive.length > 0 ? Math.max(1e-9, 0.05 * median(positive)) : 1;
}

/**
 * Judges the last `recent` points of one series (each against the points before it only) on spend,
 * clicks, CPC, conversions and conversion rate. Pure and deterministic.
 */
export function detectAnomalies(input: SeriesInput): AnomalyFinding[] {
  const recent = Math.max(1, Math.min(input.recent ?? 1, input.points.length));
  const lookback = SHIFT_LOOKBACK[input.grain];
  const keep = Math.min(input.points.length, MAX_HISTORY[input.grain] + lookback + recent);
  const dropped = input.points.length - keep;
  const points = input.points.slice(dropped);
  const period = input.grain === 'hour' ? 168 : 7;
  const firstPhase = (input.firstPhase + dropped) % period;
  const n = points.length;
  const reportFrom = n - recent;
  const fitEnd = Math.max(0, reportFrom - lookback);
  const alpha = input.alpha ?? 0.05;
  const countAlpha = input.countAlpha ?? 0.001;
  const at = points.map((p) => p.at);
  const minChange = input.minChange ?? (input.grain === 'hour' ? 0.4 : 0.2);
  const history = points.slice(0, fitEnd);

  // Clicks are fitted once, for their own test and for the clicks expected by the count tests.
  const clickShift = logShift(history.map((p) => p.clicks));
  const clickFit = history.length >= minSeasonalPoints(input.grain) ? fitSeasonal(history.map((p) => Math.log(p.clicks + clickShift)), input.grain, firstPhase) : null;

  type Gate = (from: number, to: number, expectedAt: (i: number) => number) => boolean;
  const logMetric = (metric: AnomalyMetric, raw: (p: MetricPoint) => number, countGate?: Gate, fit?: SeasonalFit): AnomalyFinding[] => {
    const values = points.map(raw);
    const c = logShift(history.map(raw).filter(Number.isFinite));
    return residualFindings({
      metric, grain: input.grain, values: values.map((v) => (Number.isFinite(v) && v >= 0 ? Math.log(v + c) : Number.NaN)),
      at, firstPhase, fitEnd, reportFrom, alpha, minChange, inverse: (v) => Math.max(0, Math.exp(v) - c), ...(countGate ? { countGate } : {}), ...(fit ? { fit } : {}),
    });
  };
  // Counts behind a finding: observed vs expected over its points, Poisson at countAlpha (λ at least 0.5 a point).
  const countsImprobable = (from: number, to: number, observed: (i: number) => number, expected: (i: number) => number): boolean => {
    let k = 0;
    let lambda = 0;
    for (let i = from; i <= to; i++) {
      k += observed(i);
      lambda += Math.max(0.5, expected(i));
    }
    k = Math.round(k);
    return k > lambda ? poissonUpperTail(k, lambda) < countAlpha : poissonCdf(k, lambda) < countAlpha;
  };
  const clicksOf = (i: number): number => points[i]?.clicks ?? 0;
  const out = [
    ...logMetric('spend', (p) => p.spend),
    ...logMetric('clicks', (p) => p.clicks, (from, to, expected) => countsImprobable(from, to, clicksOf, expected), clickFit ?? undefined),
    // CPC: the clicks bought are improbable for the money spent at the expected price.
    ...logMetric('cpc', (p) => (p.clicks > 0 ? p.spend / p.clicks : Number.NaN),
      (from, to, expected) => countsImprobable(from, to, clicksOf, (i) => (expected(i) > 0 ? (points[i]?.spend ?? 0) / expected(i) : 0))),
  ];

  const histClicks = history.reduce((s, p) => s + p.clicks, 0);
  const histConversions = history.reduce((s, p) => s + p.conversions, 0);
  const cvr = histClicks > 0 ? histConversions / histClicks : 0;
  const meanClicks = history.length > 0 ? histClicks / history.length : 0;
  const expectedClicks = (i: number): number => (clickFit ? Math.max(0, Math.exp(clickFit.expectedAt(i)) - clickShift) : meanClicks);
  const counts = { points, fitEnd, reportFrom, grain: input.grain, alpha: countAlpha, cvr, expectedClicks, conversionsPerPoint: history.length > 0 ? histConversions / history.length : 0 };
  const continuous = history.length > 0 && median(history.map((p) => p.conversions)) >= CONTINUOUS_CONVERSIONS;
  if (continuous) out.push(...logMetric('conversions', (p) => p.conversions, (from, to, expected) => countsImprobable(from, to, (i) => points[i]?.conversions ?? 0, expected)));
  out.push(...poissonFindings(counts, !continuous));
  out.push(...trackingBreakFindings(counts));
  return out.sort((a, b) => a.at - b.at || a.metric.localeCompare(b.metric));
}
