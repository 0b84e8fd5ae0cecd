/**
 * Shares a fixed daily total over entities by equalising marginal return (greedy water-filling in
 * slices of 1 % of the total, finer at the end), within each entity's minimum and maximum, a maximum
 * daily change (±20 % by default) and the platform's budget step. Where a curve is uncertain the
 * allocation uses one draw from its posterior (Thompson sampling, seeded), so uncertain entities
 * are sometimes tried higher or lower and their curves learn; settled ones use the posterior mean.
 */
import { seededRandom } from '../../copy/seeded.ts';
import { expectedConversions, hill01, marginalConversions, type CurvePoint, type ResponseFit } from './response-fit.ts';

export interface AllocationEntity {
  id: string;
  /** Today's daily budget. */
  currentMicros: number;
  minMicros?: number;
  maxMicros?: number;
  /** Budgets must be multiples of this (platform budget step; default one cent). */
  stepMicros?: number;
  fit: ResponseFit;
}

export interface AllocationInput {
  /** The daily total to share. */
  totalMicros: number;
  entities: readonly AllocationEntity[];
  /** Largest change of one entity's budget in one go, as a fraction (default 0.2). */
  maxDailyChange?: number;
  /** Maximise conversions (default) or conversion value. */
  objective?: 'conversions' | 'value';
  seed: number;
  /** Draw uncertain curves from their posterior (default true). */
  explore?: boolean;
  /** Coefficient of variation of the marginal return above which a curve counts as uncertain (default 0.25). */
  uncertainCv?: number;
  /** Posterior draws for the intervals (default 200). */
  draws?: number;
}

export interface Interval {
  mean: number;
  /** 10th percentile (the interval is 80 %). */
  low: number;
  /** 90th percentile. */
  high: number;
}

export interface EntityProposal {
  id: string;
  currentMicros: number;
  proposedMicros: number;
  changeMicros: number;
  /** The bounds the proposal had to respect (min/max, daily change and step together). */
  lowerMicros: number;
  upperMicros: number;
  /** Extra conversions a day per extra currency unit at the proposed budget (posterior mean). */
  marginalConversionsPerUnit: number;
  /** Cost of the next conversion at the proposed budget (micros), null when the curve is flat. */
  marginalCpaMicros: number | null;
  /** Value of the next currency unit at the proposed budget (0 without conversion value). */
  marginalRoas: number;
  /** Expected change in conversions a day, once the change has settled (adstock), 80 % interval. */
  conversionsChange: Interval;
  /** The curve was uncertain and the proposal used a posterior draw. */
  explored: boolean;
  /** Kept where it is: too little data for a curve. */
  held: boolean;
  reason: string;
}

export interface AllocationResult {
  feasible: boolean;
  /** Why the total cannot be honoured (the floors exceed it), when it cannot. */
  problem: string | null;
  /** Why part of the total stays unspent (the ceilings are below it), when they are. */
  note: string | null;
  totalMicros: number;
  allocatedMicros: number;
  /** Left over because of budget steps or maximums. */
  unallocatedMicros: number;
  conversionsChange: Interval;
  entities: EntityProposal[];
}

const MICROS = 1_000_000;
const DEFAULT_STEP = 10_000;

type Curve = (micros: number) => number;

/** One posterior draw of an entity's curve: pick a grid point by weight, then β from its normal. */
function drawPoint(points: readonly CurvePoint[], random: () => number): { point: CurvePoint; beta: number } | null {
  if (points.length === 0) return null;
  let u = random();
  let chosen = points[points.length - 1] as CurvePoint;
  for (const p of points) {
    u -= p.weight;
    if (u <= 0) {
      chosen = p;
      break;
    }
  }
  // Box–Muller normal for β, kept positive.
  const z = Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
  return { point: chosen, beta: Math.max(chosen.beta + z * chosen.betaSd, chosen.beta * 0.05) };
}

