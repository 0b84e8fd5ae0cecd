import type { JsonValue } from '../../simulator/world.types.ts';
import { FIELDS, type RowContext } from './gaql-fields.ts';
import type { GaqlCondition, GaqlLiteral } from './gaql.types.ts';

function comparable(value: JsonValue | undefined, numeric: boolean): string | number | null {
  if (value === undefined || value === null) return null;
  if (numeric) return Number(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isNumericField(field: string): boolean {
  const type = FIELDS[field]?.type;
  return type === 'INT64' || type === 'DOUBLE';
}

function likeToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** Whether a row satisfies one WHERE condition (DURING and date ranges are checked as plain comparisons). */
export function matches(row: RowContext, c: GaqlCondition, dateRange: [string, string] | null): boolean {
  const raw = FIELDS[c.field]?.get(row);
  const numeric = isNumericField(c.field);
  const value = comparable(raw, numeric);
  const lit = (v: GaqlLiteral | undefined): string | number => (numeric ? Number(v) : String(v ?? ''));
  switch (c.operator) {
    case 'IS NULL': return value === null;
    case 'IS NOT NULL': return value !== null;
    case 'DURING': return value !== null && dateRange !== null && value >= dateRange[0] && value <= dateRange[1];
    default: break;
  }
  if (value === null) return false;
  const [first, second] = c.values;
  switch (c.operator) {
    case '=': return compare(value, lit(first)) === 0;
    case '!=': return compare(value, lit(first)) !== 0;
    case '>': return compare(value, lit(first)) > 0;
    case '>=': return compare(value, lit(first)) >= 0;
    case '<': return compare(value, lit(first)) < 0;
    case '<=': return compare(value, lit(first)) <= 0;
    case 'BETWEEN': return compare(value, lit(first)) >= 0 && compare(value, lit(second)) <= 0;
    case 'IN': return c.values.some((v) => compare(value, lit(v)) === 0);
    case 'NOT IN': return !c.values.some((v) => compare(value, lit(v)) === 0);
    case 'LIKE': return likeToRegExp(String(first)).test(String(value));
    case 'NOT LIKE': return !likeToRegExp(String(first)).test(String(value));
    default: {
      const items = Array.isArray(raw) ? raw.map((v) => JSON.stringify(v)) : [];
      const wanted = c.values.map((v) => JSON.stringify(String(v)));
      if (c.operator === 'CONTAINS ANY') return wanted.some((w) => items.includes(w));
      if (c.operator === 'CONTAINS ALL') return wanted.every((w) => items.includes(w));
      return !wanted.some((w) => items.includes(w));
    }
  }
}

/** Sorts rows by the ORDER BY fields (numeric fields numerically; missing values first). */
export function orderRows(rows: RowContext[], orderBy: ReadonlyArray<{ field: string; descending: boolean }>): RowContext[] {
  if (orderBy.length === 0) return rows;
  return [...rows].sort((a, b) => {
    for (const o of orderBy) {
      const numeric = isNumericField(o.field);
      const va = comparable(FIELDS[o.field]?.get(a), numeric);
      const vb = comparable(FIELDS[o.field]?.get(b), numeric);
      const cmp = va === null ? (vb === null ? 0 : -1) : vb === null ? 1 : compare(va, vb);
      if (cmp !== 0) return o.descending ? -cmp : cmp;
    }
    return 0;
  });
}
