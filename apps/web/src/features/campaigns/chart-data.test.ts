import { describe, expect, it } from 'vitest';
import { chartPoints, niceScale, stack, zeroFill } from './chart-data.ts';

describe('chart data', () => {
  it('shows a day without numbers as 0 instead of leaving it out', () => {
    const points = chartPoints({ since: '2026-11-01', until: '2026-11-04' }, 'day');
    const rows = [
      { at: '2026-11-01', spend: 5 },
      { at: '2026-11-03', spend: 7 },
      { at: '2026-11-03', spend: 1 },
      { at: '2026-10-31', spend: 99 },
    ];
    expect(points).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']);
    expect(zeroFill(points, rows, (r) => r.at, (r) => r.spend)).toEqual([5, 0, 8, 0]);
  });

  it('fills hours up to the newest reported one, not the hours still to come', () => {
    const points = chartPoints({ since: '2026-11-01', until: '2026-11-02' }, 'hour', '2026-11-02T03:00');
    expect(points).toHaveLength(24 + 4);
    expect(points[24]).toBe('2026-11-02T00:00');
    expect(points.at(-1)).toBe('2026-11-02T03:00');
  });

  it('stacks series point by point', () => {
    expect(stack([[1, 0, 2], [3, 4, 0], [1, 1, 1]])).toEqual([[1, 0, 2], [4, 4, 2], [5, 5, 3]]);
  });

  it('rounds the axis to a readable step', () => {
    expect(niceScale(930)).toEqual({ step: 250, top: 1000 });
    expect(niceScale(0)).toEqual({ step: 1, top: 4 });
  });
});
