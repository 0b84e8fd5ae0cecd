import { describe, expect, it } from 'vitest';
import { overallSyncProgress } from './sync-progress.ts';

describe('one progress number for a whole sync', () => {
  it('only moves forward as the sync goes from one kind to the next', () => {
    const steps = (['structure', 'metrics_hourly', 'metrics_daily'] as const).flatMap((kind) => [0, 40, 70, 100].map((p) => overallSyncProgress(kind, p)));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(100);
  });

  it('puts the hourly numbers at 20–40 % and the daily backfill at the rest', () => {
    expect(overallSyncProgress('structure', 100)).toBe(20);
    expect(overallSyncProgress('metrics_hourly', 50)).toBe(30);
    expect(overallSyncProgress('metrics_daily', 50)).toBe(70);
    expect(overallSyncProgress('metrics_daily', 150)).toBe(100);
  });
});
