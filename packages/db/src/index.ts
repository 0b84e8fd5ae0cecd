export * from './schema/index.ts';
export { openDatabase, listenOnPostgres, type Db, type DbHandle, type DbTarget, type SqlExecutor, type PgListener, type PoolStats } from './client.ts';
export { migrate, isMigrated, expectedMigrationCount, MIGRATIONS_FOLDER } from './migrate.ts';
export * from './metrics-store.ts';
