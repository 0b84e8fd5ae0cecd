import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { DbHandle } from './client.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies every pending SQL migration. Safe to call on every start. */
export async function migrate(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, config);
  } else {
    await migratePg(handle.db as unknown as NodePgDatabase, config);
  }
}

interface Journal {
  entries: { tag: string }[];
}

/** Number of migrations shipped with this build. */
export async function expectedMigrationCount(): Promise<number> {
  const journal = JSON.parse(await readFile(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as Journal;
  return journal.entries.length;
}

/** True when every shipped migration has been applied (used by the readiness probe). */
export async function isMigrated(handle: DbHandle): Promise<boolean> {
  try {
    const { rows } = await handle.sql.query<{ count: string | number }>(
      'SELECT count(*) AS count FROM drizzle.__drizzle_migrations',
    );
    return Number(rows[0]?.count ?? 0) >= (await expectedMigrationCount());
  } catch {
    return false;
  }
}
