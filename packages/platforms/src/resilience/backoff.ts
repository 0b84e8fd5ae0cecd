import { PlatformError } from '../types.ts';

export interface BackoffPolicy {
  /** Attempts after the first. */
  retries: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { retries: 5, baseMs: 500, capMs: 30_000 };

/**
 * "Full jitter": a uniformly random delay between 0 and min(cap, base · 2^attempt), which
 * spreads retries of many clients instead of synchronising them.
 */
export function fullJitterDelay(attempt: number, policy: Pick<BackoffPolicy, 'baseMs' | 'capMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

export interface RetryDeps {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called before each wait, e.g. to log or count retries. */
  onRetry?: (error: PlatformError, attempt: number, delayMs: number) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation`, retrying retryable PlatformErrors (rate_limited, transient) with capped
 * exponential backoff and full jitter. A platform's retry hint (Retry-After, retryDelay) is a
 * floor: we never come back sooner than the platform asked. Other errors are thrown at once.
 */
export async function withRetry<T>(operation: () => Promise<T>, policy: BackoffPolicy = DEFAULT_BACKOFF, deps: RetryDeps = {}): Promise<T> {
  const sleep = deps.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof PlatformError) || !error.isRetryable || attempt >= policy.retries) throw error;
      const hintMs = (error.details.retryAfterSeconds ?? 0) * 1000;
      const delay = Math.max(hintMs, fullJitterDelay(attempt, policy, deps.random));
      deps.onRetry?.(error, attempt + 1, delay);
      await sleep(delay);
    }
  }
}
