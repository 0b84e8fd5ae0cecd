import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema/index.ts';

/** One type for both drivers: repositories are written once against it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Raw SQL executor shared by the job queue and health checks. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: T[] }>;
}

export type DbTarget = { kind: 'pglite'; dataDir: string | null; /** A data folder tarball to start from (restoring a backup). */ loadDataDir?: Blob } | { kind: 'postgres'; url: string; poolSize?: number };

export interface DbHandle {
  kind: DbTarget['kind'];
  db: Db;
  sql: SqlExecutor;
  /** Present in embedded mode: the single PGlite instance (pg-boss runs on it too). */
  pglite: PGlite | null;
  /** Present on a PostgreSQL server: the connection string for pg-boss. */
  url: string | null;
  /** The connection pool's state now (PostgreSQL server only; null on the embedded database). */
  poolStats(): PoolStats | null;
  close(): Promise<void>;
}

export interface PoolStats {
  /** Open connections, idle ones, queries waiting for a connection, and the configured maximum. */
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/** Opens the database: PGlite in a folder (or in memory when `dataDir` is null) or a PostgreSQL server. */
export async function openDatabase(target: DbTarget): Promise<DbHandle> {
  if (target.kind === 'pglite') {
    const client = target.loadDataDir
      ? await PGlite.create({ ...(target.dataDir ? { dataDir: target.dataDir } : {}), loadDataDir: target.loadDataDir })
      : target.dataDir
        ? await PGlite.create(target.dataDir)
        : await PGlite.create();
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      pglite: client,
      url: null,
      sql: {
        query: async <T,>(text: string, values?: unknown[]) => {
          const result = await client.query<T>(text, values);
          return { rows: result.rows };
        },
      },
      poolStats: () => null,
      close: () => client.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight get their own error.
  });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pglite: null,
    url: target.url,
    sql: {
      query: async <T,>(text: string, values?: unknown[]) => {
        const result = await pool.query(text, values);
        return { rows: result.rows as T[] };
      },
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: target.poolSize ?? 10 }),
    close: () => pool.end(),
  };
}

/** A dedicated LISTEN connection (not from the pool: a pooled client would lose its LISTEN when returned). */
export interface PgListener {
  close(): Promise<void>;
}

/**
 * Opens one connection to a PostgreSQL server that LISTENs on `channel`. `onEnd` is called once
 * when the connection drops (the caller reconnects); `close` ends it without calling `onEnd`.
 */
export async function listenOnPostgres(url: string, channel: string, handlers: { onNotify(payload: string): void; onEnd(error: Error | null): void }): Promise<PgListener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid channel name ${channel}`);
  const client = new pg.Client({ connectionString: url });
  let closing = false;
  let ended = false;
  const end = (error: Error | null) => {
    if (closing || ended) return;
    ended = true;
    handlers.onEnd(error);
  };
  client.on('notification', (message) => {
    if (message.channel === channel && message.payload !== undefined) handlers.onNotify(message.payload);
  });
  client.on('error', (error) => end(error));
  client.on('end', () => end(null));
  try {
    await client.connect();
    await client.query(`LISTEN ${channel}`);
  } catch (error) {
    // A failed start is reported by the rejection only, not by onEnd as well.
    closing = true;
    await client.end().catch(() => {});
    throw error;
  }
  return {
    async close() {
      closing = true;
      await client.end().catch(() => {});
    },
  };
}
