import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { adAccounts, campaigns, organizations, platformConnections, type DbHandle } from '@adloop/db';
import { openTestDatabase } from '../../../../../tests/setup/db.ts';
import { analyzeGrownTables } from './statistics.ts';

const onPostgres = (handle: DbHandle) => handle.kind === 'postgres';

describe('statistics of the synced tables', () => {
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('analyses a synced table that grew since its last statistics, once, and does nothing on the embedded database', async () => {
    if (!onPostgres(handle)) {
      expect(await analyzeGrownTables(handle.db, false)).toEqual([]);
      return;
    }
    const db = handle.db;
    const [org] = await db.insert(organizations).values({ name: 'Stats Co' }).returning();
    const [connection] = await db.insert(platformConnections).values({ orgId: org!.id, platform: 'meta' }).returning();
    const [account] = await db
      .insert(adAccounts)
      .values({ orgId: org!.id, connectionId: connection!.id, platform: 'meta', platformAccountId: 'act_1', name: 'A', currency: 'USD', timeZone: 'UTC', selected: true })
      .returning();
    const now = new Date();
    await db.insert(campaigns).values(
      Array.from({ length: 40 }, (_, i) => ({ id: randomUUID(), orgId: org!.id, adAccountId: account!.id, platformId: `c-${i}`, name: `C ${i}`, status: 'active' as const, rawStatus: 'ACTIVE', currency: 'USD', syncedAt: now })),
    );
    // The insert's counts reach the statistics views within a second or so (another connection's).
    const deadline = Date.now() + 10_000;
    let analysed: string[] = [];
    while (!analysed.includes('campaigns') && Date.now() < deadline) {
      analysed = await analyzeGrownTables(db, true);
      if (!analysed.includes('campaigns')) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(analysed).toContain('campaigns');
    const { rows } = await handle.sql.query<{ n: string }>(`SELECT reltuples AS n FROM pg_class WHERE relname = 'campaigns'`);
    expect(Number(rows[0]?.n)).toBe(40);
    // Nothing grew since: the next sync analyses nothing.
    expect(await analyzeGrownTables(db, true)).not.toContain('campaigns');
  });
});
