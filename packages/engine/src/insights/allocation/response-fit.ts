/**
 * Response curve of one entity (campaign or ad set): conversions a day = β · Hill(adstock(spend); K, S),
 * adstock a normalised geometric carry-over over 7 days (a steady spend x has adstock x).
 *
 * The fit is Bayesian on a grid: for every (decay, shape S, half-saturation K) the maximum β is
 * integrated exactly (Gaussian noise, Gaussian prior on β), which gives each grid point a posterior
 * weight. The prior on K and S comes from the account (see `accountPrior`), so an entity with thin or
 * flat data leans on its account; an entity with varied spend speaks for itself. The weighted grid
 * is the fit's uncertainty, and what Thompson sampling draws from.
 */

import { detectLevelShift } from './change-point.ts';

/** One day of an entity's delivery. */
export interface DailyObservation {
  spendMicros: number;
  conversions: number;
  /** Conversion value in account currency units (for ROAS); optional. */
  conversionValue?: number;
}

/** What the account says about curves when an entity's own data is thin. */
export interface AccountPrior {
  /** Mean of ln(K / reference spend) over the account's entities. */
  logHalfSaturationRatio: number;
  /** Spread of that logarithm. */
  logHalfSaturationSd: number;
  /** Mean Hill shape. */
  shape: number;
  shapeSd: number;
  /** Account conversions per micro of spend (its average cost per conversion inverted); null if unknown. */
  conversionsPerMicro: number | null;
}

/** A prior that knows nothing about the account: half-saturation near today's spend, shape near 1. */
export const DEFAULT_PRIOR: AccountPrior = { logHalfSaturationRatio: 0.2, logHalfSaturationSd: 0.9, shape: 1, shapeSd: 0.4, conversionsPerMicro: null };

/** One grid point of the posterior: β ~ N(beta, betaSd²) given (decay, shape, K). */
export interface CurvePoint {
  decay: number;
  shape: number;
  halfSaturationMicros: number;
  /** Conversions a day at saturation (posterior mean given the other three). */
  beta: number;
  betaSd: number;
  /** Posterior weight; the points of a fit sum to 1. */
  weight: number;
}

export interface ResponseFit {
  /** Days of data used. */
  days: number;
  /** Fewer days than the minimum: the allocator keeps the entity where it is. */
  thin: boolean;
  /** Typical recent daily spend (median of the last 28 days with spend). */
  referenceMicros: number;
  /** Conversion value per conversion (currency units), from the data; 0 when there is none. */
  valuePerConversion: number;
  /** Posterior grid points, heaviest first (negligible ones dropped). */
  points: CurvePoint[];
  /** Residual standard deviation of daily conversions. */
  noiseSd: number;
  /**
   * A level shift found in the history: the fit then uses only the days from `day` on (plus the
   * adstock window before it), as the older days describe a response that no longer holds.
   */
  shift?: { day: number; ratio: number };
}

export interface FitOptions {
  /** Days needed before the curve is trusted (default 28). */
  minDays?: number;
  prior?: AccountPrior;
  /** Refit on the days after a detected level shift (default true). */
  resetOnShift?: boolean;
}

/** Days after a shift before the new curve is trusted on its own (shorter than a fresh start: the account prior fills in). */
export const MIN_DAYS_AFTER_SHIFT = 14;

export const MIN_FIT_DAYS = 28;
export const ADSTOCK_DAYS = 7;
const DECAYS = [0.1, 0.3, 0.5, 0.7];
const SHAPES = [0.6, 0.8, 1, 1.25, 1.6, 2];
const HALF_RATIOS = Array.from({ length: 15 }, (_, i) => Math.exp(Math.log(0.15) + (i * (Math.log(10) - Math.log(0.15))) / 14));

/** Hill saturation with a maximum of 1: xˢ / (Kˢ + xˢ). */
export function hill01(x: number, k: number, shape: number): number {
  if (x <= 0) return 0;
  const r = Math.pow(x / k, shape);
  return r / (1 + r);
}

/** Derivative of `hill01` with respect to x. */
export function hill01Slope(x: number, k: number, shape: number): number {
  if (x <= 0) return shape < 1 ? Infinity : shape === 1 ? 1 / k : 0;
  const r = Math.pow(x / k, shape);
  return (shape * r) / (x * (1 + r) * (1 + r));
}

