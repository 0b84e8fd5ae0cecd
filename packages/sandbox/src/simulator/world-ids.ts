import { hash32 } from './prng.ts';
import type { PlatformId, PlatformWorld } from './world.types.ts';

export type IdKind = 'account' | 'budget' | 'campaign' | 'adGroup' | 'ad' | 'creative' | 'report';

/** Prefix and total length of numeric ids as each platform issues them. */
const ID_SHAPES: Record<PlatformId, Record<IdKind, { prefix: string; length: number }>> = {
  google: {
    account: { prefix: '', length: 10 }, budget: { prefix: '', length: 11 }, campaign: { prefix: '2', length: 11 },
    adGroup: { prefix: '1', length: 12 }, ad: { prefix: '7', length: 12 }, creative: { prefix: '7', length: 12 }, report: { prefix: '', length: 16 },
  },
  meta: {
    account: { prefix: '', length: 15 }, budget: { prefix: '', length: 15 }, campaign: { prefix: '1202', length: 18 },
    adGroup: { prefix: '1202', length: 18 }, ad: { prefix: '1202', length: 18 }, creative: { prefix: '1202', length: 18 }, report: { prefix: '', length: 16 },
  },
  tiktok: {
    account: { prefix: '7', length: 19 }, budget: { prefix: '', length: 19 }, campaign: { prefix: '17', length: 19 },
    adGroup: { prefix: '17', length: 19 }, ad: { prefix: '17', length: 19 }, creative: { prefix: '17', length: 19 }, report: { prefix: '', length: 19 },
  },
};

/** Deterministic digits from keys. */
export function digitsFrom(length: number, ...keys: ReadonlyArray<string | number>): string {
  let out = '';
  for (let block = 0; out.length < length; block++) out += String(hash32(...keys, block) % 1_000_000_000).padStart(9, '0');
  return out.slice(0, length);
}

/** An id shaped like the platform's, deterministic in (seed, platform, kind, ordinal). */
export function platformId(seed: number, platform: PlatformId, kind: IdKind, ordinal: number): string {
  const shape = ID_SHAPES[platform][kind];
  const body = digitsFrom(shape.length - shape.prefix.length, seed, platform, kind, ordinal);
  const first = shape.prefix === '' && body.startsWith('0') ? `1${body.slice(1)}` : body;
  return shape.prefix + first;
}

/** Id for an object created through an API: same seed and same call order → same ids. */
export function nextCreatedId(seed: number, world: PlatformWorld, kind: IdKind): string {
  world.createdCount += 1;
  return platformId(seed, world.platform, kind, 1_000_000 + world.createdCount);
}
