/** Longest wait between two attempts. */
export const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000;

/**
 * The wait before attempt `next` (2, 3, …): `baseMs` doubled for each attempt already made, at most
 * six hours, plus up to 10 % jitter so endpoints that failed together are not retried together.
 */
export function retryDelayMs(baseMs: number, next: number, random: () => number = Math.random): number {
  const exact = Math.min(baseMs * 2 ** Math.max(0, next - 2), MAX_RETRY_DELAY_MS);
  return Math.round(exact * (1 + 0.1 * random()));
}
