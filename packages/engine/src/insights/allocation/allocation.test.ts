import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../copy/seeded.ts';
import { allocateBudget, type AllocationEntity } from './allocate.ts';
import { adstockSeries, expectedConversions, fitAccount, fitResponse, hill01, marginalConversions, type DailyObservation } from './response-fit.ts';

interface Truth { beta: number; halfMicros: number; shape: number; decay: number; aov: number }

/** Daily history from a known curve: spend wandering around `baseMicros`, multiplicative noise of `cv`. */
function simulate(truth: Truth, baseMicros: number, days: number, seed: number, cv = 0.2): DailyObservation[] {
  const random = seededRandom(seed);
  const spends: number[] = [];
  let level = 1;
  for (let d = 0; d < days; d++) {
    if (d % 10 === 0) level = 0.5 + random() * 1.2;
    spends.push(Math.round(baseMicros * level * (0.9 + random() * 0.2)));
  }
  const adstocked = adstockSeries(spends, truth.decay);
  return spends.map((spendMicros, d) => {
    const mean = truth.beta * hill01(adstocked[d] ?? 0, truth.halfMicros, truth.shape);
    const noise = Math.exp(cv * Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random()) - (cv * cv) / 2);
    const conversions = mean * noise;
    return { spendMicros, conversions, conversionValue: conversions * truth.aov };
  });
}

const TRUTHS: Truth[] = [
  { beta: 40, halfMicros: 80e6, shape: 0.9, decay: 0.4, aov: 60 },
  { beta: 25, halfMicros: 150e6, shape: 1.1, decay: 0.3, aov: 90 },
  { beta: 60, halfMicros: 60e6, shape: 0.8, decay: 0.5, aov: 40 },
];

const trueSteady = (t: Truth, micros: number): number => t.beta * hill01(micros, t.halfMicros, t.shape);

/** The true optimum by fine water-filling on the true (concave) curves. */
function oracle(truths: Truth[], total: number, step = 1e6): number[] {
  const x = truths.map(() => 0);
  for (let left = total; left >= step; left -= step) {
    let best = 0;
    let gain = -Infinity;
    truths.forEach((t, i) => {
      const g = trueSteady(t, (x[i] ?? 0) + step) - trueSteady(t, x[i] ?? 0);
      if (g > gain) {
        gain = g;
        best = i;
      }
    });
    x[best] = (x[best] ?? 0) + step;
  }
  return x;
}

describe('response fit', () => {
  it('recovers a concave curve inside the range of spend it has seen', () => {
    const truth = TRUTHS[0] as Truth;
    const fit = fitResponse(simulate(truth, 100e6, 90, 7));
    expect(fit.thin).toBe(false);
    for (const spend of [60e6, 100e6, 140e6]) {
      const fitted = expectedConversions(fit, spend);
      expect(Math.abs(fitted / trueSteady(truth, spend) - 1)).toBeLessThan(0.1);
    }
    const trueSlope = (trueSteady(truth, 101e6) - trueSteady(truth, 99e6)) / 2e6;
    expect(marginalConversions(fit, 100e6) / trueSlope).toBeGreaterThan(0.6);
    expect(marginalConversions(fit, 100e6) / trueSlope).toBeLessThan(1.5);
    const weights = fit.points.reduce((a, p) => a + p.weight, 0);
    expect(weights).toBeCloseTo(1, 9);
  });

  it('marks fewer than 28 days as thin and leans on the account', () => {
    const fits = fitAccount({
      a: simulate(TRUTHS[0] as Truth, 100e6, 90, 1),
      b: simulate(TRUTHS[1] as Truth, 100e6, 90, 2),
      c: simulate(TRUTHS[2] as Truth, 100e6, 12, 3),
    });
    expect(fits.get('a')?.thin).toBe(false);
    expect(fits.get('c')?.thin).toBe(true);
    expect(fits.get('c')?.days).toBe(12);
  });
});

