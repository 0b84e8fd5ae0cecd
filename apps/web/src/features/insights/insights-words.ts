import type { AnomalyAlert } from './insights-types.ts';

/** Words and numbers of the insights page (pure, tested beside it). */

const METRIC: Record<AnomalyAlert['metric'], string> = { spend: 'Spend', clicks: 'Clicks', cpc: 'Cost per click', conversions: 'Conversions', conversion_rate: 'Conversion rate' };
const CAUSE: Record<AnomalyAlert['cause'], string> = {
  tracking: 'Conversion tracking may be broken',
  cost: 'Clicks cost more or less than usual',
  delivery: 'Delivery changed (fewer or more impressions and clicks)',
  overspend: 'Spending faster than usual',
  performance: 'Performance changed',
};

export const metricLabel = (m: AnomalyAlert['metric']) => METRIC[m];
export const causeLabel = (c: AnomalyAlert['cause']) => CAUSE[c];

/** A value of an alert's metric as people read it (money in the account's currency, rates in %). */
export function formatMetric(metric: AnomalyAlert['metric'], value: number, money: (micros: number) => string): string {
  if (metric === 'spend' || metric === 'cpc') return money(value);
  if (metric === 'conversion_rate') return `${(value * 100).toFixed(1)} %`;
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : (Math.round(value * 10) / 10).toLocaleString('en-US');
}

/** "+1.2 (−0.3 to +2.6) a day" for an expected change in conversions. */
export function formatChange(change: { mean: number; low: number; high: number }): string {
  const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}`;
  return `${signed(change.mean)} (${signed(change.low)} to ${signed(change.high)}) a day`;
}

/** Percent change of a budget, signed, whole. */
export function percentChange(current: number, proposed: number): string {
  if (current <= 0) return '';
  const p = Math.round(((proposed - current) / current) * 100);
  return p === 0 ? '0 %' : `${p > 0 ? '+' : '−'}${Math.abs(p)} %`;
}
