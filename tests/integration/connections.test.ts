import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, ConnectionsOverview } from '@adloop/contracts';
import { addDays } from '@adloop/engine';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { orgWithTeam, createKey, type OrgWithTeam } from '../setup/org-helpers.ts';
import { signUpVerifiedUser } from '../setup/auth-helpers.ts';
import { TestClient } from '../setup/http-client.ts';
import { connectThroughConsent, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';


describe('connecting Google Ads and mirroring its accounts', () => {
  let server: TestServer;
  let org: OrgWithTeam;
  let granted: string[];
  let connectionId: string;

  beforeAll(async () => {
    server = await startTestServer();
    org = await orgWithTeam(server, 'Connectors');
    granted = sandboxAccounts(server, 'google_ads')
      .filter((a) => !a.isManager)
      .slice(0, 2)
      .map((a) => a.id);
  });
  afterAll(async () => server?.close());

  it('lists the platforms this installation offers', async () => {
    const overview = await org.team.viewer.client.get<ConnectionsOverview>(`/api/v1/orgs/${org.orgId}/connections`);
    expect(overview.status).toBe(200);
    expect(overview.body.platforms.find((p) => p.id === 'google_ads')?.available).toBe(true);
    expect(overview.body.connections).toEqual([]);
  });

  it('does not let viewers or API keys start connecting', async () => {
    const viewer = await org.team.viewer.client.post(`/api/v1/orgs/${org.orgId}/connections/authorize`, { platform: 'google_ads' });
    expect(viewer.status).toBe(403);
    const key = await createKey(org.team.owner, org.orgId, 'read_write');
    const byKey = await TestClient.withApiKey(server.url, key.secret).post(`/api/v1/orgs/${org.orgId}/connections/authorize`, { platform: 'google_ads' });
    expect(byKey.status).toBe(403);
    const bad = await org.team.owner.client.post(`/api/v1/orgs/${org.orgId}/connections/authorize`, { platform: 'myspace' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('platform');
  });

  it('connects through the consent page and comes back to pick accounts', async () => {
    const result = await connectThroughConsent(org.team.member, org.orgId, 'google_ads', granted);
    expect(result.status).toBe(302);
    expect(result.location).toMatch(new RegExp(`^/orgs/${org.orgId}/connections\\?pick=`));
    connectionId = result.connectionId!;
    const connection = await org.team.member.client.get<Connection>(`/api/v1/orgs/${org.orgId}/connections/${connectionId}`);
    expect(connection.status).toBe(200);
    expect(connection.body.platform).toBe('google_ads');
    const ids = connection.body.accounts.map((a) => a.platformAccountId);
    for (const id of granted) expect(ids).toContain(id);
    expect(connection.body.accounts.every((a) => !a.selected && a.health.state === 'not_added')).toBe(true);

    // The callback works once: a replay is refused.
    const replay = await org.team.member.client.get(result.callbackPath);
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toMatch(/^\/connect-failed\?reason=/);
  });

  it('refuses a callback from another session, and reports a denied consent', async () => {
    const other = await connectThroughConsent(org.team.admin, org.orgId, 'google_ads', granted, 'deny');
    expect(other.location).toMatch(/connections\?error=/);
    // Started by the admin, finished by the owner's browser: refused.
    const started = await org.team.admin.client.post(`/api/v1/orgs/${org.orgId}/connections/authorize`, { platform: 'google_ads' });
    const state = new URL(started.body.authorizeUrl).searchParams.get('state');
    const hijack = await org.team.owner.client.get(`/api/v1/oauth/google_ads/callback?code=abc&state=${state}`);
    expect(hijack.headers.get('location')).toMatch(/^\/connect-failed\?reason=.*session/);
  });

  it('syncs the picked accounts: campaigns and spend match the sandbox', async () => {
    const connection = await org.team.member.client.get<Connection>(`/api/v1/orgs/${org.orgId}/connections/${connectionId}`);
    const picked = connection.body.accounts.filter((a) => granted.includes(a.platformAccountId)).map((a) => a.id);
    const viewerTry = await org.team.viewer.client.put(`/api/v1/orgs/${org.orgId}/connections/${connectionId}/accounts`, { accountIds: picked });
    expect(viewerTry.status).toBe(403);
    const wrong = await org.team.member.client.put(`/api/v1/orgs/${org.orgId}/connections/${connectionId}/accounts`, { accountIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('accountIds.0');

    const put = await org.team.member.client.put<Connection>(`/api/v1/orgs/${org.orgId}/connections/${connectionId}/accounts`, { accountIds: picked });
    expect(put.status).toBe(200);
    expect(put.body.accounts.filter((a) => a.selected).length).toBe(2);

    const synced = await eventually(async () => {
      const res = await org.team.viewer.client.get<Connection>(`/api/v1/orgs/${org.orgId}/connections/${connectionId}`);
      const mine = res.body.accounts.filter((a) => a.selected);
      return mine.every((a) => a.health.state === 'fresh') ? mine : null;
    }, 90_000, 'first sync');

    for (const account of synced) {
      const world = server.sandbox!.simulator.world().platforms.google;
      const expectedCampaigns = [...world.campaigns.values()].filter((c) => c.accountId === account.platformAccountId).length;
      expect(account.campaignCount).toBe(expectedCampaigns);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: account.timeZone }).format(server.clock.now());
      const rows = server.sandbox!.simulator.engine.report({ platform: 'google', accountId: account.platformAccountId, since: addDays(today, -7), until: addDays(today, -1), level: 'account', grain: 'day' });
      const spend = rows.reduce((sum, r) => sum + r.metrics.spendMicros, 0);
      expect(spend).toBeGreaterThan(0);
      expect(account.spendLast7DaysMicros).toBe(spend);
      expect(account.health.metricsSyncedAt).not.toBeNull();
      expect(account.health.newestHourAt).not.toBeNull();
    }

    const runs = await org.team.viewer.client.get(`/api/v1/orgs/${org.orgId}/ad-accounts/${synced[0]!.id}/sync-runs`);
    expect(runs.status).toBe(200);
    const kinds = runs.body.items.map((r: { kind: string; status: string }) => `${r.kind}:${r.status}`);
    expect(kinds).toEqual(expect.arrayContaining(['structure:succeeded', 'metrics_hourly:succeeded', 'metrics_daily:succeeded']));

    const campaigns = await org.team.viewer.client.get(`/api/v1/orgs/${org.orgId}/ad-accounts/${synced[0]!.id}/campaigns?limit=100`);
    expect(campaigns.status).toBe(200);
    expect(campaigns.body.items.length).toBe(synced[0]!.campaignCount);
  }, 120_000);

  it('re-running a sync changes nothing and duplicates nothing', async () => {
    /** Every stored metrics row's key, with the instant it covers (account-local date and hour as text, sortable). */
    const keys = async () => {
      const { rows } = await server.ctx.dbHandle.sql.query<{ kind: string; account: string; key: string; at: string }>(
        `SELECT 'daily' AS kind, ad_account_id::text AS account, concat_ws('|', ad_account_id, level, entity_id, date, time_basis) AS key, date::text AS at FROM metrics_daily
         UNION ALL
         SELECT 'hourly', ad_account_id::text, concat_ws('|', ad_account_id, level, entity_id, date, hour, time_basis), date::text || ' ' || lpad(hour::text, 2, '0') FROM metrics_hourly`,
      );
      return rows;
    };
    const campaignCount = async () => (await server.ctx.dbHandle.sql.query<{ c: string }>('SELECT count(*)::text AS c FROM campaigns')).rows[0]!.c;
    const before = await keys();
    const campaignsBefore = await campaignCount();
    const overview = await org.team.member.client.get<ConnectionsOverview>(`/api/v1/orgs/${org.orgId}/connections`);
    const account = overview.body.connections[0]!.accounts.find((a) => a.selected)!;
    const runsBefore = (await org.team.member.client.get(`/api/v1/orgs/${org.orgId}/ad-accounts/${account.id}/sync-runs?limit=100`)).body.items.length;
    const retry = await org.team.member.client.post(`/api/v1/orgs/${org.orgId}/ad-accounts/${account.id}/sync`);
    expect(retry.status).toBe(202);
    await eventually(async () => {
      const runs = await org.team.member.client.get(`/api/v1/orgs/${org.orgId}/ad-accounts/${account.id}/sync-runs?limit=100`);
      return runs.body.items.length >= runsBefore + 3 && runs.body.items.every((r: { status: string }) => r.status !== 'running');
    }, 60_000, 'second sync');
    expect(await campaignCount()).toBe(campaignsBefore);
    const after = await keys();
    // No key twice, and every row from before is still there.
    expect(new Set(after.map((r) => `${r.kind}|${r.key}`)).size).toBe(after.length);
    const afterKeys = new Set(after.map((r) => `${r.kind}|${r.key}`));
    expect(before.filter((r) => !afterKeys.has(`${r.kind}|${r.key}`))).toEqual([]);
    // The only new rows are for an hour or day that ended between the two syncs (the platform's clock runs on).
    const latest = new Map<string, string>();
    for (const r of before) if ((latest.get(`${r.kind}|${r.account}`) ?? '') < r.at) latest.set(`${r.kind}|${r.account}`, r.at);
    const beforeKeys = new Set(before.map((r) => `${r.kind}|${r.key}`));
    const added = after.filter((r) => !beforeKeys.has(`${r.kind}|${r.key}`));
    expect(added.filter((r) => r.at <= (latest.get(`${r.kind}|${r.account}`) ?? ''))).toEqual([]);
    expect(added.length).toBeLessThan(before.length / 10);
  }, 90_000);

  it('never shows or touches these accounts from another organisation', async () => {
    const stranger = await signUpVerifiedUser(server, { organizationName: 'Elsewhere' });
    const overview = await org.team.member.client.get<ConnectionsOverview>(`/api/v1/orgs/${org.orgId}/connections`);
    const account = overview.body.connections[0]!.accounts[0]!;
    for (const path of [
      `/api/v1/orgs/${org.orgId}/connections`,
      `/api/v1/orgs/${org.orgId}/connections/${connectionId}`,
      `/api/v1/orgs/${org.orgId}/ad-accounts/${account.id}/sync-runs`,
      `/api/v1/orgs/${org.orgId}/ad-accounts/${account.id}/campaigns`,
    ]) {
      expect((await stranger.client.get(path)).status).toBe(404);
    }
    expect((await stranger.client.post(`/api/v1/orgs/${org.orgId}/ad-accounts/${account.id}/sync`)).status).toBe(404);
    // Their own organisation id with our ids: still nothing.
    expect((await stranger.client.get(`/api/v1/orgs/${stranger.orgId}/connections/${connectionId}`)).status).toBe(404);
    expect((await stranger.client.get(`/api/v1/orgs/${stranger.orgId}/ad-accounts/${account.id}/campaigns`)).status).toBe(404);
    expect((await stranger.client.post(`/api/v1/orgs/${stranger.orgId}/ad-accounts/${account.id}/sync`)).status).toBe(404);
    expect((await stranger.client.delete(`/api/v1/orgs/${stranger.orgId}/connections/${connectionId}`)).status).toBe(404);
  });

  it('disconnects: revokes, deletes the stored tokens, stops syncing, keeps history', async () => {
    expect((await org.team.viewer.client.delete(`/api/v1/orgs/${org.orgId}/connections/${connectionId}`)).status).toBe(403);
    const gone = await org.team.admin.client.delete(`/api/v1/orgs/${org.orgId}/connections/${connectionId}`);
    expect(gone.status).toBe(204);
    const { rows } = await server.ctx.dbHandle.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM platform_secrets WHERE connection_id = $1', [connectionId]);
    expect(rows[0]!.n).toBe('0');
    // The disconnection's time is kept: retention counts 90 days from it.
    const { rows: state } = await server.ctx.dbHandle.sql.query<{ status: string; disconnected_at: Date | null }>('SELECT status, disconnected_at FROM platform_connections WHERE id = $1', [connectionId]);
    expect(state[0]!.status).toBe('disconnected');
    expect(Math.abs(new Date(state[0]!.disconnected_at!).getTime() - server.clock.now().getTime())).toBeLessThan(60_000);
    const overview = await org.team.member.client.get<ConnectionsOverview>(`/api/v1/orgs/${org.orgId}/connections`);
    expect(overview.body.connections.find((c) => c.id === connectionId)).toBeUndefined();
    expect((await org.team.member.client.get(`/api/v1/orgs/${org.orgId}/connections/${connectionId}`)).status).toBe(404);
    const { rows: kept } = await server.ctx.dbHandle.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM campaigns');
    expect(Number(kept[0]!.n)).toBeGreaterThan(0);
  });
});
