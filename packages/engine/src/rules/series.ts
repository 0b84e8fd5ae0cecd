import type { MetricTotals } from '../metrics/totals.ts';
import { emptyTotals } from '../metrics/totals.ts';
import type { EntitySeries, WindowSpan } from './types.ts';

export function totalsOfSeries(_series: EntitySeries, _span: WindowSpan, _now: Date, _timeZone: string): MetricTotals {
  return emptyTotals();
}
