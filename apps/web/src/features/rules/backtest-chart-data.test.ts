import { describe, expect, it } from 'vitest';
import { backtestSeries, backtestTotals } from './backtest-chart-data.ts';

const day = (date: string, spend: number, spendWithRule: number | null) => ({ date, fires: 1, moneyMoved: 2.5, spend, conversions: 3, spendWithRule, conversionsWithRule: null });

describe('backtest chart data', () => {
  it('orders days, turns money into micros and draws a missing estimate as what was seen', () => {
    const series = backtestSeries({ days: [day('2026-12-02', 20, null), day('2026-12-01', 10, 4)] });
    expect(series.points).toEqual(['2026-12-01', '2026-12-02']);
    expect(series.spend).toEqual([10_000_000, 20_000_000]);
    expect(series.spendWithRule).toEqual([4_000_000, 20_000_000]);
    expect(series.moneyMoved).toEqual([2_500_000, 2_500_000]);
    expect(series.conversionsWithRule).toEqual([3, 3]);
  });

  it('sums the period', () => {
    expect(backtestTotals({ days: [day('2026-12-01', 10, 4), day('2026-12-02', 20, null)] })).toEqual({ spend: 30, spendWithRule: 24, conversions: 6, conversionsWithRule: 6 });
  });
});
