import { PlatformError, type PlatformId } from '../types.ts';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** Consecutive retryable failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  cooldownMs: number;
  now?: () => number;
  onStateChange?: (key: string, from: BreakerState, to: BreakerState) => void;
}

/**
 * A circuit breaker per platform + account: after repeated transient failures it stops calling
 * the platform for a while (failing fast with `transient`), then lets one trial call through.
 * Only rate limits and transient errors count; a bad request says nothing about the platform's health.
 */
export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private readonly now: () => number;

  constructor(
    readonly key: string,
    private readonly platform: PlatformId,
    private readonly options: BreakerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get currentState(): BreakerState {
    if (this.state === 'open' && this.now() - this.openedAt >= this.options.cooldownMs) this.move('half_open');
    return this.state;
  }

  async run<T>(operation: () => Promise<T>): Promise<T> {
    if (this.currentState === 'open') {
      const waitSeconds = Math.ceil((this.options.cooldownMs - (this.now() - this.openedAt)) / 1000);
      throw new PlatformError('transient', `Calls to this ${this.platform} account are paused after repeated failures; retrying in ${waitSeconds} s`, {
        platform: this.platform,
        retryAfterSeconds: waitSeconds,
      });
    }
    try {
      const result = await operation();
      this.failures = 0;
      if (this.state !== 'closed') this.move('closed');
      return result;
    } catch (error) {
      if (error instanceof PlatformError && error.isRetryable) {
        this.failures += 1;
        if (this.state === 'half_open' || this.failures >= this.options.failureThreshold) {
          this.openedAt = this.now();
          this.move('open');
        }
      }
      throw error;
    }
  }

  private move(to: BreakerState): void {
    const from = this.state;
    if (from === to) return;
    this.state = to;
    this.options.onStateChange?.(this.key, from, to);
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
