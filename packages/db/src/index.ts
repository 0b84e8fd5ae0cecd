export * from './schema/index.ts';
export { openDatabase, type Db, type DbHandle, type DbTarget, type SqlExecutor } from './client.ts';
export { migrate, isMigrated, expectedMigrationCount, MIGRATIONS_FOLDER } from './migrate.ts';
export * from './metrics-store.ts';
