export { DEFAULT_BACKOFF, fullJitterDelay, retryWithBackoff, type BackoffPolicy, type RetryClassifier, type RetryDeps } from './backoff.ts';
export { CircuitBreaker, type BreakerOptions, type BreakerPolicy, type BreakerState } from './circuit-breaker.ts';
export { TokenBucket } from './token-bucket.ts';
