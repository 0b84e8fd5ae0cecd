import { sql } from 'drizzle-orm';
import type { Db } from '@adloop/db';
import { rowsOf } from '../metrics/report-scope.ts';

/**
 * One description of the application's tables for exports and purges, read from the database
 * catalogue so a table added later is exported and purged without being listed: which columns tie
 * a row to an organisation or a person, which hold ids, and which hold an operator's identity.
 */

export interface CatalogueColumn {
  name: string;
  type: string;
  nullable: boolean;
}

export interface CatalogueTable {
  name: string;
  columns: CatalogueColumn[];
}

export type Subject = 'user' | 'organization';

/** The application's tables (partitions left to their parent) with their columns in order. */
export async function readCatalogue(db: Db): Promise<CatalogueTable[]> {
  const rows = rowsOf<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
    await db.execute(sql`
      SELECT c.table_name, c.column_name, c.data_type, c.is_nullable
      FROM information_schema.columns c
      JOIN pg_class k ON k.relname = c.table_name AND k.relnamespace = 'public'::regnamespace
      WHERE c.table_schema = 'public' AND k.relkind IN ('r', 'p') AND NOT k.relispartition
      ORDER BY c.table_name, c.ordinal_position`),
  );
  const tables = new Map<string, CatalogueTable>();
  for (const row of rows) {
    const table = tables.get(row.table_name) ?? { name: row.table_name, columns: [] };
    table.columns.push({ name: row.column_name, type: row.data_type, nullable: row.is_nullable === 'YES' });
    tables.set(row.table_name, table);
  }
  return [...tables.values()];
}

/** Bookkeeping never exported nor swept: migrations, and the erasure requests themselves. */
const INTERNAL = new Set(['__drizzle_migrations', 'erasure_requests']);

/**
 * Tables never exported: the export files themselves, the platform tokens' encrypted keys, the
 * audit archive (operators search it), and the operators' own records (what support did is in the
 * organisation's audit log, under "Adloop support").
 */
const NOT_EXPORTED = new Set([
  ...INTERNAL, 'data_exports', 'audit_log_archive', 'platform_secrets',
  'operators', 'operator_sessions', 'operator_audit_log', 'impersonations', 'tenant_deletion_requests',
]);

/** Audit rows are anonymised, not swept (the event stays). */
const NOT_SWEPT = new Set([...INTERNAL, 'audit_log', 'audit_log_archive']);

/**
 * The column that ties a row of `table` to the subject: `id` of its own table, `org_id` or
 * `user_id`, and for a person also the audit rows they acted in (`actor_id`). Null: not theirs.
 */
export function subjectKey(table: CatalogueTable, subject: Subject): string | null {
  if (NOT_EXPORTED.has(table.name)) return null;
  if (table.name === (subject === 'user' ? 'users' : 'organizations')) return 'id';
  if (subject === 'user' && table.name === 'audit_log') return 'actor_id';
  const key = subject === 'user' ? 'user_id' : 'org_id';
  return table.columns.some((c) => c.name === key) ? key : null;
}

/** A column that may hold an organisation's or a person's id. */
export interface IdColumn {
  table: string;
  column: string;
  nullable: boolean;
  /** A row whose column names an organisation is that organisation's data (`org_id`, `*_org_id`). */
  ownedByOrg: boolean;
}

/** Every uuid/text column named like an id (`id`, `*_id`, `*_by`) outside the audit tables. */
export function idColumns(tables: CatalogueTable[]): IdColumn[] {
  return tables.filter((t) => !NOT_SWEPT.has(t.name)).flatMap((t) => t.columns
    .filter((c) => (c.type === 'uuid' || c.type === 'text') && (c.name === 'id' || c.name.endsWith('_id') || c.name.endsWith('_by')))
    .map((c) => ({ table: t.name, column: c.name, nullable: c.nullable, ownedByOrg: c.name === 'org_id' || c.name.endsWith('_org_id') })));
}

/** How an operator is named to a tenant in anything it takes away. */
export const SUPPORT_LABEL = 'Adloop support';
const bySupport = (value: unknown) => typeof value === 'string' && value.startsWith(SUPPORT_LABEL);

/**
 * Columns of tenant tables that can hold an operator's identity (email, id, IP, user agent), and
 * what an export shows instead: a suspension's operator; the audit rows support wrote (their
 * label names the operator, their IP is the operator's); the tenant sessions support opened.
 */
const OPERATOR_FIELDS: Record<string, (row: Record<string, unknown>) => Record<string, unknown>> = {
  tenant_suspensions: (row) => ({ ...row, suspended_by: SUPPORT_LABEL }),
  audit_log: (row) => (bySupport(row.actor_label) ? { ...row, actor_id: null, actor_label: SUPPORT_LABEL, ip: null, user_agent: null } : row),
  sessions: (row) => (bySupport(row.user_agent) ? { ...row, ip: null, user_agent: SUPPORT_LABEL } : row),
};

/** `row` of `table` as a tenant may see it: operator identities replaced by "Adloop support". */
export function withoutOperators(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const mask = OPERATOR_FIELDS[table];
  if (!mask) return row;
  const masked = mask(row);
  // Only the exported columns come back (a withheld column is not added by the mask).
  return Object.fromEntries(Object.keys(row).map((column) => [column, masked[column]]));
}