function drawnCurve(points: readonly CurvePoint[], random: () => number): Curve | null {
  const d = drawPoint(points, random);
  if (!d) return null;
  const { point, beta } = d;
  return (x) => beta * hill01(x, point.halfSaturationMicros, point.shape);
}

/** Spread of the marginal return at today's budget over the posterior, relative to its mean. */
export function marginalUncertainty(fit: ResponseFit, atMicros: number, draws = 64, seed = 1): number {
  if (fit.points.length === 0) return Infinity;
  const random = seededRandom(seed);
  const h = Math.max(atMicros * 0.05, 1);
  const values: number[] = [];
  for (let i = 0; i < draws; i++) {
    const c = drawnCurve(fit.points, random);
    if (c) values.push((c(atMicros + h) - c(Math.max(atMicros - h, 0))) / (atMicros + h - Math.max(atMicros - h, 0)));
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
  return mean > 0 ? sd / mean : Infinity;
}

const floorTo = (v: number, step: number): number => Math.floor(v / step + 1e-9) * step;
const ceilTo = (v: number, step: number): number => Math.ceil(v / step - 1e-9) * step;

function bounds(e: AllocationEntity, maxChange: number): { lower: number; upper: number; held: boolean } {
  const step = e.stepMicros ?? DEFAULT_STEP;
  const min = Math.max(0, e.minMicros ?? 0);
  const max = e.maxMicros ?? Infinity;
  const held = e.fit.thin || e.fit.points.length === 0;
  const lo = held ? e.currentMicros : Math.max(min, e.currentMicros * (1 - maxChange));
  const hi = held ? e.currentMicros : Math.min(max, e.currentMicros * (1 + maxChange));
  let lower = ceilTo(Math.max(lo, min), step);
  let upper = floorTo(Math.min(hi, max), step);
  if (lower > upper) {
    // No step inside the window: stay on the step nearest today's budget within min and max.
    const near = Math.min(floorTo(max, step), Math.max(ceilTo(min, step), Math.round(e.currentMicros / step) * step));
    lower = near;
    upper = near;
  }
  return { lower, upper, held };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (i - lo);
}

function interval(values: number[]): Interval {
  const sorted = [...values].sort((a, b) => a - b);
  return { mean: values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1), low: quantile(sorted, 0.1), high: quantile(sorted, 0.9) };
}

const money = (micros: number): string => (micros / MICROS).toFixed(2);

