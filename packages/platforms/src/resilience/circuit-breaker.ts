import { CircuitBreaker as Breaker, type BreakerOptions } from '@adloop/resilience';
import { PlatformError, type PlatformId } from '../types.ts';

export type { BreakerState } from '@adloop/resilience';

/**
 * A circuit breaker per platform + account: after repeated transient failures it stops calling
 * the platform for a while (failing fast with `transient`), then lets one trial call through.
 * Only rate limits and transient errors count; a bad request says nothing about the platform's health.
 */
export class CircuitBreaker extends Breaker {
  constructor(key: string, platform: PlatformId, options: BreakerOptions) {
    super(key, {
      countsAsFailure: (error) => error instanceof PlatformError && error.isRetryable,
      openError: (waitSeconds) => new PlatformError('transient', `Calls to this ${platform} account are paused after repeated failures; retrying in ${waitSeconds} s`, {
        platform,
        retryAfterSeconds: waitSeconds,
      }),
    }, options);
  }
}

/** One breaker per platform + account, created on first use. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();
  constructor(private readonly options: BreakerOptions) {}

  for(platform: PlatformId, accountId: string): CircuitBreaker {
    const key = `${platform}:${accountId}`;
    let breaker = this.breakers.get(key);
    if (!breaker) {
      breaker = new CircuitBreaker(key, platform, this.options);
      this.breakers.set(key, breaker);
    }
    return breaker;
  }
}