/** Normalised adstock of each day (chronological spends), using the days before it inside the window. */
export function adstockSeries(spends: readonly number[], decay: number, window = ADSTOCK_DAYS): number[] {
  const weights = Array.from({ length: window }, (_, i) => Math.pow(decay, i));
  const total = weights.reduce((a, b) => a + b, 0);
  return spends.map((_, t) => {
    let sum = 0;
    for (let i = 0; i < window; i++) sum += (spends[t - i] ?? 0) * (weights[i] ?? 0);
    return sum / total;
  });
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** Fits the curve of one entity from its daily history (oldest first). */
export function fitResponse(history: readonly DailyObservation[], options: FitOptions = {}): ResponseFit {
  const minDays = options.minDays ?? MIN_FIT_DAYS;
  const prior = options.prior ?? DEFAULT_PRIOR;
  const spends = history.map((d) => Math.max(0, d.spendMicros));
  const conversions = history.map((d) => Math.max(0, d.conversions));
  const totalConversions = conversions.reduce((a, b) => a + b, 0);
  const totalValue = history.reduce((a, d) => a + Math.max(0, d.conversionValue ?? 0), 0);
  const recent = spends.slice(-28).filter((s) => s > 0);
  const referenceMicros = median(recent) || median(spends.filter((s) => s > 0)) || 0;
  const valuePerConversion = totalConversions > 0 ? totalValue / totalConversions : 0;
  const days = history.length;
  const base = { days, thin: days < minDays, referenceMicros, valuePerConversion };
  if (referenceMicros <= 0) {
    return { ...base, thin: true, points: [], noiseSd: 0 };
  }

  // The first days lack a full adstock window; they are used only when nothing else is there.
  const skip = days > ADSTOCK_DAYS * 2 ? ADSTOCK_DAYS - 1 : 0;
  const ys = conversions.slice(skip);
  const n = ys.length;
  const sumY2 = ys.reduce((a, y) => a + y * y, 0);
  const meanY = ys.reduce((a, y) => a + y, 0) / Math.max(n, 1);
  const scaled = spends.map((s) => s / referenceMicros);

  interface Cell { decay: number; shape: number; ratio: number; shh: number; syh: number }
  const cells: Cell[] = [];
  let bestSse = Infinity;
  for (const decay of DECAYS) {
    const xs = adstockSeries(scaled, decay).slice(skip);
    for (const shape of SHAPES) {
      // xˢ once per day; each K then costs a division (Hill = xˢ / (Kˢ + xˢ)).
      const powered = xs.map((x) => (x > 0 ? Math.pow(x, shape) : 0));
      for (const ratio of HALF_RATIOS) {
        const kPow = Math.pow(ratio, shape);
        let shh = 0;
        let syh = 0;
        for (let t = 0; t < n; t++) {
          const p = powered[t] ?? 0;
          const h = p / (kPow + p);
          shh += h * h;
          syh += (ys[t] ?? 0) * h;
        }
        cells.push({ decay, shape, ratio, shh, syh });
        if (shh > 0) bestSse = Math.min(bestSse, sumY2 - (syh * syh) / shh);
      }
    }
  }
  // Noise: residual variance of the best curve, never below a Poisson-like floor.
  const sigma2 = Math.max(Number.isFinite(bestSse) ? bestSse / Math.max(n - 3, 1) : 0, meanY * 0.5, 1e-6);
  const priorRate = prior.conversionsPerMicro ?? (totalConversions > 0 && spends.some((s) => s > 0)
    ? totalConversions / spends.reduce((a, b) => a + b, 0) : null);

  const logWeights: number[] = [];
  const posts: Array<{ beta: number; betaSd: number }> = [];
  for (const c of cells) {
    // β prior: the account's conversions at today's spend, loosely (sd = its own size).
    const atReference = hill01(1, c.ratio, c.shape);
    const beta0 = priorRate !== null && atReference > 0 ? (priorRate * referenceMicros) / atReference : Math.max(meanY, 1e-3) / Math.max(atReference, 1e-6);
    const tau2 = beta0 * beta0;
    const precision = c.shh / sigma2 + 1 / tau2;
    const mean = (c.syh / sigma2 + beta0 / tau2) / precision;
    const logLik = -0.5 * (sumY2 / sigma2 + (beta0 * beta0) / tau2 - mean * mean * precision) - 0.5 * Math.log(precision * tau2);
    const zK = (Math.log(c.ratio) - prior.logHalfSaturationRatio) / prior.logHalfSaturationSd;
    const zS = (c.shape - prior.shape) / prior.shapeSd;
    logWeights.push(logLik - 0.5 * zK * zK - 0.5 * zS * zS);
    // β must be positive: a negative mean means the curve does not fit; keep it tiny.
    posts.push({ beta: Math.max(mean, 1e-9), betaSd: Math.sqrt(1 / precision) });
  }
  const top = Math.max(...logWeights);
  const raw = logWeights.map((l) => Math.exp(l - top));
  const total = raw.reduce((a, b) => a + b, 0);
  const points: CurvePoint[] = [];
  cells.forEach((c, i) => {
    const w = (raw[i] ?? 0) / total;
    const post = posts[i];
    if (w < 1e-4 || !post) return;
    points.push({ decay: c.decay, shape: c.shape, halfSaturationMicros: c.ratio * referenceMicros, beta: post.beta, betaSd: post.betaSd, weight: w });
  });
  points.sort((a, b) => b.weight - a.weight || a.decay - b.decay || a.shape - b.shape || a.halfSaturationMicros - b.halfSaturationMicros);
  const kept = points.reduce((a, p) => a + p.weight, 0);
  for (const p of points) p.weight /= kept;
  const fit: ResponseFit = { ...base, points, noiseSd: Math.sqrt(sigma2) };
  if (options.resetOnShift === false || base.thin) return fit;
  const shift = detectLevelShift(ys, fittedDays(fit, spends).slice(skip));
  if (!shift) return fit;
  // Reset: refit on the days after the shift, keeping the adstock window before it as warm-up (skipped by the fit).
  const day = skip + shift.index;
  const after = days - day;
  const refit = fitResponse(history.slice(Math.max(0, day - (ADSTOCK_DAYS - 1))), { ...options, resetOnShift: false, minDays: Math.min(minDays, MIN_DAYS_AFTER_SHIFT) });
  return { ...refit, thin: refit.thin || after < MIN_DAYS_AFTER_SHIFT, shift: { day, ratio: shift.ratio } };
}

/** Each day's expected conversions under the fit, given the spends up to it (posterior mean). */
export function fittedDays(fit: ResponseFit, spends: readonly number[]): number[] {
  const byDecay = new Map<number, number[]>();
  const out = spends.map(() => 0);
  for (const p of fit.points) {
    const stocked = byDecay.get(p.decay) ?? adstockSeries(spends, p.decay);
    byDecay.set(p.decay, stocked);
    for (let t = 0; t < out.length; t++) out[t] = (out[t] ?? 0) + p.weight * p.beta * hill01(stocked[t] ?? 0, p.halfSaturationMicros, p.shape);
  }
  return out;
}

/** Steady-state conversions a day at daily spend `micros`, averaged over the posterior. */
export function expectedConversions(fit: ResponseFit, micros: number): number {
  return fit.points.reduce((sum, p) => sum + p.weight * p.beta * hill01(micros, p.halfSaturationMicros, p.shape), 0);
}

/** Extra conversions a day per extra micro at daily spend `micros` (posterior mean). */
export function marginalConversions(fit: ResponseFit, micros: number): number {
  return fit.points.reduce((sum, p) => sum + p.weight * p.beta * hill01Slope(micros, p.halfSaturationMicros, p.shape), 0);
}

/** Posterior mean of ln(K / reference spend) and of the shape: what this entity tells its account. */
export function curveSummary(fit: ResponseFit): { logHalfSaturationRatio: number; shape: number } {
  let logK = 0;
  let shape = 0;
  for (const p of fit.points) {
    logK += p.weight * Math.log(p.halfSaturationMicros / fit.referenceMicros);
    shape += p.weight * p.shape;
  }
  return { logHalfSaturationRatio: logK, shape };
}

/**
 * Fits every entity of an account twice: first on the default prior, then with a prior centred on
 * what the entities with enough data say together (partial pooling), so thin entities borrow shape
 * and saturation from their account.
 */
export function fitAccount(histories: ReadonlyMap<string, readonly DailyObservation[]> | Record<string, readonly DailyObservation[]>, options: Omit<FitOptions, 'prior'> = {}): Map<string, ResponseFit> {
  const entries = histories instanceof Map ? [...histories.entries()] : Object.entries(histories);
  const first = entries.map(([id, h]) => [id, h, fitResponse(h, options)] as const);
  const informed = first.filter(([, , f]) => !f.thin && f.points.length > 0);
  let spend = 0;
  let conversions = 0;
  for (const [, h] of entries) for (const d of h) {
    spend += Math.max(0, d.spendMicros);
    conversions += Math.max(0, d.conversions);
  }
  const rate = spend > 0 && conversions > 0 ? conversions / spend : null;
  if (informed.length < 2) {
    const prior = { ...DEFAULT_PRIOR, conversionsPerMicro: null };
    return new Map(entries.map(([id, h]) => [id, fitResponse(h, { ...options, prior: { ...prior, conversionsPerMicro: thinRate(h, rate, options.minDays) } })]));
  }
  const summaries = informed.map(([, h, f]) => ({ ...curveSummary(f), w: Math.sqrt(h.length) }));
  const wsum = summaries.reduce((a, s) => a + s.w, 0);
  const logK = summaries.reduce((a, s) => a + s.w * s.logHalfSaturationRatio, 0) / wsum;
  const shape = summaries.reduce((a, s) => a + s.w * s.shape, 0) / wsum;
  const spreadK = Math.sqrt(summaries.reduce((a, s) => a + s.w * (s.logHalfSaturationRatio - logK) ** 2, 0) / wsum);
  const spreadS = Math.sqrt(summaries.reduce((a, s) => a + s.w * (s.shape - shape) ** 2, 0) / wsum);
  const pooled: AccountPrior = {
    logHalfSaturationRatio: logK, logHalfSaturationSd: Math.min(DEFAULT_PRIOR.logHalfSaturationSd, Math.max(0.5, spreadK)),
    shape, shapeSd: Math.min(DEFAULT_PRIOR.shapeSd, Math.max(0.25, spreadS)), conversionsPerMicro: null,
  };
  return new Map(entries.map(([id, h]) => [id, fitResponse(h, { ...options, prior: { ...pooled, conversionsPerMicro: thinRate(h, rate, options.minDays) } })]));
}

/** An entity with thin data takes the account's conversion rate as its β prior; others use their own. */
function thinRate(history: readonly DailyObservation[], accountRate: number | null, minDays = MIN_FIT_DAYS): number | null {
  return history.length < minDays ? accountRate : null;
}
