import type { MetricsEngine } from '../../simulator/metrics-engine.ts';
import { localDayAt } from '../../simulator/time-zone.ts';
import type { Account, JsonValue, PlatformWorld } from '../../simulator/world.types.ts';
import { dateRangeOf } from './gaql-dates.ts';
import { matches, orderRows } from './gaql-filter.ts';
import { parseGaql } from './gaql-parser.ts';
import { fieldMask, renderRow } from './gaql-render.ts';
import { entityRows, metricRows, needsMetrics } from './gaql-rows.ts';
import { validateGaql } from './gaql-validate.ts';
import { queryError } from './gaql.types.ts';

export interface GaqlResult {
  rows: Array<{ [key: string]: JsonValue }>;
  fieldMask: string;
  /** Rows matching the query before its LIMIT (what `returnTotalResultsCount` reports). */
  totalCount: number;
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
  if (onlySegments || segmentsWithoutMetrics) return { rows: [], fieldMask: fieldMask(q.select), totalCount: 0 };
  const rows = needsMetrics(q)
    ? metricRows(input.world, input.engine, input.customer, q, range ?? [localDayAt(input.customer.timeZone, input.anchor), today])
    : entityRows(input.world, input.customer, q.from);
  const conditions = q.where.filter((c) => c.field !== 'segments.date' || q.select.includes('segments.date'));
  const filtered = orderRows(rows.filter((r) => conditions.every((c) => matches(r, c, range))), q.orderBy);
  const limited = q.limit === null ? filtered : filtered.slice(0, q.limit);
  return { rows: limited.map((r) => renderRow(r, q.select)), fieldMask: fieldMask(q.select), totalCount: filtered.length };
}
