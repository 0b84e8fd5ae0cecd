import { inject } from 'vitest';
import { createTestDatabase } from '@adloop/db/testing';
import type { DbHandle } from '@adloop/db';

/** A fresh migrated database for the calling test file (PGlite, or a PostgreSQL clone when DATABASE_URL is set). */
export function openTestDatabase(): Promise<DbHandle> {
  return createTestDatabase(inject('runDatabaseUrl'));
}
