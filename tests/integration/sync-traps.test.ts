import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@adloop/contracts';
import { dateInZone } from '@adloop/engine';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectThroughConsent, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';

describe('platform traps during sync', () => {
  let server: TestServer;
  let owner: SignedUpUser;

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Trap Co' });
  });
  afterAll(async () => server?.close());

  it('shrinks the date range when Meta says the report is too large (31 → 7 → 1 days) and still gets every row', async () => {
    const [grant] = sandboxAccounts(server, 'meta').filter((a) => !a.isManager);
    const connected = await connectThroughConsent(owner, owner.orgId!, 'meta', [grant!.id]);
    const connection = await owner.client.get<Connection>(`/api/v1/orgs/${owner.orgId}/connections/${connected.connectionId}`);
    const account = connection.body.accounts.find((a) => a.platformAccountId === grant!.id)!;
    const world = server.sandbox!.simulator.world().platforms.meta;
    const ads = [...world.ads.values()].filter((a) => a.accountId === grant!.id).length;
    // Answers over 7 days of ad rows are "too much data" (synchronously, and as failed async jobs).
    server.sandbox!.context.settings.meta.maxInsightsRows = ads * 7;
    try {
      expect((await owner.client.put(`/api/v1/orgs/${owner.orgId}/connections/${connected.connectionId}/accounts`, { accountIds: [account.id] })).status).toBe(200);
      const runs = await eventually(async () => {
        const list = (await owner.client.get(`/api/v1/orgs/${owner.orgId}/ad-accounts/${account.id}/sync-runs`)).body.items as Array<{ kind: string; status: string; counts: Record<string, number>; errorMessage: string | null }>;
        if (list.some((r) => r.status === 'failed')) throw new Error(`a sync run failed: ${JSON.stringify(list)}`);
        return list.length >= 3 && list.every((r) => r.status === 'succeeded') ? list : null;
      }, 170_000, 'sync with shrinking');
      const daily = runs.find((r) => r.kind === 'metrics_daily')!;
      expect(daily.counts.shrunk).toBeGreaterThan(0);
      expect(daily.counts.days).toBe(61);
      // Every complete day of the 61 has its rows; today (the 61st) has rows once the account's
      // morning delivery began, so it is counted only when the platform reported any.
      const today = dateInZone(account.timeZone, server.ctx.clock.now());
      const { rows } = await server.ctx.dbHandle.sql.query<{ n: string; days: string }>(
        "SELECT count(*)::text AS n, count(DISTINCT date)::text AS days FROM metrics_daily WHERE ad_account_id = $1 AND level = 'campaign' AND date < $2::date",
        [account.id, today],
      );
      expect(rows[0]!.days).toBe('60');
    } finally {
      server.sandbox!.context.settings.meta.maxInsightsRows = 0;
    }
  }, 180_000);

  it('refuses to add a Google manager account (managers have no metrics; their clients are synced with login-customer-id)', async () => {
    const all = sandboxAccounts(server, 'google_ads');
    const manager = all.find((a) => a.isManager);
    const client = all.find((a) => !a.isManager && a.managerId);
    expect(manager && client).toBeTruthy();
    const connected = await connectThroughConsent(owner, owner.orgId!, 'google_ads', [manager!.id]);
    const connection = await owner.client.get<Connection>(`/api/v1/orgs/${owner.orgId}/connections/${connected.connectionId}`);
    const managerRow = connection.body.accounts.find((a) => a.platformAccountId === manager!.id);
    const clientRow = connection.body.accounts.find((a) => a.platformAccountId === client!.id);
    expect(managerRow?.isManager).toBe(true);
    const refused = await owner.client.put(`/api/v1/orgs/${owner.orgId}/connections/${connected.connectionId}/accounts`, { accountIds: [managerRow!.id] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/manager account/);
    expect((await owner.client.put(`/api/v1/orgs/${owner.orgId}/connections/${connected.connectionId}/accounts`, { accountIds: [clientRow!.id] })).status).toBe(200);
    const synced = await eventually(async () => {
      const res = await owner.client.get<Connection>(`/api/v1/orgs/${owner.orgId}/connections/${connected.connectionId}`);
      const row = res.body.accounts.find((a) => a.id === clientRow!.id)!;
      if (row.health.state === 'error') throw new Error(JSON.stringify(row.health));
      return row.health.state === 'fresh' ? row : null;
    }, 90_000, 'client account sync');
    expect(synced.campaignCount).toBeGreaterThan(0);
    expect(synced.spendLast7DaysMicros).toBeGreaterThan(0);
  }, 120_000);
});
