/**
 * Budget reallocation scored against the market simulator's true response curves.
 *
 * For each seed a sandbox world is started; the true curves (Hill over adstocked spend) and account
 * currencies are read through its control API, and 90 days of daily campaign history (spend,
 * conversions, value; matured) from the simulator. Per account (its enabled campaigns share one
 * daily total = their trailing 7-day spend), the allocator runs closed-loop for 60 days: each day it
 * proposes budgets (±20 % daily change, per-campaign min 0.25× / max 4× of today's spend, the
 * currency's budget step, Thompson draws where uncertain), the day is played on the true curve with
 * delivery noise (CV 10 %) and conversion noise (CV 25 %), and the outcome joins the history; curves
 * are refitted weekly. Scored on the true expected conversions of the final 30 days, divided by the
 * oracle's (true-curve optimum of the same total within min/max, held from day one). Baselines on
 * the same days: equal split, proportional to trailing 28-day ROAS, and the status quo.
 *
 * Figures: alloc_vs_oracle_median/_p10, equal_split_vs_oracle_median/_p10, roas_prop_vs_oracle_median/_p10,
 * current_vs_oracle_median, alloc_cumulative_vs_oracle_median (all 60 days, from today's budgets),
 * constraint_violations (bounds, step, daily change, total, over every proposal), alloc_cases
 * (accounts × seeds), alloc_ms_50 (allocateBudget over 50 fitted entities, median of 20; target
 * < 100) and fit_ms_50 (fitAccount of 50 × 90-day histories, median of 5), each
 * also in CPU time (`*_cpu_ms_50`) because the machine may be shared.
 */
import {
  addDays, allocateBudget, fitAccount, hill01, minorUnitMicros, type AllocationEntity, type DailyObservation, type ResponseFit,
} from '@adloop/engine';
import { startSandbox } from '@adloop/sandbox';
import { seededRandom } from '../../packages/engine/src/copy/seeded.ts';
import type { PartFigures, PartOptions } from '../ai.bench.ts';

const START = Date.parse('2026-06-15T00:00:00Z');
const HISTORY_DAYS = 90;
const HORIZON_DAYS = 60;
const SCORED_DAYS = 30;
const REFIT_EVERY = 7;
const MAX_CHANGE = 0.2;
const MIN_SHARE = 0.25;
const MAX_SHARE = 4;
const ADSTOCK_DAYS = 7;

interface TrueCurve { maxConversionsPerDay: number; halfSaturationMicros: number; shape: number; adstockDecayPerDay: number; averageOrderValue: number }
interface GroundTruth { campaigns: Array<{ platform: string; accountId: string; campaignId: string; responseCurve: TrueCurve }> }
type Summary = Record<string, Array<{ id: string; currency: string; isManager: boolean; campaigns: Array<{ id: string; status: string }> }>>;

interface Arm { id: string; truth: TrueCurve; history: DailyObservation[]; currentMicros: number; step: number; min: number; max: number }

const steady = (t: TrueCurve, micros: number): number => t.maxConversionsPerDay * hill01(micros, t.halfSaturationMicros, t.shape);

/** True expected conversions of a day given the spends so far (oldest first, today last). */
function trueDay(t: TrueCurve, spends: readonly number[]): number {
  let sum = 0;
  let norm = 0;
  for (let i = 0; i < ADSTOCK_DAYS; i++) {
    const w = Math.pow(t.adstockDecayPerDay, i);
    norm += w;
    sum += w * (spends[spends.length - 1 - i] ?? 0);
  }
  return steady(t, sum / norm);
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
}
const lognormal = (random: () => number, cv: number): number => Math.exp(cv * normal(random) - (cv * cv) / 2);

/** Water-filling on the true curves within min/max: the oracle's daily budgets. */
function oracle(arms: readonly Arm[], total: number): number[] {
  const x = arms.map((a) => a.min);
  let left = total - x.reduce((a, b) => a + b, 0);
  const slice = total / 4000;
  while (left > slice / 2) {
    let best = -1;
    let gain = -Infinity;
    arms.forEach((a, i) => {
      const amount = Math.min(slice, a.max - (x[i] ?? 0), left);
      if (amount <= 0) return;
      const g = (steady(a.truth, (x[i] ?? 0) + amount) - steady(a.truth, x[i] ?? 0)) / amount;
      if (g > gain) {
        gain = g;
        best = i;
      }
    });
    if (best < 0) break;
    const amount = Math.min(slice, (arms[best]?.max ?? 0) - (x[best] ?? 0), left);
    x[best] = (x[best] ?? 0) + amount;
    left -= amount;
  }
  return x;
}

