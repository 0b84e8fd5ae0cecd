import { describe, expect, it } from 'vitest';
import { overlayForecast } from './forecast-overlay.ts';

const day = (date: string, mean: number) => ({ date, mean, lower80: mean - 1, upper80: mean + 1, lower95: mean - 2, upper95: mean + 2 });

describe('forecast overlay', () => {
  it('appends the forecast days after the history, each series null where the other speaks (the forecast line starts at the last day)', () => {
    const o = overlayForecast(['2026-12-04', '2026-12-05', '2026-12-06'], [1, 2, 3], [day('2026-12-07', 10), day('2026-12-08', 11)])!;
    expect(o.points).toEqual(['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08']);
    expect(o.actual).toEqual([1, 2, 3, null, null]);
    expect(o.mean).toEqual([null, null, 3, 10, 11]);
    expect(o.lower80).toEqual([null, null, null, 9, 10]);
    expect(o.upper95).toEqual([null, null, null, 12, 13]);
  });

  it('keeps both on a day in the history and the forecast (today so far beside its forecast)', () => {
    const o = overlayForecast(['2026-12-06', '2026-12-07'], [3, 1], [day('2026-12-07', 10)])!;
    expect(o.points).toEqual(['2026-12-06', '2026-12-07']);
    expect(o.actual).toEqual([3, 1]);
    expect(o.mean).toEqual([3, 10]);
  });

  it('gives nothing when the history ends days before the forecast starts, or either is empty', () => {
    expect(overlayForecast(['2026-11-01', '2026-11-02'], [1, 2], [day('2026-12-07', 10)])).toBeNull();
    expect(overlayForecast([], [], [day('2026-12-07', 10)])).toBeNull();
    expect(overlayForecast(['2026-12-06'], [1], [])).toBeNull();
  });
});
