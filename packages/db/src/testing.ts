import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DbHandle } from './client.ts';
import { migrate } from './migrate.ts';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function databaseName(url: string): string {
  return new URL(url).pathname.replace(/^\//, '');
}

async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates and migrates a database for one test run on a PostgreSQL server and returns its URL.
 * Test files clone it (CREATE DATABASE ... TEMPLATE), which is much faster than migrating each.
 */
export async function createRunDatabase(serverUrl: string): Promise<string> {
  const name = `adloop_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(serverUrl, name);
  const handle = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  try {
    await migrate(handle);
  } finally {
    await handle.close();
  }
  return url;
}

/** Drops the run database and every clone made from it. */
export async function dropRunDatabase(runUrl: string): Promise<void> {
  const name = databaseName(runUrl);
  await admin(runUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${name}%`,
    ]);
    for (const row of rows) await c.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  });
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or (given the run database URL)
 * a clone of it on the PostgreSQL server. `close()` releases and, on the server, drops it.
 */
export async function createTestDatabase(runUrl: string | null | undefined): Promise<DbHandle> {
  if (!runUrl) {
    const handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(handle);
    return handle;
  }
  const template = databaseName(runUrl);
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  await admin(runUrl, async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        // Two clones started at the same instant can collide on the template's lock; try again.
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 150));
      }
    }
  });
  const handle = await openDatabase({ kind: 'postgres', url: withDatabase(runUrl, name), poolSize: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin(runUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
