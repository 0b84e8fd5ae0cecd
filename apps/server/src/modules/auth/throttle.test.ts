import { describe, expect, it } from 'vitest';
import { THROTTLE_WINDOW_MS, throttleDelayMs } from './throttle.ts';

const now = new Date('2030-01-01T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe('throttleDelayMs', () => {
  it('does not throttle below the limit', () => {
    expect(throttleDelayMs([minutesAgo(5), minutesAgo(1)], 3, now)).toBe(0);
  });

  it('waits until the oldest failure that keeps the count at the limit leaves the window', () => {
    const failures = [minutesAgo(14), minutesAgo(10), minutesAgo(2)];
    expect(throttleDelayMs(failures, 3, now)).toBe(60_000);
    expect(throttleDelayMs(failures, 2, now)).toBe(5 * 60_000);
  });

  it('waits the whole window right after the limit is reached', () => {
    expect(throttleDelayMs([now, now], 2, now)).toBe(THROTTLE_WINDOW_MS);
  });

  it('never answers less than a second once throttled', () => {
    expect(throttleDelayMs([minutesAgo(15)], 1, now)).toBe(1000);
  });
});
