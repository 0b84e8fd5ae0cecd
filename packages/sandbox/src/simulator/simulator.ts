import { createFaultRegistry, type FaultRegistry } from './faults.ts';
import { createMetricsEngine, type MetricsEngine } from './metrics-engine.ts';
import type { SimClock } from './sim-clock.ts';
import { seedWorld } from './world-seed.ts';
import type { World } from './world.types.ts';

/** The ad-market simulator: seeded world, change log, metrics engine, faults, one clock. */
export interface Simulator {
  readonly seed: number;
  readonly clock: SimClock;
  readonly engine: MetricsEngine;
  readonly faults: FaultRegistry;
  world(): World;
  /** Rebuilds the world from the seed and clears faults (the clock keeps its time). */
  reset(): void;
  /** Puts back a world kept from an earlier run of the same seed (the sandbox's state file). */
  restore(saved: World): void;
}

export function createSimulator(options: { seed: number; clock: SimClock }): Simulator {
  const { seed, clock } = options;
  let world = seedWorld(seed, clock.startedAt);
  const getWorld = (): World => world;
  const faults = createFaultRegistry(clock.now);
  return {
    seed,
    clock,
    engine: createMetricsEngine(getWorld, clock),
    faults,
    world: getWorld,
    reset() {
      world = seedWorld(seed, clock.startedAt);
      faults.clear();
    },
    restore(saved) {
      if (saved.seed !== seed) throw new Error(`the saved world is of seed ${saved.seed}, not ${seed}`);
      world = saved;
    },
  };
}
