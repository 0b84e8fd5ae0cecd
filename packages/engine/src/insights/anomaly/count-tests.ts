import { poissonCdf, poissonQuantile, poissonUpperTail } from './robust-stats.ts';
import type { AnomalyFinding, AnomalyGrain, MetricPoint } from './anomaly.types.ts';

/** Longest window the tracking check looks back over: one week of hours, two weeks of days. */
const TRACKING_SCAN: Record<AnomalyGrain, number> = { hour: 168, day: 14 };
/** Tracking break: conversions this improbable given the clicks (p), and at most this share of the expected count. */
const TRACKING_P = 1e-3;
const TRACKING_SHARE = 0.15;
/**
 * Since the last conversion: the chance of no conversion from the clicks received is judged against a
 * level that keeps false alerts rare however many conversions the series has: a series with N
 * conversions a month has about N gaps a month, so a level of GAP_FALSE_PER_MONTH / N gives about
 * GAP_FALSE_PER_MONTH false gaps a month, never looser than GAP_P_MAX nor stricter than TRACKING_P.
 */
const GAP_FALSE_PER_MONTH = 0.2;
const GAP_P_MAX = 0.02;
/** Longest gap looked back over: four weeks of hours, eight weeks of days. */
const GAP_SCAN: Record<AnomalyGrain, number> = { hour: 28 * 24, day: 56 };
const PERIODS_PER_MONTH: Record<AnomalyGrain, number> = { hour: 30 * 24, day: 30 };
/** Share of a tracking window's clicks that must come after its last conversion (the break is ongoing, not over). */
const MIN_SHARE_SINCE_CONVERSION = 0.5;
/** A rise in a count is only worth an alert from this many conversions in the period. */
const MIN_UP_COUNT = 5;

export interface CountContext {
  points: readonly MetricPoint[];
  /** points[0, fitEnd) are the history. */
  fitEnd: number;
  reportFrom: number;
  grain: AnomalyGrain;
  alpha: number;
  /** Conversions per click over the history. */
  cvr: number;
  /** Expected clicks per point (from the clicks model) at index i. */
  expectedClicks(i: number): number;
  /** Conversions per point over the history (for the gap test's level). */
  conversionsPerPoint?: number;
}

/** Chance of no conversion from `clicks` clicks at conversion rate `cvr` (binomial). */
export function noConversionChance(clicks: number, cvr: number): number {
  if (!(cvr > 0) || clicks <= 0) return 1;
  if (cvr >= 1) return 0;
  return Math.exp(clicks * Math.log1p(-cvr));
}

/** Level of the gap test for a series with this many conversions per point. */
export function gapLevel(grain: AnomalyGrain, conversionsPerPoint: number): number {
  const perMonth = conversionsPerPoint * PERIODS_PER_MONTH[grain];
  if (!(perMonth > 0)) return TRACKING_P;
  return Math.min(GAP_P_MAX, Math.max(TRACKING_P, GAP_FALSE_PER_MONTH / perMonth));
}

/**
 * The hours (or days) since the last conversion, up to point i: no conversion although clicks kept
 * coming (at least half the expected number) and the clicks at the usual conversion rate make that
 * improbable (binomial, level from `gapLevel`). Judged on probability, not on a fixed wait: a
 * low-volume campaign needs a longer gap, a busy one a short one.
 */
function gapFinding(ctx: CountContext, i: number): AnomalyFinding | null {
  let clicks = 0;
  let expectedClicks = 0;
  let start = -1;
  for (let j = i; j >= Math.max(0, i - GAP_SCAN[ctx.grain] + 1); j--) {
    const p = ctx.points[j];
    if (!p || p.conversions > 0) break;
    clicks += p.clicks;
    expectedClicks += Math.max(0, ctx.expectedClicks(j));
    start = j;
  }
  const p = ctx.points[i];
  if (start < 0 || !p || clicks < 0.5 * expectedClicks) return null;
  const chance = noConversionChance(clicks, ctx.cvr);
  const level = gapLevel(ctx.grain, ctx.conversionsPerPoint ?? 0);
  if (chance >= level) return null;
  const lambda = clicks * ctx.cvr;
  const band = countBand(lambda, level);
  return {
    metric: 'conversions', at: p.at, since: ctx.points[start]?.at ?? p.at, observed: 0, expected: lambda,
    // The test judged no conversion improbable, so the lowest normal count is at least one.
    ...band, lower: Math.max(1, band.lower),
    direction: 'down', method: 'tracking_break', confidence: 'normal', score: -Math.log10(Math.max(chance, 1e-300)),
  };
}

/**
 * Normal counts for Poisson(lambda) at a one-sided level, the level the count tests judge each side
 * at: a count below `lower` or above `upper` is one the test flags, so a finding's observed count
 * always lies outside its band.
 */
