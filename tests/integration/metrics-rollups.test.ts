import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { campaignMetricsRow } from '../setup/metrics-rows.ts';
import { adAccounts, platformConnections } from '@adloop/db';
import { createMetricsRepository } from '../../apps/server/src/modules/metrics/metrics.repository.ts';
import { rowsOf } from '../../apps/server/src/modules/metrics/report-scope.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser } from '../setup/auth-helpers.ts';

const UNIT = 1_000_000;
const DATES = ['2026-11-18', '2026-11-19', '2026-11-20'];
const ACCOUNTS = 6;

const day = (campaign: string, date: string, spendUnits: number, clicks: number) =>
  campaignMetricsRow({ campaign, date, currency: 'EUR', spendMicros: spendUnits * UNIT, impressions: clicks * 10, clicks, conversions: 1 });

/**
 * Accounts of one platform finish their syncs at the same moment (the worker runs several at once,
 * and several workers run): each rebuilds the organisation's rollup for the platform. On PostgreSQL
 * these transactions really overlap; none may fail and the rollup must hold every account.
 */
describe('organisation rollups while accounts sync side by side', () => {
  let server: TestServer;
  let orgId: string;
  const accountIds: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await signUpVerifiedUser(server, { organizationName: 'Rollup Co' });
    orgId = owner.orgId!;
    const db = server.ctx.db;
    const [connection] = await db.insert(platformConnections).values({ orgId, platform: 'google_ads' }).returning();
    const farAway = new Date('2099-01-01T00:00:00Z');
    for (let i = 0; i < ACCOUNTS; i++) {
      const [account] = await db
        .insert(adAccounts)
        .values({ orgId, connectionId: connection!.id, platform: 'google_ads', platformAccountId: `100-000-00${i}`, name: `Account ${i}`, currency: 'EUR', timeZone: 'UTC', selected: true, nextSyncAt: farAway })
        .returning();
      accountIds.push(account!.id);
    }
  }, 120_000);
  afterAll(async () => server?.close());

  it('sums every account into the organisation rollup, however the refreshes overlap', async () => {
    const metrics = createMetricsRepository(server.ctx.db);
    for (let round = 1; round <= 4; round++) {
      // Each round changes every account's numbers, then refreshes all of them at once.
      await Promise.all(accountIds.map((id, i) => metrics.upsert(orgId, id, DATES.map((date) => day(`c-${i}`, date, round * 10 + i, round + i)), new Date())));
      const refreshed = await Promise.allSettled(accountIds.map((id) => metrics.refreshRollups(orgId, id, 'google_ads', DATES[0]!, DATES.at(-1)!)));
      expect(refreshed.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);

      const rows = rowsOf<{ date: string; spend: string; clicks: string }>(
        await server.ctx.db.execute(sql`SELECT date::text AS date, spend_micros::text AS spend, clicks::text AS clicks FROM metrics_org_daily WHERE org_id = ${orgId}::uuid AND platform = 'google_ads' ORDER BY date`),
      );
      const spend = accountIds.reduce((total, _, i) => total + (round * 10 + i) * UNIT, 0);
      const clicks = accountIds.reduce((total, _, i) => total + round + i, 0);
      expect(rows).toEqual(DATES.map((date) => ({ date, spend: String(spend), clicks: String(clicks) })));
    }
  }, 120_000);
});
