import { sql } from 'drizzle-orm';
import type { Db } from '@adloop/db';
import { rowsOf } from '../metrics/report-scope.ts';
import { readCatalogue, subjectKey, withoutOperators, type Subject } from './catalogue.ts';

/**
 * Columns never exported: secrets and their hashes (passwords, tokens, keys, MFA secrets,
 * sealed platform tokens, wrapped data keys) and stored files (bytes). Everything else about the
 * subject is.
 */
const WITHHELD = /(password|secret|token|hash|_enc$|sealed|ciphertext|wrapped|^key$|^file$|^pdf$|_bytes$|^logo$|^row$)/;

export interface ExportTable {
  table: string;
  /** The column that ties a row to the subject (`user_id`, `org_id`, …). */
  keyColumn: string;
  columns: string[];
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/**
 * The tables holding a person's (`user_id`, `users.id`, audit rows they acted in) or an
 * organisation's (`org_id`, `organizations.id`) data, as the catalogue describes them.
 */
export async function exportTables(db: Db, scope: Subject): Promise<ExportTable[]> {
  const tables: ExportTable[] = [];
  for (const table of await readCatalogue(db)) {
    const keyColumn = subjectKey(table, scope);
    if (!keyColumn) continue;
    tables.push({ table: table.name, keyColumn, columns: table.columns.map((c) => c.name).filter((column) => !WITHHELD.test(column)) });
  }
  return tables;
}

/** The subject's rows of one table, withheld columns left out and operators named only as "Adloop support". */
export async function readExportRows(db: Db, table: ExportTable, subjectId: string): Promise<Record<string, unknown>[]> {
  const columns = sql.join(table.columns.map(ident), sql`, `);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT ${columns} FROM ${ident(table.table)} WHERE ${ident(table.keyColumn)}::text = ${subjectId}`),
  );
  return rows.map((row) => withoutOperators(table.table, row));
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
