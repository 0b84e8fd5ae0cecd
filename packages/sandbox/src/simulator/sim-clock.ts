/**
 * The simulated clock. Real time by default (now = wall clock + offset); a fixed start freezes it so
 * tests only move when advanced. Advancing never goes backwards.
 */
export interface SimClock {
  now(): number;
  /** Moves the clock forward by `ms` (≥ 0). */
  advance(ms: number): number;
  /** Moves the clock to `at` (must not be earlier than now). */
  advanceTo(at: number): number;
  readonly mode: 'real' | 'frozen';
  /** The instant the clock started at (for reset). */
  readonly startedAt: number;
}

export function createSimClock(options: { start?: number; wallClock?: () => number } = {}): SimClock {
  const wall = options.wallClock ?? Date.now;
  const mode = options.start === undefined ? 'real' : 'frozen';
  const startedAt = options.start ?? wall();
  let frozenAt = startedAt;
  let offset = 0;
  const now = (): number => (mode === 'frozen' ? frozenAt : wall() + offset);
  const advance = (ms: number): number => {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    if (mode === 'frozen') frozenAt += ms;
    else offset += ms;
    return now();
  };
  return {
    mode,
    startedAt,
    now,
    advance,
    advanceTo: (at: number) => advance(at - now()),
  };
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
