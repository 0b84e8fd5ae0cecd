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

/** How a caller's errors read: which are worth another attempt, and the wait the remote side asked for. */
export interface RetryClassifier<E extends Error> {
  /** True for errors a later attempt may cure (rate limits, overload, 5xx, lost connections). */
  isRetryable(error: unknown): error is E;
  /** The remote side's retry hint in ms (Retry-After), 0 when none. */
  retryAfterMs(error: E): number;
}

export interface RetryDeps<E extends Error = Error> {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called before each wait, e.g. to log or count retries. */
  onRetry?: (error: E, attempt: number, delayMs: number) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation`, retrying the errors `classify` calls retryable with capped exponential
 * backoff and full jitter. The remote side's retry hint is a floor: we never come back sooner
 * than it asked. Other errors are thrown at once.
 */
export async function retryWithBackoff<T, E extends Error>(
  operation: () => Promise<T>, classify: RetryClassifier<E>, policy: BackoffPolicy = DEFAULT_BACKOFF, deps: RetryDeps<E> = {},
): Promise<T> {
  const sleep = deps.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!classify.isRetryable(error) || attempt >= policy.retries) throw error;
      const delay = Math.max(classify.retryAfterMs(error), fullJitterDelay(attempt, policy, deps.random));
      deps.onRetry?.(error, attempt + 1, delay);
      await sleep(delay);
    }
  }
}
