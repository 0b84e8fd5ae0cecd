import { DEFAULT_BACKOFF, retryWithBackoff, type BackoffPolicy, type RetryClassifier, type RetryDeps } from '@adloop/resilience';
import { PlatformError } from '../types.ts';

export { DEFAULT_BACKOFF, fullJitterDelay, type BackoffPolicy } from '@adloop/resilience';

/** Rate limits and transient errors are retried; the platform's hint (Retry-After, retryDelay) is a floor. */
const platformErrors: RetryClassifier<PlatformError> = {
  isRetryable: (error): error is PlatformError => error instanceof PlatformError && error.isRetryable,
  retryAfterMs: (error) => (error.details.retryAfterSeconds ?? 0) * 1000,
};

/**
 * Runs `operation`, retrying retryable PlatformErrors (rate_limited, transient) with capped
 * exponential backoff and full jitter. Other errors are thrown at once.
 */
export function withRetry<T>(operation: () => Promise<T>, policy: BackoffPolicy = DEFAULT_BACKOFF, deps: RetryDeps<PlatformError> = {}): Promise<T> {
  return retryWithBackoff(operation, platformErrors, policy, deps);
}
