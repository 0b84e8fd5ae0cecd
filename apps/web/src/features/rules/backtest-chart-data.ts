import type { BacktestResult } from './rule-types.ts';

export interface BacktestSeries {
  points: string[];
  fires: number[];
  moneyMoved: number[];
  spend: number[];
  /** Null where the estimate is missing: drawn as the observed value (no effect known). */
  spendWithRule: number[];
  conversions: number[];
  conversionsWithRule: number[];
}

/** The backtest's days as chart series (money in micros, as the charts format it). */
export function backtestSeries(result: Pick<BacktestResult, 'days'>): BacktestSeries {
  const days = [...result.days].sort((a, b) => a.date.localeCompare(b.date));
  const micros = (value: number) => Math.round(value * 1_000_000);
  return {
    points: days.map((d) => d.date),
    fires: days.map((d) => d.fires),
    moneyMoved: days.map((d) => micros(d.moneyMoved)),
    spend: days.map((d) => micros(d.spend)),
    spendWithRule: days.map((d) => micros(d.spendWithRule ?? d.spend)),
    conversions: days.map((d) => d.conversions),
    conversionsWithRule: days.map((d) => d.conversionsWithRule ?? d.conversions),
  };
}

/** Spend and conversions over the whole period, seen and estimated with the rule. */
export function backtestTotals(result: Pick<BacktestResult, 'days'>) {
  const sum = (pick: (d: BacktestResult['days'][number]) => number) => result.days.reduce((total, d) => total + pick(d), 0);
  return {
    spend: sum((d) => d.spend),
    spendWithRule: sum((d) => d.spendWithRule ?? d.spend),
    conversions: sum((d) => d.conversions),
    conversionsWithRule: sum((d) => d.conversionsWithRule ?? d.conversions),
  };
}
