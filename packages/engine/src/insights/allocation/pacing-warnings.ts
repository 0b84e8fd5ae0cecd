import type { PacingStatus } from './pacing.ts';

/** One account or campaign as paced now, under the key its warning is told by. */
export interface PacedEntity {
  key: string;
  status: PacingStatus;
  /** |projected month-end − plan| / plan. */
  gapShare: number;
}

export interface PacingWarningPlan {
  /** Off plan now: warn (a warning still open folds into itself). */
  warn: string[];
  /** Open warnings whose projection is back within `backWithin` of the plan: resolve and say so. */
  backOnPlan: string[];
  /** Open warnings no longer paced (the month is over, the campaign paused or without a budget): resolve quietly. */
  closed: string[];
}

/**
 * Which pacing warnings to raise and which to resolve. A warning opens beyond the pacing tolerance and
 * resolves only once the projection is back within `backWithin` (tighter than the tolerance), so a
 * projection wobbling around the tolerance is told once, not every day. Between the two an open
 * warning stays open and nothing is said. Pure.
 */
export function planPacingWarnings(open: readonly string[], paced: readonly PacedEntity[], backWithin: number): PacingWarningPlan {
  const byKey = new Map(paced.map((p) => [p.key, p]));
  const plan: PacingWarningPlan = { warn: [], backOnPlan: [], closed: [] };
  for (const p of paced) if (p.status !== 'on_track') plan.warn.push(p.key);
  for (const key of new Set(open)) {
    const now = byKey.get(key);
    if (!now) plan.closed.push(key);
    else if (now.status === 'on_track' && now.gapShare <= backWithin) plan.backOnPlan.push(key);
  }
  return plan;
}
