import type { AdPlatform, PlatformId } from './types.ts';

/**
 * The explicit list of adapters the product uses. Generic code asks the registry and the
 * adapter's `capabilities`; it never branches on a platform's name.
 */
export interface PlatformRegistry {
  get(id: PlatformId): AdPlatform;
  has(id: PlatformId): boolean;
  list(): AdPlatform[];
}

export function createPlatformRegistry(adapters: readonly AdPlatform[]): PlatformRegistry {
  const byId = new Map(adapters.map((adapter) => [adapter.id, adapter] as const));
  if (byId.size !== adapters.length) throw new Error('Two adapters registered for the same platform');
  return {
    get(id) {
      const adapter = byId.get(id);
      if (!adapter) throw new Error(`No adapter registered for ${id}`);
      return adapter;
    },
    has: (id) => byId.has(id),
    list: () => [...byId.values()],
  };
}