function countBand(lambda: number, level: number): { lower: number; upper: number } {
  return { lower: poissonQuantile(level, lambda), upper: poissonQuantile(1 - level, lambda) };
}

/**
 * The count k against Poisson(lambda) at `alpha` on each side; the band (counts divided by `perUnit`,
 * e.g. the clicks for a rate) is drawn only for a point the test flags.
 */
function tailFinding(base: Pick<AnomalyFinding, 'metric' | 'at' | 'observed' | 'expected'>, k: number, lambda: number, alpha: number, perUnit = 1): AnomalyFinding | null {
  const upper = poissonUpperTail(k, lambda);
  const lower = poissonCdf(k, lambda);
  const p = Math.min(upper, lower);
  if (p >= alpha || (upper < lower && k < MIN_UP_COUNT)) return null;
  const band = countBand(lambda, alpha);
  return {
    ...base, lower: band.lower / perUnit, upper: band.upper / perUnit, since: base.at,
    direction: upper < lower ? 'up' : 'down', method: 'poisson', confidence: 'normal', score: -Math.log10(Math.max(p, 1e-300)),
  };
}

/**
 * Zero-heavy conversion counts: conversions against Poisson(expected clicks × cvr), and conversion
 * rate as conversions against Poisson(actual clicks × cvr) (a change in rate at the clicks received).
 */
export function poissonFindings(ctx: CountContext, testConversions: boolean): AnomalyFinding[] {
  const out: AnomalyFinding[] = [];
  if (!(ctx.cvr > 0)) return out;
  for (let i = ctx.reportFrom; i < ctx.points.length; i++) {
    const p = ctx.points[i];
    if (!p) continue;
    if (testConversions) {
      // Clicks that did arrive can convert even when few were expected.
      const lambda = Math.max(0.05, Math.max(ctx.expectedClicks(i), p.clicks) * ctx.cvr);
      const f = tailFinding({ metric: 'conversions', at: p.at, observed: p.conversions, expected: lambda }, Math.round(p.conversions), lambda, ctx.alpha);
      if (f) out.push(f);
    }
    if (p.clicks > 0) {
      const lambda = p.clicks * ctx.cvr;
      const f = tailFinding({ metric: 'conversion_rate', at: p.at, observed: p.conversions / p.clicks, expected: ctx.cvr }, Math.round(p.conversions), lambda, ctx.alpha, p.clicks);
      if (f) out.push(f);
    }
  }
  return out;
}

/**
 * Broken tracking: over some window ending at the judged point, clicks keep coming (at least half
 * the expected number) but conversions are far below what the history's conversion rate predicts
 * (P(X ≤ observed) < 1e-3 and at most 15 % of the expected count), and most of the window's clicks
 * came after its last conversion (a window whose conversions resumed inside it is not a break going
 * on). `since` is the window start with the strongest evidence.
 */
export function trackingBreakFindings(ctx: CountContext): AnomalyFinding[] {
  const out: AnomalyFinding[] = [];
  if (!(ctx.cvr > 0)) return out;
  for (let i = ctx.reportFrom; i < ctx.points.length; i++) {
    let clicks = 0;
    let expectedClicks = 0;
    let conversions = 0;
    let best: { p: number; j: number; lambda: number; conversions: number } | null = null;
    // Clicks after the window's latest conversion (−1 until one is met): the stretch the break still holds.
    let clicksSinceConversion = -1;
    for (let j = i; j >= Math.max(0, i - TRACKING_SCAN[ctx.grain] + 1); j--) {
      const p = ctx.points[j];
      if (!p) break;
      if (p.conversions > 0 && clicksSinceConversion < 0) clicksSinceConversion = clicks;
      clicks += p.clicks;
      conversions += p.conversions;
      expectedClicks += Math.max(0, ctx.expectedClicks(j));
      const lambda = clicks * ctx.cvr;
      if (lambda < 3 || conversions > TRACKING_SHARE * lambda || clicks < 0.5 * expectedClicks) continue;
      // Broken tracking is still broken at the judged point: most of the window's clicks came after its last conversion.
      if (conversions > 0 && clicksSinceConversion < MIN_SHARE_SINCE_CONVERSION * clicks) continue;
      const pv = poissonCdf(Math.round(conversions), lambda);
      if (pv < TRACKING_P && (!best || pv < best.p)) best = { p: pv, j, lambda, conversions };
    }
    const p = ctx.points[i];
    if (!best || !p) {
      const gap = gapFinding(ctx, i);
      if (gap) out.push(gap);
      continue;
    }
    out.push({
      metric: 'conversions', at: p.at, since: ctx.points[best.j]?.at ?? p.at, observed: best.conversions, expected: best.lambda,
      ...countBand(best.lambda, TRACKING_P),
      direction: 'down', method: 'tracking_break', confidence: 'normal', score: -Math.log10(Math.max(best.p, 1e-300)),
    });
  }
  return out;
}
