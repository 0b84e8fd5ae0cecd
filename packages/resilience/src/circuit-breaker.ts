export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** Consecutive counted failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  cooldownMs: number;
  now?: () => number;
  onStateChange?: (key: string, from: BreakerState, to: BreakerState) => void;
}

/** What a breaker counts and how it refuses while open. */
export interface BreakerPolicy {
  /** Only failures that speak of the remote side's health count (rate limits, overload, 5xx); a bad request does not. */
  countsAsFailure(error: unknown): boolean;
  /** The error thrown without calling while the circuit is open. */
  openError(waitSeconds: number): Error;
}

/**
 * After `failureThreshold` consecutive counted failures the breaker stops calling for
 * `cooldownMs` (failing fast with the policy's open error), then lets one trial call through:
 * success closes it, a counted failure opens it again.
 */
export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private readonly now: () => number;

  constructor(
    readonly key: string,
    private readonly policy: BreakerPolicy,
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
      throw this.policy.openError(Math.ceil((this.options.cooldownMs - (this.now() - this.openedAt)) / 1000));
    }
    try {
      const result = await operation();
      this.failures = 0;
      if (this.state !== 'closed') this.move('closed');
      return result;
    } catch (error) {
      if (this.policy.countsAsFailure(error)) {
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
