import { FIELDS, RESOURCES, resourceOf } from './gaql-fields.ts';
import { queryError, type GaqlQuery } from './gaql.types.ts';

/** Checks resource and field names against the registry (QueryError on the first problem). */
export function validateGaql(q: GaqlQuery, isManager: boolean): void {
  const resource = RESOURCES[q.from];
  if (!resource) throw queryError('BAD_RESOURCE_TYPE_IN_FROM_CLAUSE', `Error in query: invalid resource ${q.from} in FROM clause.`, q.from);
  const check = (field: string, clause: string): void => {
    const def = FIELDS[field];
    if (!def) throw queryError('UNRECOGNIZED_FIELD', `Unrecognized field in the query: '${field}'.`, field);
    if (def.category === 'METRIC') {
      if (!resource.metrics) throw queryError('PROHIBITED_METRIC_IN_SELECT_OR_WHERE_CLAUSE', `Cannot select or filter on the metric ${field} with FROM ${q.from}.`, field);
      if (isManager) throw queryError('REQUESTED_METRICS_FOR_MANAGER', 'Metrics cannot be requested for a manager account. To retrieve metrics, issue separate requests against each client account under the manager account.', field);
      return;
    }
    if (def.category === 'SEGMENT') {
      if (!resource.metrics) throw queryError('PROHIBITED_SEGMENT_IN_SELECT_OR_WHERE_CLAUSE', `Cannot select or filter on the segment ${field} with FROM ${q.from}.`, field);
      return;
    }
    if (!resource.attributed.includes(resourceOf(field))) {
      throw queryError('PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE', `Cannot ${clause} ${field} when FROM is ${q.from}.`, field);
    }
  };
  q.select.forEach((f) => check(f, 'select'));
  q.where.forEach((c) => check(c.field, 'filter on'));
  q.orderBy.forEach((o) => check(o.field, 'order by'));
  for (const c of q.where) {
    if (FIELDS[c.field]?.category === 'SEGMENT' && c.field !== 'segments.date' && !q.select.includes(c.field)) {
      throw queryError('EXPECTED_DIMENSION_FIELD_IN_SELECT_CLAUSE', `The segment ${c.field} in the WHERE clause must also be selected.`, c.field);
    }
  }
  const seen = new Set<string>();
  for (const f of q.select) {
    if (seen.has(f)) throw queryError('DUPLICATE_FIELDS_IN_SELECT_CLAUSE', `Duplicate field in SELECT clause: ${f}.`, f);
    seen.add(f);
  }
}
