import { sql } from 'drizzle-orm';
import type { Db } from '@adloop/db';
import { rowsOf } from '../metrics/report-scope.ts';

/**
 * Columns never exported: secrets and their hashes (passwords, tokens, keys, MFA secrets,
 * sealed platform tokens, wrapped data keys) and stored files (bytes). Everything else about the
 * subject is.
 */
const WITHHELD = /(password|secret|token|hash|_enc$|sealed|ciphertext|wrapped|^key$|^file$|^pdf$|_bytes$|^logo$|^row$)/;

/**
 * Tables never exported: the export files themselves, internal bookkeeping, the platform tokens'
 * encrypted keys, and the operators' own records (their names and addresses are not the tenant's
 * data; what support did is in the organisation's audit log).
 */
const SKIPPED_TABLES = new Set([
  'data_exports', '__drizzle_migrations', 'erasure_requests', 'audit_log_archive', 'platform_secrets',
  'operator_audit_log', 'impersonations', 'tenant_deletion_requests',
]);

export interface ExportTable {
  table: string;
  /** The column that ties a row to the subject (`user_id`, `org_id`, …). */
  keyColumn: string;
  columns: string[];
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/**
 * The tables holding a person's (`user_id`, `users.id`, audit rows they acted in) or an
 * organisation's (`org_id`, `organizations.id`) data, read from the catalogue so a new table is
 * exported without being listed; partitions are left to their parent.
 */
export async function exportTables(db: Db, scope: 'user' | 'organization'): Promise<ExportTable[]> {
  const rows = rowsOf<{ table_name: string; column_name: string; data_type: string }>(
    await db.execute(sql`
      SELECT c.table_name, c.column_name, c.data_type
      FROM information_schema.columns c
      JOIN pg_class k ON k.relname = c.table_name AND k.relnamespace = 'public'::regnamespace
      WHERE c.table_schema = 'public' AND k.relkind IN ('r', 'p') AND NOT k.relispartition
      ORDER BY c.table_name, c.ordinal_position`),
  );
  const byTable = new Map<string, { columns: string[]; types: Map<string, string> }>();
  for (const row of rows) {
    if (SKIPPED_TABLES.has(row.table_name)) continue;
    const entry = byTable.get(row.table_name) ?? { columns: [], types: new Map<string, string>() };
    entry.columns.push(row.column_name);
    entry.types.set(row.column_name, row.data_type);
    byTable.set(row.table_name, entry);
  }
  const subjectTable = scope === 'user' ? 'users' : 'organizations';
  const keyName = scope === 'user' ? 'user_id' : 'org_id';
  const tables: ExportTable[] = [];
  for (const [table, entry] of byTable) {
    const keyColumn = table === subjectTable ? 'id' : scope === 'user' && table === 'audit_log' ? 'actor_id' : entry.types.get(keyName) ? keyName : null;
    if (!keyColumn) continue;
    tables.push({ table, keyColumn, columns: entry.columns.filter((column) => !WITHHELD.test(column)) });
  }
  return tables;
}

/** The subject's rows of one table, withheld columns left out. */
export async function readExportRows(db: Db, table: ExportTable, subjectId: string): Promise<Record<string, unknown>[]> {
  const columns = sql.join(table.columns.map(ident), sql`, `);
  return rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT ${columns} FROM ${ident(table.table)} WHERE ${ident(table.keyColumn)}::text = ${subjectId}`),
  );
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row; objects as JSON, dates as ISO 8601. */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  return [columns.join(','), ...rows.map((row) => columns.map((column) => cell(row[column])).join(','))].join('\r\n') + '\r\n';
}
