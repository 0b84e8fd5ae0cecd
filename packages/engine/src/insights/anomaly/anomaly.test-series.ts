import type { MetricPoint } from './anomaly.types.ts';

/** Deterministic ad-like hourly series for the detector's tests (daily and weekly cycles, noise). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(1e-12, rand()))) * Math.cos(2 * Math.PI * rand());
}

function poisson(rand: () => number, lambda: number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(rand)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k++;
    p *= rand();
  }
  return k;
}

export interface TestSeriesOptions {
  hours: number;
  seed: number;
  /** Spend per hour at the daily peak, conversions per click. */
  spendPerHour?: number;
  cpc?: number;
  cvr?: number;
  /** Multipliers by hour index (spend, cpc, tracking). */
  effect?: (i: number) => { spend?: number; cpc?: number; tracking?: number };
}

export function hourlySeries(o: TestSeriesOptions): MetricPoint[] {
  const rand = prng(o.seed);
  const out: MetricPoint[] = [];
  for (let i = 0; i < o.hours; i++) {
    const hour = i % 24;
    const weekday = Math.floor(i / 24) % 7;
    const daily = 0.3 + Math.sin((Math.PI * hour) / 24) ** 2;
    const weekly = weekday === 0 || weekday === 6 ? 0.85 : 1;
    const e = o.effect?.(i) ?? {};
    const spend = (o.spendPerHour ?? 20) * daily * weekly * Math.exp(0.15 * gaussian(rand)) * (e.spend ?? 1);
    const cpc = (o.cpc ?? 1) * Math.exp(0.1 * gaussian(rand)) * (e.cpc ?? 1);
    const clicks = poisson(rand, spend / cpc);
    out.push({ at: i * 3_600_000, spend, clicks, conversions: poisson(rand, clicks * (o.cvr ?? 0.05) * (e.tracking ?? 1)) });
  }
  return out;
}

export function dailyOf(hourly: readonly MetricPoint[]): MetricPoint[] {
  const out: MetricPoint[] = [];
  for (let d = 0; d * 24 < hourly.length; d++) {
    const day = hourly.slice(d * 24, d * 24 + 24);
    out.push({ at: d * 86_400_000, spend: day.reduce((s, p) => s + p.spend, 0), clicks: day.reduce((s, p) => s + p.clicks, 0), conversions: day.reduce((s, p) => s + p.conversions, 0) });
  }
  return out;
}