describe('budget allocation', () => {
  const histories = TRUTHS.map((t, i) => simulate(t, 100e6, 120, 11 + i));
  const fits = fitAccount(Object.fromEntries(histories.map((h, i) => [`e${i}`, h])));
  const entities = (current: number[]): AllocationEntity[] => current.map((c, i) => ({ id: `e${i}`, currentMicros: c, fit: fits.get(`e${i}`) ?? fitResponse([]) }));

  it('moves a fixed total towards the true optimum of concave curves', () => {
    const total = 300e6;
    const best = oracle(TRUTHS, total);
    const bestConversions = TRUTHS.reduce((a, t, i) => a + trueSteady(t, best[i] ?? 0), 0);
    const result = allocateBudget({ totalMicros: total, entities: entities([100e6, 100e6, 100e6]), maxDailyChange: 10, seed: 1, explore: false });
    const got = TRUTHS.reduce((a, t, i) => a + trueSteady(t, result.entities[i]?.proposedMicros ?? 0), 0);
    const equal = TRUTHS.reduce((a, t) => a + trueSteady(t, 100e6), 0);
    expect(got / bestConversions).toBeGreaterThan(0.97);
    expect(got).toBeGreaterThan(equal);
    expect(result.allocatedMicros).toBeLessThanOrEqual(total);
    expect(result.unallocatedMicros).toBeLessThan(10_000);
  });

  it('explains every proposal in one sentence with an interval around the expected change', () => {
    const result = allocateBudget({ totalMicros: 300e6, entities: entities([100e6, 100e6, 100e6]), seed: 3 });
    for (const e of result.entities) {
      expect(e.reason).toMatch(/^[A-Z][^.]*(\.\d+[^.]*)*\.$/);
      expect(e.conversionsChange.low).toBeLessThanOrEqual(e.conversionsChange.mean);
      expect(e.conversionsChange.mean).toBeLessThanOrEqual(e.conversionsChange.high);
      expect(Math.abs(e.changeMicros)).toBeLessThanOrEqual(20e6);
    }
    expect(result.entities.some((e) => e.changeMicros !== 0)).toBe(true);
  });

  it('gives the same answer for the same input and seed', () => {
    const input = { totalMicros: 310e6, entities: entities([90e6, 120e6, 100e6]), seed: 42, uncertainCv: 0 };
    expect(allocateBudget(input)).toEqual(allocateBudget(input));
    expect(allocateBudget({ ...input, seed: 43 }).entities.some((e) => e.explored)).toBe(true);
  });

  it('keeps an entity with too little data where it is', () => {
    const thin = fitResponse(histories[0]?.slice(0, 20) ?? []);
    const result = allocateBudget({ totalMicros: 300e6, entities: [...entities([100e6, 100e6]), { id: 'new', currentMicros: 100e6, fit: thin }], seed: 1 });
    const held = result.entities.find((e) => e.id === 'new');
    expect(held?.proposedMicros).toBe(100e6);
    expect(held?.held).toBe(true);
    expect(held?.reason).toContain('20 days');
  });

  it('never breaks a minimum, maximum, daily change limit, budget step or the total (thin entities included)', () => {
    const pool = [...fits.values(), fitResponse(histories[1]?.slice(0, 10) ?? [])];
    const entity = fc.record({
      fit: fc.integer({ min: 0, max: pool.length - 1 }),
      step: fc.constantFrom(10_000, 1_000_000),
      current: fc.integer({ min: 1, max: 400 }),
      minShare: fc.double({ min: 0, max: 1, noNaN: true }),
      maxShare: fc.double({ min: 1, max: 3, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(entity, { minLength: 1, maxLength: 8 }), fc.double({ min: 0.5, max: 1.5, noNaN: true }), fc.double({ min: 0.05, max: 0.5, noNaN: true }), fc.integer(), (specs, totalShare, maxChange, seed) => {
        const list: AllocationEntity[] = specs.map((s, i) => {
          const current = s.current * s.step;
          return { id: `x${i}`, currentMicros: current, minMicros: Math.floor(current * s.minShare), maxMicros: Math.ceil(current * s.maxShare), stepMicros: s.step, fit: pool[s.fit] ?? fitResponse([]) };
        });
        const total = Math.round(list.reduce((a, e) => a + e.currentMicros, 0) * totalShare);
        const result = allocateBudget({ totalMicros: total, entities: list, maxDailyChange: maxChange, seed, draws: 20 });
        result.entities.forEach((p, i) => {
          const e = list[i] as AllocationEntity;
          expect(p.proposedMicros % (e.stepMicros ?? 1)).toBe(0);
          expect(p.proposedMicros).toBeGreaterThanOrEqual(e.minMicros ?? 0);
          expect(p.proposedMicros).toBeLessThanOrEqual(e.maxMicros ?? Infinity);
          expect(Math.abs(p.proposedMicros - e.currentMicros)).toBeLessThanOrEqual(e.currentMicros * maxChange + 1e-6);
        });
        const maxStep = Math.max(...list.map((e) => e.stepMicros ?? 0));
        if (result.feasible) {
          expect(result.allocatedMicros).toBeLessThanOrEqual(total);
          const room = result.entities.some((p) => p.proposedMicros + maxStep <= p.upperMicros);
          if (room) expect(result.unallocatedMicros).toBeLessThan(maxStep);
        } else {
          expect(result.problem).toMatch(/total/);
        }
      }),
      { numRuns: 200 },
    );
  });
});