export function allocateBudget(input: AllocationInput): AllocationResult {
  const maxChange = input.maxDailyChange ?? 0.2;
  const objective = input.objective ?? 'conversions';
  const explore = input.explore ?? true;
  const uncertainCv = input.uncertainCv ?? 0.25;
  const random = seededRandom(input.seed);
  const total = Math.max(0, input.totalMicros);

  const items = input.entities.map((e) => {
    const b = bounds(e, maxChange);
    const step = e.stepMicros ?? DEFAULT_STEP;
    const worth = objective === 'value' ? Math.max(e.fit.valuePerConversion, 0) : 1;
    const uncertain = !b.held && marginalUncertainty(e.fit, Math.max(e.currentMicros, step), 48, (input.seed ^ hashId(e.id)) >>> 0) > uncertainCv;
    const drawn = explore && uncertain ? drawnCurve(e.fit.points, random) : null;
    const curve: Curve = drawn ?? ((x) => expectedConversions(e.fit, x));
    return { e, ...b, step, worth, curve, explored: drawn !== null, x: b.lower };
  });

  const floorSum = items.reduce((a, it) => a + it.lower, 0);
  const ceilingSum = items.reduce((a, it) => a + it.upper, 0);
  let problem: string | null = null;
  if (floorSum > total) problem = `the minimums and the daily change limit need ${money(floorSum)} a day, more than the total of ${money(total)}`;
  let remaining = total - floorSum;

  if (remaining > 0) {
    const smallestStep = Math.min(...items.map((it) => it.step));
    let slice = Math.max(total * 0.01, smallestStep);
    while (remaining > 0 && slice >= smallestStep) {
      let best = -1;
      let bestGain = 0;
      let bestAmount = 0;
      items.forEach((it, i) => {
        const amount = floorTo(Math.min(Math.max(slice, it.step), it.upper - it.x, remaining), it.step);
        if (amount <= 0) return;
        const gain = (it.worth * (it.curve(it.x + amount) - it.curve(it.x))) / amount;
        if (best < 0 || gain > bestGain) {
          best = i;
          bestGain = gain;
          bestAmount = amount;
        }
      });
      const it = items[best];
      if (!it) {
        slice /= 2;
        continue;
      }
      // A flat or falling curve gets money only when nothing better is left (the total is fixed).
      it.x += bestAmount;
      remaining -= bestAmount;
    }
  }
  const note = ceilingSum < total ? `the maximums and the daily change limit allow only ${money(ceilingSum)} a day of the ${money(total)}` : null;

  // Intervals: posterior draws of each entity's steady-state conversions, now vs proposed.
  const draws = input.draws ?? 200;
  const drawRandom = seededRandom((input.seed * 2654435761) >>> 0);
  const totals = new Array<number>(draws).fill(0);
  const bestMarginal = Math.max(0, ...items.map((it) => it.worth * marginalConversions(it.e.fit, it.x)));
  const entities: EntityProposal[] = items.map((it) => {
    const deltas: number[] = [];
    for (let d = 0; d < draws; d++) {
      const c = drawnCurve(it.e.fit.points, drawRandom);
      const delta = c ? c(it.x) - c(it.e.currentMicros) : 0;
      deltas.push(delta);
      totals[d] = (totals[d] ?? 0) + delta;
    }
    const m = marginalConversions(it.e.fit, it.x);
    const marginalCpaMicros = m > 0 && Number.isFinite(m) ? 1 / m : null;
    const marginalRoas = m > 0 && Number.isFinite(m) ? m * MICROS * it.e.fit.valuePerConversion : 0;
    const proposal: Omit<EntityProposal, 'reason'> = {
      id: it.e.id, currentMicros: it.e.currentMicros, proposedMicros: it.x, changeMicros: it.x - it.e.currentMicros,
      lowerMicros: it.lower, upperMicros: it.upper, marginalConversionsPerUnit: Number.isFinite(m) ? m * MICROS : 0,
      marginalCpaMicros, marginalRoas, conversionsChange: interval(deltas), explored: it.explored, held: it.held,
    };
    return { ...proposal, reason: reasonFor(proposal, it.e.fit.days, bestMarginal > 0 ? (it.worth * m) / bestMarginal : 0, maxChange) };
  });
  const allocated = items.reduce((a, it) => a + it.x, 0);
  return {
    feasible: problem === null, problem, note, totalMicros: total, allocatedMicros: allocated, unallocatedMicros: Math.max(0, total - allocated),
    conversionsChange: interval(totals), entities,
  };
}

function reasonFor(p: Omit<EntityProposal, 'reason'>, days: number, relative: number, maxChange: number): string {
  const pct = Math.round((p.changeMicros / Math.max(p.currentMicros, 1)) * 100);
  const cpa = p.marginalCpaMicros === null ? 'no measurable return' : `about ${money(p.marginalCpaMicros)} for the next conversion`;
  const explored = p.explored ? ' (its curve is still uncertain, so this also tests it)' : '';
  if (p.held) return `Kept at ${money(p.currentMicros)}: ${days} days of data are too few to trust a response curve.`;
  const capped = Math.abs(pct) >= Math.round(maxChange * 100) - 1 ? `, as far as the ${Math.round(maxChange * 100)} % daily change limit allows` : '';
  if (pct > 0) return `Raised ${pct} %${capped} because extra spend here still returns well (${cpa})${explored}.`;
  if (pct < 0) return `Lowered ${-pct} %${capped} because this curve is saturating (${cpa}, ${Math.round(relative * 100)} % of the best marginal return)${explored}.`;
  return `Kept at ${money(p.currentMicros)}: its marginal return (${cpa}) is in line with the others${explored}.`;
}

function hashId(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}
