import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { CampaignDetail, Dashboard } from '@adloop/contracts';
import { campaignMetricsRow } from '../setup/metrics-rows.ts';
import { adAccounts, campaigns, platformConnections } from '@adloop/db';
import { createMetricsRepository } from '../../apps/server/src/modules/metrics/metrics.repository.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';

// 01:30 UTC is 10:30 in Tokyo: the organisation's today is 10.5 hours old.
const NOW = new Date('2026-11-20T01:30:00Z');
const TODAY = '2026-11-20';
const YESTERDAY = '2026-11-19';
const DAY_BEFORE = '2026-11-18';
const ZONE = 'Asia/Tokyo';
const UNIT = 1_000_000;

const row = (date: string, hour: number | null, spendUnits: number, clicks: number) =>
  campaignMetricsRow({ campaign: 'c-1', date, hour, currency: 'JPY', spendMicros: spendUnits * UNIT, impressions: clicks * 10, clicks });
const hours = (date: string, count: number, spendUnits: number, clicks: number) => Array.from({ length: count }, (_, h) => row(date, h, spendUnits, clicks));

describe('dashboard comparison of a partial day', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  let campaignId: string;
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Tokyo Co' });
    orgId = owner.orgId!;
    expect((await owner.client.patch(api(''), { reportingCurrency: 'JPY', timeZone: ZONE })).status).toBe(200);
    server.clock.set(NOW);
    const db = server.ctx.db;
    const [connection] = await db.insert(platformConnections).values({ orgId, platform: 'meta' }).returning();
    const farAway = new Date('2099-01-01T00:00:00Z');
    const account = async (platformAccountId: string) =>
      (await db.insert(adAccounts).values({ orgId, connectionId: connection!.id, platform: 'meta', platformAccountId, name: platformAccountId, currency: 'JPY', timeZone: ZONE, selected: true, nextSyncAt: farAway, metricsSyncedAt: NOW }).returning())[0]!;
    const hourly = await account('act_hourly');
    const dailyOnly = await account('act_daily');
    const metrics = createMetricsRepository(db);
    // With hours: 1 a hour yesterday (24 for the day), 2 a hour today for the 11 hours begun.
    await metrics.upsert(orgId, hourly.id, [row(DAY_BEFORE, null, 30, 300), row(YESTERDAY, null, 24, 240), ...hours(YESTERDAY, 24, 1, 10), row(TODAY, null, 22, 220), ...hours(TODAY, 11, 2, 20)], NOW);
    // Without hourly rows for yesterday: its day counts by the share of the day gone by.
    await metrics.upsert(orgId, dailyOnly.id, [row(YESTERDAY, null, 48, 480), row(TODAY, null, 20, 200)], NOW);
    for (const a of [hourly, dailyOnly]) await metrics.refreshRollups(orgId, a.id, 'meta', DAY_BEFORE, TODAY);
    const [campaign] = await db
      .insert(campaigns)
      .values({ id: randomUUID(), orgId, adAccountId: hourly.id, platformId: 'c-1', name: 'Morning sale', status: 'active', rawStatus: 'ACTIVE', currency: 'JPY', syncedAt: NOW })
      .returning();
    campaignId = campaign!.id;
  }, 120_000);
  afterAll(async () => server?.close());

  it('compares today with the same hours of yesterday, in the organisation’s time zone', async () => {
    const res = await owner.client.get<Dashboard>(api(`/dashboard?since=${TODAY}&until=${TODAY}`));
    expect(res.status).toBe(200);
    const board = res.body;
    expect(board.previousRange).toEqual({ since: YESTERDAY, until: YESTERDAY });
    expect(board.comparedThrough).toEqual({ date: YESTERDAY, time: '10:30' });
    expect(board.totals.spendMicros).toBe(42 * UNIT);
    // Hours 0–9 whole, hour 10 half: 10.5; the daily-only account 48 × 10.5 / 24 = 21.
    expect(board.previousTotals.spendMicros).toBe(31.5 * UNIT);
    expect(board.change.spendMicros).toBeCloseTo(42 / 31.5 - 1, 6);
    expect(board.previousTotals.clicks).toBe(105 + 210);
  });

  it('ranks top movers by the same comparison', async () => {
    const movers = (await owner.client.get<{ items: Array<{ name: string; spendMicros: number; previousSpendMicros: number; change: number | null }> }>(api(`/dashboard/top-movers?since=${TODAY}&until=${TODAY}`))).body;
    expect(movers.items).toEqual([expect.objectContaining({ name: 'Morning sale', spendMicros: 22 * UNIT, previousSpendMicros: 10.5 * UNIT })]);
  });

  it('compares a finished day with the whole day before', async () => {
    const board = (await owner.client.get<Dashboard>(api(`/dashboard?since=${YESTERDAY}&until=${YESTERDAY}`))).body;
    expect(board.comparedThrough).toBeNull();
    expect(board.previousTotals.spendMicros).toBe(30 * UNIT);
    expect(board.totals.spendMicros).toBe(72 * UNIT);
  });

  it('cuts the last day of a longer range that ends today the same way', async () => {
    const board = (await owner.client.get<Dashboard>(api(`/dashboard?since=${YESTERDAY}&until=${TODAY}`))).body;
    expect(board.previousRange).toEqual({ since: '2026-11-17', until: DAY_BEFORE });
    expect(board.comparedThrough).toEqual({ date: DAY_BEFORE, time: '10:30' });
    // The day before has no hourly rows: 30 × 10.5 / 24.
    expect(board.previousTotals.spendMicros).toBe(Math.round((30 * 10.5 * UNIT) / 24));
  });

  it('gives the campaign page the same comparison', async () => {
    const res = await owner.client.get<CampaignDetail>(api(`/campaigns/${campaignId}?since=${TODAY}&until=${TODAY}`));
    expect(res.status).toBe(200);
    expect(res.body.campaign.metrics.spendMicros).toBe(22 * UNIT);
    expect(res.body.previousTotals.spendMicros).toBe(10.5 * UNIT);
    expect(res.body.comparedThrough).toEqual({ date: YESTERDAY, time: '10:30' });
    expect(res.body.change.spendMicros).toBeCloseTo(22 / 10.5 - 1, 6);
  });
});
