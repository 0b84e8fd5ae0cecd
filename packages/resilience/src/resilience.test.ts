import { describe, expect, it } from 'vitest';
import { retryWithBackoff, type RetryClassifier } from './backoff.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { TokenBucket } from './token-bucket.ts';

class Busy extends Error {
  constructor(readonly waitMs: number) {
    super('busy');
  }
}
const busy: RetryClassifier<Busy> = { isRetryable: (error): error is Busy => error instanceof Busy, retryAfterMs: (error) => error.waitMs };

describe('retry with backoff', () => {
  it('retries what the classifier calls retryable, the hint being a floor', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retryWithBackoff(async () => {
      calls++;
      if (calls < 3) throw new Busy(calls === 1 ? 2000 : 0);
      return 'ok';
    }, busy, { retries: 3, baseMs: 100, capMs: 1000 }, { sleep: async (ms) => void waits.push(ms), random: () => 0.5 });
    expect(result).toBe('ok');
    expect(waits).toEqual([2000, 100]);
  });

  it('throws other errors at once and gives up after the budget', async () => {
    const other = new Error('bad request');
    await expect(retryWithBackoff(async () => Promise.reject(other), busy, undefined, { sleep: async () => {} })).rejects.toBe(other);
    let calls = 0;
    await expect(retryWithBackoff(async () => {
      calls++;
      throw new Busy(0);
    }, busy, { retries: 2, baseMs: 1, capMs: 1 }, { sleep: async () => {} })).rejects.toBeInstanceOf(Busy);
    expect(calls).toBe(3);
  });
});

describe('circuit breaker', () => {
  it('counts only what the policy counts, refuses with its error while open, closes after a good trial', async () => {
    let now = 0;
    const breaker = new CircuitBreaker('svc', { countsAsFailure: (e) => e instanceof Busy, openError: (s) => new Error(`paused ${s} s`) }, { failureThreshold: 2, cooldownMs: 5000, now: () => now });
    await expect(breaker.run(async () => Promise.reject(new Error('bad')))).rejects.toThrow('bad');
    await expect(breaker.run(async () => Promise.reject(new Error('bad')))).rejects.toThrow('bad');
    expect(breaker.currentState).toBe('closed');
    for (let i = 0; i < 2; i++) await expect(breaker.run(async () => Promise.reject(new Busy(0)))).rejects.toBeInstanceOf(Busy);
    await expect(breaker.run(async () => 'never')).rejects.toThrow('paused 5 s');
    now = 5000;
    expect(breaker.currentState).toBe('half_open');
    await expect(breaker.run(async () => 'fine')).resolves.toBe('fine');
    expect(breaker.currentState).toBe('closed');
  });
});

describe('token bucket', () => {
  it('allows a burst up to capacity, then refills over time', () => {
    let now = 0;
    const bucket = new TokenBucket(1, 2, () => now);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    expect(bucket.waitMs()).toBe(500);
    now = 500;
    expect(bucket.tryTake()).toBe(true);
  });
});
