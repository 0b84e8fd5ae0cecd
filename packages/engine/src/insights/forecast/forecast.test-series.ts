/** Seeded ad-like daily series for the forecast tests. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEEK = [1.1, 1.15, 1.1, 1.05, 1, 0.75, 0.85];

/** Weekly pattern × level (with an optional daily growth) × log-normal noise; `counts` draws Poisson counts instead. */
export function dailySeries(o: { days: number; level: number; noise: number; seed: number; growth?: number; counts?: boolean }): number[] {
  const rand = rng(o.seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Array.from({ length: o.days }, (_, t) => {
    const mean = o.level * (WEEK[t % 7] ?? 1) * (1 + (o.growth ?? 0)) ** t;
    if (o.counts !== true) return mean * Math.exp(o.noise * normal() - (o.noise * o.noise) / 2);
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    const u = rand();
    while (u > cdf && k < 1000) {
      k += 1;
      p *= mean / k;
      cdf += p;
    }
    return k;
  });
}
