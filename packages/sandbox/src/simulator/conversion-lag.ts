import { uniform } from './prng.ts';

/** Hours after which conversions of an hour are fully reported. */
export const LAG_FULL_HOURS = 72;

/**
 * Share of an hour's eventual conversions already reported `ageHours` after the hour ended.
 * Non-decreasing in age, 0.4 right away, ≈ 0.82 after a day, ≈ 0.96 after two, exactly 1 after 3 days.
 */
export function maturedFraction(ageHours: number): number {
  if (ageHours >= LAG_FULL_HOURS) return 1;
  if (ageHours <= 0) return 0.4;
  return 1 - 0.6 * Math.exp(-ageHours / 30) * (1 - ageHours / LAG_FULL_HOURS);
}

/**
 * Conversions reported so far for an hour whose eventual total is `eventual` (integer). Uses a
 * fixed per-(key) threshold so the reported count only ever grows as the hour matures.
 */
export function reportedConversions(eventual: number, ageHours: number, ...key: ReadonlyArray<string | number>): number {
  // Nothing to report late (most hours): no draw needed, the answer is the same.
  if (eventual === 0) return 0;
  const fraction = maturedFraction(ageHours);
  if (fraction >= 1) return eventual;
  return Math.min(eventual, Math.floor(eventual * fraction + uniform(...key, 'lag')));
}
