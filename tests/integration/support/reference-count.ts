import { sql } from 'drizzle-orm';
import type { Db } from '@adloop/db';

/**
 * Rows anywhere in the database (every table of every application schema, the job queue's
 * included) with a text, uuid or JSON column whose value contains `needle`: per `schema.table.column`.
 */
export async function rowsReferencing(db: Db, needle: string): Promise<Record<string, number>> {
  const columns = (await db.execute(sql`
    SELECT c.table_schema, c.table_name, c.column_name
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
      AND c.data_type IN ('uuid', 'text', 'character varying', 'jsonb', 'json', 'ARRAY')`)) as unknown as { rows: { table_schema: string; table_name: string; column_name: string }[] };
  const found: Record<string, number> = {};
  for (const col of columns.rows) {
    const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
    const result = (await db.execute(sql`SELECT count(*)::int AS n FROM ${sql.raw(`${q(col.table_schema)}.${q(col.table_name)}`)} WHERE ${sql.raw(q(col.column_name))}::text LIKE ${`%${needle}%`}`)) as unknown as { rows: { n: number }[] };
    const n = result.rows[0]?.n ?? 0;
    if (n > 0) found[`${col.table_schema}.${col.table_name}.${col.column_name}`] = n;
  }
  return found;
}
