import { emptyTotals, type MetricTotals, type ReportRow } from '../../simulator/report.types.ts';
import { uniform } from '../../simulator/prng.ts';
import type { Account } from '../../simulator/world.types.ts';
import { currencyOffset } from './meta-words.ts';

/** A report row split by breakdown columns (`{age: "25-34", gender: "female"}`). */
export type BrokenDownRow = ReportRow & { breakdown: Record<string, string> };

/**
 * Audience and placement breakdowns. The simulator has no audience model, so a row is split over
 * each column's values by fixed shares, jittered per campaign: the parts always add up to the row
 * (integer counts, whole minor units of spend), which is what a client can check.
 */
const SHARES: Record<string, ReadonlyArray<readonly [string, number]>> = {
  age: [['18-24', 0.16], ['25-34', 0.3], ['35-44', 0.24], ['45-54', 0.16], ['55-64', 0.09], ['65+', 0.05]],
  gender: [['female', 0.52], ['male', 0.45], ['unknown', 0.03]],
  publisher_platform: [['facebook', 0.55], ['instagram', 0.38], ['audience_network', 0.05], ['messenger', 0.02]],
  device_platform: [['mobile_app', 0.78], ['mobile_web', 0.12], ['desktop', 0.1]],
};
const HOME_COUNTRY: Record<string, string> = { USD: 'US', EUR: 'DE', GBP: 'GB', JPY: 'JP' };

export const SPLIT_BREAKDOWNS: readonly string[] = [...Object.keys(SHARES), 'country'];

/** Largest-remainder split of a whole number by weights (the parts add up to `total`). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

function columnShares(column: string, account: Account, campaignId: string): ReadonlyArray<readonly [string, number]> {
  if (column === 'country') return [[HOME_COUNTRY[account.currency] ?? 'US', 1]];
  return (SHARES[column] ?? []).map(([value, share]) => [value, share * (0.8 + 0.4 * uniform('meta-breakdown', campaignId, column, value))] as const);
}

function splitMetrics(m: MetricTotals, weights: readonly number[], minorUnitMicros: number): MetricTotals[] {
  const impressions = apportion(m.impressions, weights);
  const clicks = apportion(m.clicks, weights);
  const conversions = apportion(m.conversions, weights);
  const spend = apportion(Math.round(m.spendMicros / minorUnitMicros), weights);
  const value = apportion(Math.round(m.conversionValue * 100), weights);
  return weights.map((_, i) => ({
    ...emptyTotals(),
    impressions: impressions[i] ?? 0, clicks: clicks[i] ?? 0, conversions: conversions[i] ?? 0,
    spendMicros: (spend[i] ?? 0) * minorUnitMicros, conversionValue: (value[i] ?? 0) / 100,
  }));
}

/** Splits each row by every column in `columns` (their cross product); no columns leaves rows whole. */
export function breakDown<T extends ReportRow>(rows: readonly T[], columns: readonly string[], account: Account): Array<T & { breakdown: Record<string, string> }> {
  const minorUnitMicros = 1e6 / currencyOffset(account.currency);
  return rows.flatMap((row) => {
    let combos: Array<{ values: Record<string, string>; weight: number }> = [{ values: {}, weight: 1 }];
    for (const column of columns) {
      const shares = columnShares(column, account, row.campaignId ?? account.id);
      combos = combos.flatMap((c) => shares.map(([value, share]) => ({ values: { ...c.values, [column]: value }, weight: c.weight * share })));
    }
    const parts = splitMetrics(row.metrics, combos.map((c) => c.weight), minorUnitMicros);
    return combos.map((c, i) => ({ ...row, metrics: parts[i] ?? emptyTotals(), breakdown: c.values }));
  });
}
