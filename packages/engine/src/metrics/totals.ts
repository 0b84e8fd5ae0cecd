/**
 * The additive numbers of a set of metric rows, in one currency. Totals are summed first and ratios
 * taken of the sums (never an average of per-row ratios, which would weigh a tiny campaign like a big one).
 */
export interface MetricTotals {
  spendMicros: number;
  impressions: number;
  clicks: number;
  conversions: number;
  conversionValueMicros: number;
}

export const emptyTotals = (): MetricTotals => ({ spendMicros: 0, impressions: 0, clicks: 0, conversions: 0, conversionValueMicros: 0 });

/** Adds `add` into `into` (mutates `into`; for summing many rows without allocating). */
export function addInto(into: MetricTotals, add: MetricTotals): void {
  into.spendMicros += add.spendMicros;
  into.impressions += add.impressions;
  into.clicks += add.clicks;
  into.conversions += add.conversions;
  into.conversionValueMicros += add.conversionValueMicros;
}

/** The totals of `rows` (all in one currency). */
export function sumTotals(rows: Iterable<MetricTotals>): MetricTotals {
  const sum = emptyTotals();
  for (const row of rows) addInto(sum, row);
  return sum;
}
