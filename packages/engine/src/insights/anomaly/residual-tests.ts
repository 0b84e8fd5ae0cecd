import { generalizedEsd } from './esd.ts';
import { robustScale } from './robust-stats.ts';
import { fitSeasonal, levelWindow, minSeasonalPoints, type SeasonalFit } from './seasonal-baseline.ts';
import type { AnomalyFinding, AnomalyGrain, AnomalyMetric } from './anomaly.types.ts';

/** Iglewicz–Hoaglin cut-off for the robust z-score of the short-history fallback. */
const ROBUST_Z_LIMIT = 3.5;
/** A level shift: at least this many judged points in a row on one side, each beyond SHIFT_POINT_Z σ, averaging 2.5 σ. */
const SHIFT_RUN: Record<AnomalyGrain, number> = { hour: 4, day: 2 };
const SHIFT_POINT_Z = 1.5;

export interface ResidualTestInput {
  metric: AnomalyMetric;
  grain: AnomalyGrain;
  /** Transformed values (additive scale), history then judged tail; NaN = no value. */
  values: readonly number[];
  at: readonly number[];
  firstPhase: number;
  /** values[0, fitEnd) are the history; values[fitEnd, n) are judged against it. */
  fitEnd: number;
  /** Only points at index ≥ reportFrom produce findings (the earlier tail only feeds level-shift runs). */
  reportFrom: number;
  alpha: number;
  /** Back to the metric's own scale. */
  inverse(v: number): number;
  /**
   * For metrics built on counts: a finding over points [from, to] stands only if the counts behind it
   * are also improbable (Poisson) given the expected values (`expectedAt` on the metric's own scale).
   */
  /** Smallest relative change of one point on the metric's own scale (level-shift runs: half of it, on the run's median). */
  minChange: number;
  countGate?(from: number, to: number, expectedAt: (i: number) => number): boolean;
  /** The seasonal fit of values[0, fitEnd) when the caller already made it (saves fitting twice). */
  fit?: SeasonalFit;
}

/** Smallest residual scale (on the log scale: 3 %), so near-constant histories do not alert on noise. */
const MIN_SCALE = 0.03;

/**
 * Seasonal decomposition + generalised ESD (median/MAD) on the history's residuals; each judged point
 * is one more value tested against the cleaned residuals. Runs of moderate same-side residuals are
 * level shifts (change points). Histories shorter than two cycles use a rolling median/MAD (low confidence).
 */
export function residualFindings(input: ResidualTestInput): AnomalyFinding[] {
  const { values, fitEnd, grain } = input;
  const history = values.slice(0, fitEnd);
  const finite = history.filter(Number.isFinite);
  if (finite.length < 6) return [];
  const seasonal = finite.length >= minSeasonalPoints(grain);
  let expectedAt: (i: number) => number;
  let center: number;
  let scale: number;
  let critical: number;
  if (seasonal) {
    const fit = input.fit ?? fitSeasonal(history, grain, input.firstPhase);
    const residuals = fit.residuals.filter(Number.isFinite);
    const esd = generalizedEsd(residuals, { alpha: input.alpha, maxShare: 0.1 });
    expectedAt = fit.expectedAt;
    center = esd.center;
    // The centred level of the history fits its own points more closely than a carried level fits the next ones.
    scale = esd.scale * Math.sqrt(1 + 1.5 / levelWindow(grain));
    critical = esd.nextCritical;
  } else {
    const recent = finite.slice(-2 * levelWindow(grain));
    const robust = robustScale(recent);
    expectedAt = () => robust.center;
    center = 0;
    scale = robust.scale;
    critical = ROBUST_Z_LIMIT;
  }
  scale = Math.max(scale, MIN_SCALE);
  const out: AnomalyFinding[] = [];
  const z: number[] = [];
  for (let i = fitEnd; i < values.length; i++) {
    const v = values[i] ?? Number.NaN;
    const expected = expectedAt(i) + center;
    z.push(Number.isFinite(v) && Number.isFinite(expected) ? (v - expected) / scale : Number.NaN);
    if (i < input.reportFrom || !Number.isFinite(v)) continue;
    const zi = z[z.length - 1] ?? Number.NaN;
    const run = sameSideRun(z, SHIFT_RUN[grain]);
    const isSpike = Math.abs(zi) > critical;
    if (!isSpike && run === 0) continue;
    const from = i - (run > 0 ? run - 1 : spikeRun(z, critical) - 1);
    if (!bigEnough(input, from, i, run > 0, (j) => input.inverse(expectedAt(j) + center))) continue;
    if (input.countGate && !input.countGate(run > 0 ? from : i, i, (j) => input.inverse(expectedAt(j) + center))) continue;
    const since = input.at[from] ?? input.at[i] ?? 0;
    // The band of the test that flagged the point: a spike's critical value, or a level shift's per-point limit.
    const band = (run > 0 ? SHIFT_POINT_Z : critical) * scale;
    out.push({
      metric: input.metric, at: input.at[i] ?? 0, since,
      observed: input.inverse(v), expected: input.inverse(expected),
      lower: input.inverse(expected - band), upper: input.inverse(expected + band),
      direction: zi > 0 ? 'up' : 'down', method: run > 0 ? 'level_shift' : seasonal ? 'seasonal_esd' : 'rolling_mad',
      confidence: seasonal ? 'normal' : 'low', score: Math.abs(zi),
    });
  }
  return out;
}

/** Length of the run of same-side residuals ending at the last one (0 when shorter than `min` or too weak). */
function sameSideRun(z: readonly number[], min: number): number {
  const last = z[z.length - 1] ?? Number.NaN;
  if (!Number.isFinite(last) || Math.abs(last) < SHIFT_POINT_Z) return 0;
  const sign = Math.sign(last);
  let n = 0;
  let sum = 0;
  for (let j = z.length - 1; j >= 0; j--) {
    const v = z[j] ?? Number.NaN;
    if (!Number.isFinite(v) || Math.sign(v) !== sign || Math.abs(v) < SHIFT_POINT_Z) break;
    n++;
    sum += Math.abs(v);
  }
  return n >= min && sum / n >= 2.5 ? n : 0;
}

function spikeRun(z: readonly number[], critical: number): number {
  let n = 0;
  for (let j = z.length - 1; j >= 0 && Math.abs(z[j] ?? 0) > critical; j--) n++;
  return Math.max(1, n);
}


/** Practical significance: the point (or the run's median ratio, for a level shift) moved by at least minChange. */
function bigEnough(input: ResidualTestInput, from: number, to: number, isRun: boolean, expectedAt: (i: number) => number): boolean {
  const ratios: number[] = [];
  for (let j = isRun ? from : to; j <= to; j++) {
    const e = expectedAt(j);
    const o = input.inverse(input.values[j] ?? Number.NaN);
    if (e > 0 && Number.isFinite(o)) ratios.push(o / e);
  }
  if (ratios.length === 0) return false;
  const ratio = ratios.sort((a, b) => a - b)[Math.floor(ratios.length / 2)] ?? 1;
  return Math.abs(ratio - 1) >= (isRun ? input.minChange / 2 : input.minChange);
}
