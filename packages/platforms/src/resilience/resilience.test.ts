import { describe, expect, it } from 'vitest';
import { PlatformError } from '../types.ts';
import { fullJitterDelay, withRetry } from './backoff.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { TokenBucket } from './token-bucket.ts';

const transient = () => new PlatformError('transient', 'HTTP 503', { platform: 'meta', httpStatus: 503 });
const limited = (seconds: number) => new PlatformError('rate_limited', 'slow down', { platform: 'google_ads', retryAfterSeconds: seconds });

describe('full-jitter backoff', () => {
  it('stays between 0 and the capped exponential ceiling', () => {
    const policy = { baseMs: 100, capMs: 1000 };
    expect(fullJitterDelay(0, policy, () => 0.999)).toBeLessThan(100);
    expect(fullJitterDelay(3, policy, () => 0.999)).toBeLessThan(800);
    expect(fullJitterDelay(10, policy, () => 0.999)).toBeLessThan(1000);
    expect(fullJitterDelay(10, policy, () => 0)).toBe(0);
  });

  it('retries retryable errors, honouring the platform hint as a floor', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw limited(7);
        if (calls === 2) throw transient();
        return 'ok';
      },
      { retries: 3, baseMs: 100, capMs: 1000 },
      { sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
    );
    expect(result).toBe('ok');
    expect(waits[0]).toBe(7000);
    expect(waits[1]).toBe(100);
  });

  it('does not retry a bad request, and gives up after the retry budget', async () => {
    const invalid = new PlatformError('invalid_request', 'bad budget', { platform: 'tiktok', field: 'budget' });
    await expect(withRetry(async () => Promise.reject(invalid), undefined, { sleep: async () => {} })).rejects.toBe(invalid);
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw transient();
      }, { retries: 2, baseMs: 1, capMs: 1 }, { sleep: async () => {} }),
    ).rejects.toThrow('HTTP 503');
    expect(calls).toBe(3);
  });
});

describe('circuit breaker', () => {
  it('opens after repeated failures, fails fast, then closes after a good trial call', async () => {
    let now = 0;
    const changes: string[] = [];
    const breaker = new CircuitBreaker('meta:1', 'meta', { failureThreshold: 3, cooldownMs: 10_000, now: () => now, onStateChange: (_k, from, to) => changes.push(`${from}->${to}`) });
    for (let i = 0; i < 3; i++) await expect(breaker.run(async () => Promise.reject(transient()))).rejects.toThrow();
    expect(breaker.currentState).toBe('open');
    let called = false;
    await expect(breaker.run(async () => (called = true))).rejects.toMatchObject({ kind: 'transient' });
    expect(called).toBe(false);
    now = 10_000;
    expect(breaker.currentState).toBe('half_open');
    await breaker.run(async () => 'fine');
    expect(breaker.currentState).toBe('closed');
    expect(changes).toEqual(['closed->open', 'open->half_open', 'half_open->closed']);
  });

  it('ignores errors that say nothing about the platform’s health', async () => {
    const breaker = new CircuitBreaker('g:1', 'google_ads', { failureThreshold: 1, cooldownMs: 1000 });
    await expect(breaker.run(async () => Promise.reject(new PlatformError('not_found', 'gone', { platform: 'google_ads' })))).rejects.toThrow();
    expect(breaker.currentState).toBe('closed');
  });
});

describe('token bucket', () => {
  it('allows a burst up to capacity, then refills over time', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 1, () => now);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    expect(bucket.waitMs()).toBe(1000);
    now = 1000;
    expect(bucket.tryTake()).toBe(true);
  });
});
