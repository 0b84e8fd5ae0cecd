import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../tests/setup/db.ts';
import { auditLog, isMigrated, type DbHandle } from './index.ts';

describe('migrations', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('reports the database as fully migrated', async () => {
    expect(await isMigrated(handle)).toBe(true);
  });

  it('refuses to update, delete or truncate audit rows', async () => {
    const [row] = await handle.db
      .insert(auditLog)
      .values({ actorType: 'system', action: 'test.appended' })
      .returning({ id: auditLog.id });
    expect(row?.id).toBeGreaterThan(0);
    for (const statement of [sql`UPDATE audit_log SET action = 'x'`, sql`DELETE FROM audit_log`, sql`TRUNCATE audit_log`]) {
      const failure = await handle.db.execute(statement).then(
        () => null,
        (error: unknown) => error,
      );
      expect(String((failure as { cause?: unknown } | null)?.cause)).toMatch(/append-only/);
    }
    const rows = await handle.db.select().from(auditLog);
    expect(rows).toHaveLength(1);
  });
});
