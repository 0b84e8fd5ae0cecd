import type { MetricsEngine } from '../../simulator/metrics-engine.ts';
import { addTotals, emptyTotals } from '../../simulator/report.types.ts';
import { localDayAt } from '../../simulator/time-zone.ts';
import type { Account, JsonValue, PlatformWorld } from '../../simulator/world.types.ts';
import { dateRangeOf } from './gaql-dates.ts';
import { matches, orderRows } from './gaql-filter.ts';
import { parseGaql } from './gaql-parser.ts';
import type { RowContext } from './gaql-fields.ts';
import { fieldMask, renderRow } from './gaql-render.ts';
import { entityRows, metricRows, needsMetrics } from './gaql-rows.ts';
import { validateGaql } from './gaql-validate.ts';
import { queryError } from './gaql.types.ts';

export interface GaqlResult {
  rows: Array<{ [key: string]: JsonValue }>;
  fieldMask: string;
  /** Rows matching the query before its LIMIT (what `returnTotalResultsCount` reports). */
  totalCount: number;
  /** The selected metrics totalled over every matching row (the summary row); null without metrics. */
  summaryRow: { [key: string]: JsonValue } | null;
}

/** Parses, validates and runs a GAQL query against one customer; throws GaqlError. */
export function executeGaql(
  input: { world: PlatformWorld; engine: MetricsEngine; customer: Account; query: string; now: number; anchor: number },
): GaqlResult {
  const q = parseGaql(input.query);
  validateGaql(q, input.customer.isManager);
  const today = localDayAt(input.customer.timeZone, input.now);
  const range = dateRangeOf(q.where, today);
  if (q.select.includes('segments.date') && range === null) {
    throw queryError('EXPECTED_FILTERS_ON_DATE_RANGE', 'Filters on segments.date with a finite date range are required when segments.date is selected.', 'segments.date');
  }
  const onlySegments = q.select.every((f) => f.startsWith('segments.'));
  const segmentsWithoutMetrics = q.select.some((f) => f.startsWith('segments.')) && !q.select.some((f) => f.startsWith('metrics.'));
  if (onlySegments || segmentsWithoutMetrics) return { rows: [], fieldMask: fieldMask(q.select), totalCount: 0, summaryRow: null };
  const rows = needsMetrics(q)
    ? metricRows(input.world, input.engine, input.customer, q, range ?? [localDayAt(input.customer.timeZone, input.anchor), today])
    : entityRows(input.world, input.customer, q.from);
  const conditions = q.where.filter((c) => c.field !== 'segments.date' || q.select.includes('segments.date'));
  const filtered = orderRows(rows.filter((r) => conditions.every((c) => matches(r, c, range))), q.orderBy);
  const limited = q.limit === null ? filtered : filtered.slice(0, q.limit);
  return { rows: limited.map((r) => renderRow(r, q.select)), fieldMask: fieldMask(q.select), totalCount: filtered.length, summaryRow: summaryOf(input.customer, filtered, q.select) };
}

/** Ratios (ctr, average cpc, …) come out of the totals, not as sums of the rows' ratios. */
function summaryOf(customer: Account, rows: RowContext[], select: readonly string[]): { [key: string]: JsonValue } | null {
  const metrics = select.filter((f) => f.startsWith('metrics.'));
  if (metrics.length === 0) return null;
  const total = emptyTotals();
  rows.forEach((r) => { if (r.metrics) addTotals(total, r.metrics); });
  return renderRow({ customer, segments: {}, metrics: total }, metrics);
}