/** Plays a fixed daily allocation on the true curves; true conversions of the scored days (or of all days). */
function playStatic(arms: readonly Arm[], budgets: readonly number[], allDays = false): number {
  let scored = 0;
  arms.forEach((a, i) => {
    const spends = a.history.map((d) => d.spendMicros);
    for (let day = 0; day < HORIZON_DAYS; day++) {
      spends.push(budgets[i] ?? 0);
      if (allDays || day >= HORIZON_DAYS - SCORED_DAYS) scored += trueDay(a.truth, spends);
    }
  });
  return scored;
}

interface LoopResult { scored: number; cumulative: number; violations: number; proposals: number }

function playAllocator(arms: readonly Arm[], total: number, seed: number): LoopResult {
  const random = seededRandom(seed);
  const histories = arms.map((a) => [...a.history]);
  const budgets = arms.map((a) => a.currentMicros);
  let fits = new Map<string, ResponseFit>();
  let scored = 0;
  let cumulative = 0;
  let violations = 0;
  let proposals = 0;
  for (let day = 0; day < HORIZON_DAYS; day++) {
    if (day % REFIT_EVERY === 0) fits = fitAccount(Object.fromEntries(arms.map((a, i) => [a.id, (histories[i] ?? []).slice(-HISTORY_DAYS)])));
    const entities: AllocationEntity[] = arms.map((a, i) => ({
      id: a.id, currentMicros: budgets[i] ?? 0, minMicros: a.min, maxMicros: a.max, stepMicros: a.step, fit: fits.get(a.id) as ResponseFit,
    }));
    const result = allocateBudget({ totalMicros: total, entities, maxDailyChange: MAX_CHANGE, seed: seed * 1000 + day, draws: 50 });
    if (result.feasible && result.allocatedMicros > total + 1e-6) violations += 1;
    result.entities.forEach((p, i) => {
      const e = entities[i] as AllocationEntity;
      proposals += 1;
      const bad = p.proposedMicros % (e.stepMicros ?? 1) !== 0
        || p.proposedMicros < (e.minMicros ?? 0) - 1e-6 || p.proposedMicros > (e.maxMicros ?? Infinity) + 1e-6
        || Math.abs(p.proposedMicros - e.currentMicros) > e.currentMicros * MAX_CHANGE + (e.stepMicros ?? 0);
      if (bad) violations += 1;
      budgets[i] = p.proposedMicros;
    });
    arms.forEach((a, i) => {
      const h = histories[i] as DailyObservation[];
      const spend = Math.round((budgets[i] ?? 0) * lognormal(random, 0.1));
      const spends = [...h.slice(-(ADSTOCK_DAYS - 1)).map((d) => d.spendMicros), spend];
      const expected = trueDay(a.truth, spends);
      const conversions = expected * lognormal(random, 0.25);
      h.push({ spendMicros: spend, conversions, conversionValue: conversions * a.truth.averageOrderValue });
      // Scored on what the budget buys in truth (spend noise is the platform's, not the policy's).
      const bought = trueDay(a.truth, [...h.slice(-ADSTOCK_DAYS, -1).map((d) => d.spendMicros), budgets[i] ?? 0]);
      cumulative += bought;
      if (day >= HORIZON_DAYS - SCORED_DAYS) scored += bought;
    });
  }
  return { scored, cumulative, violations, proposals };
}

function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return (s[lo] ?? 0) + ((s[hi] ?? 0) - (s[lo] ?? 0)) * (i - lo);
}

async function worldArms(seed: number): Promise<Arm[][]> {
  const sandbox = await startSandbox({ seed, clock: START });
  try {
    const truth = (await (await fetch(`${sandbox.urls.control}/control/ground-truth`)).json()) as GroundTruth;
    const summary = (await (await fetch(`${sandbox.urls.control}/control/accounts`)).json()) as Summary;
    const curves = new Map(truth.campaigns.map((c) => [`${c.platform}|${c.campaignId}`, c.responseCurve]));
    const world = sandbox.simulator.world();
    const lastDay = addDays(new Date(START).toISOString().slice(0, 10), -1);
    const groups: Arm[][] = [];
    for (const [platform, accounts] of Object.entries(summary)) {
      const pw = world.platforms[platform as keyof typeof world.platforms];
      for (const account of accounts) {
        if (account.isManager) continue;
        const arms: Arm[] = [];
        for (const c of account.campaigns) {
          const campaign = pw.campaigns.get(c.id);
          const curve = curves.get(`${platform}|${c.id}`);
          if (c.status !== 'ENABLED' || !campaign || !curve) continue;
          const history: DailyObservation[] = [];
          for (let d = HISTORY_DAYS - 1; d >= 0; d--) {
            const facts = sandbox.simulator.engine.campaignDay(pw, campaign, addDays(lastDay, -d)).facts;
            history.push({
              spendMicros: facts.reduce((a, f) => a + f.spendMicros, 0),
              conversions: facts.reduce((a, f) => a + f.conversions, 0),
              conversionValue: facts.reduce((a, f) => a + f.conversionValue, 0),
            });
          }
          const step = minorUnitMicros(account.currency);
          const trailing = history.slice(-7).reduce((a, d) => a + d.spendMicros, 0) / 7;
          const current = Math.round(trailing / step) * step;
          if (current <= 0) continue;
          arms.push({ id: c.id, truth: curve, history, currentMicros: current, step, min: Math.ceil((current * MIN_SHARE) / step) * step, max: Math.floor((current * MAX_SHARE) / step) * step });
        }
        if (arms.length >= 2) groups.push(arms);
      }
    }
    return groups;
  } finally {
    await sandbox.close();
  }
}

