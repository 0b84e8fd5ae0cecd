import type { SyncRunRow } from './connections.repository.ts';

/**
 * One sync runs its kinds in order (structure, hourly numbers, daily numbers), each logging its own
 * 0–100. People see one number for the whole sync: each kind's share of it, the daily backfill the
 * largest, so the bar and the percentage only ever move forward.
 */
const SHARES: Record<SyncRunRow['kind'], { from: number; share: number }> = {
  structure: { from: 0, share: 20 },
  metrics_hourly: { from: 20, share: 20 },
  metrics_daily: { from: 40, share: 60 },
};

export function overallSyncProgress(kind: SyncRunRow['kind'], progress: number): number {
  const step = SHARES[kind];
  const within = Math.max(0, Math.min(100, progress));
  return Math.min(100, Math.round(step.from + (step.share * within) / 100));
}
