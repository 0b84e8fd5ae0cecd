/**
 * Counter-based pseudo-random numbers: every draw is a pure function of (seed, keys), so any
 * (entity, hour) can be computed on demand, in any order, with the same result.
 */

function mix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** 32-bit hash of a list of strings and numbers (FNV-1a over the parts, then avalanche-mixed). */
export function hash32(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = typeof part === 'number' ? part.toString(36) : part;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** Uniform in [0, 1), determined by the keys. */
export function uniform(...parts: ReadonlyArray<string | number>): number {
  return hash32(...parts) / 4294967296;
}

/** Standard normal draw (Box–Muller over two keyed uniforms). */
export function normal(...parts: ReadonlyArray<string | number>): number {
  const u1 = Math.max(uniform(...parts, 'n1'), 1e-12);
  const u2 = uniform(...parts, 'n2');
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Multiplicative noise with mean 1: exp(sigma·z − sigma²/2). */
export function lognormalFactor(sigma: number, ...parts: ReadonlyArray<string | number>): number {
  return Math.exp(sigma * normal(...parts) - (sigma * sigma) / 2);
}

/** A sequential generator (mulberry32) for seeding the world in a fixed order. */
export interface SequentialRng {
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  digits(count: number): string;
}

export function createRng(seed: number): SequentialRng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, maxInclusive: number): number => min + Math.floor(next() * (maxInclusive - min + 1));
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    digits(count: number): string {
      let out = String(int(1, 9));
      while (out.length < count) out += String(int(0, 9));
      return out;
    },
  };
}

/** Stochastic rounding: floor(x) plus one with probability frac(x), keyed. */
export function roundStochastic(x: number, ...parts: ReadonlyArray<string | number>): number {
  const base = Math.floor(x);
  return base + (uniform(...parts, 'sr') < x - base ? 1 : 0);
}