/** Median wall and CPU milliseconds of `f` over `runs` runs after one warm-up (the machine may be shared). */
function measure(runs: number, f: (r: number) => void): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r <= runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f(r);
    const c = process.cpuUsage(c0);
    if (r === 0) continue;
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: quantile(wall, 0.5), cpu: quantile(cpu, 0.5) };
}

function timing(groups: readonly Arm[][]): { alloc: { wall: number; cpu: number }; fit: { wall: number; cpu: number } } {
  const arms = groups.flat();
  const fifty = Array.from({ length: 50 }, (_, i) => arms[i % arms.length] as Arm);
  const histories = Object.fromEntries(fifty.map((a, i) => [`e${i}`, a.history]));
  let fits = new Map<string, ResponseFit>();
  const fit = measure(5, () => {
    fits = fitAccount(histories);
  });
  const entities: AllocationEntity[] = fifty.map((a, i) => ({ id: `e${i}`, currentMicros: a.currentMicros, minMicros: a.min, maxMicros: a.max, stepMicros: a.step, fit: fits.get(`e${i}`) as ResponseFit }));
  const total = entities.reduce((s, e) => s + e.currentMicros, 0);
  const alloc = measure(20, (r) => {
    allocateBudget({ totalMicros: total, entities, seed: r });
  });
  return { alloc, fit };
}

export async function runPart(opts: PartOptions): Promise<PartFigures> {
  const seeds = opts.quick ? 5 : 20;
  const ratios = { alloc: [] as number[], cumulative: [] as number[], equal: [] as number[], roas: [] as number[], current: [] as number[] };
  let violations = 0;
  let proposals = 0;
  let firstGroups: Arm[][] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const groups = await worldArms(seed);
    if (seed === 1) firstGroups = groups;
    groups.forEach((arms, g) => {
      const total = arms.reduce((a, x) => a + x.currentMicros, 0);
      const optimum = oracle(arms, total);
      const best = playStatic(arms, optimum);
      const equal = playStatic(arms, arms.map(() => total / arms.length));
      const roasOf = arms.map((a) => {
        const last = a.history.slice(-28);
        const spend = last.reduce((s, d) => s + d.spendMicros, 0);
        return spend > 0 ? last.reduce((s, d) => s + (d.conversionValue ?? 0), 0) / spend : 0;
      });
      const roasSum = roasOf.reduce((a, b) => a + b, 0);
      const roas = playStatic(arms, arms.map((_, i) => (roasSum > 0 ? (total * (roasOf[i] ?? 0)) / roasSum : total / arms.length)));
      const current = playStatic(arms, arms.map((a) => a.currentMicros));
      const loop = playAllocator(arms, total, seed * 100 + g);
      violations += loop.violations;
      proposals += loop.proposals;
      ratios.alloc.push(loop.scored / best);
      ratios.cumulative.push(loop.cumulative / playStatic(arms, optimum, true));
      ratios.equal.push(equal / best);
      ratios.roas.push(roas / best);
      ratios.current.push(current / best);
    });
  }
  const { alloc, fit } = timing(firstGroups);
  return {
    alloc_vs_oracle_median: quantile(ratios.alloc, 0.5),
    alloc_vs_oracle_p10: quantile(ratios.alloc, 0.1),
    alloc_cumulative_vs_oracle_median: quantile(ratios.cumulative, 0.5),
    equal_split_vs_oracle_median: quantile(ratios.equal, 0.5),
    equal_split_vs_oracle_p10: quantile(ratios.equal, 0.1),
    roas_prop_vs_oracle_median: quantile(ratios.roas, 0.5),
    roas_prop_vs_oracle_p10: quantile(ratios.roas, 0.1),
    current_vs_oracle_median: quantile(ratios.current, 0.5),
    constraint_violations: violations,
    alloc_proposals: proposals,
    alloc_cases: ratios.alloc.length,
    alloc_seeds: seeds,
    alloc_ms_50: alloc.wall,
    alloc_cpu_ms_50: alloc.cpu,
    fit_ms_50: fit.wall,
    fit_cpu_ms_50: fit.cpu,
  };
}
