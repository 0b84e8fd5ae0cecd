import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignRow, Connection, Dashboard, DashboardFreshness, PlatformId } from '@adloop/contracts';
import { addDays } from '@adloop/engine';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { joinAs } from '../setup/org-helpers.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';

type Table = { items: CampaignRow[]; totals: { spendMicros: number; clicks: number }; currency: string };
type Movers = { items: Array<{ campaignId: string }> };

/**
 * A member assigned one of the organisation's two ad accounts sees that account's numbers only,
 * on every metrics read: dashboard totals, series and platforms, top movers, freshness, the
 * campaign table with its totals, search and CSV export, and campaign pages (404 for the other).
 */
describe('metrics narrowed to a member’s ad accounts', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let member: SignedUpUser;
  let manager: SignedUpUser;
  let orgId: string;
  let mine: { id: string; platform: PlatformId };
  let other: { id: string };
  let range: string;

  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const table = async (user: SignedUpUser, query: string) => {
    const res = await user.client.get<Table>(api(`/campaigns?limit=200&${range}&${query}`));
    expect(res.status).toBe(200);
    return res.body;
  };
  const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(1, Math.abs(b) * 1e-9));

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Scoped Co' });
    orgId = owner.orgId!;
    const grant = sandboxAccounts(server, 'tiktok').filter((a) => !a.isManager).slice(0, 2).map((a) => a.id);
    const added = await connectAndAdd(owner, orgId, 'tiktok', grant);
    mine = { id: added[0]!.id, platform: 'tiktok' };
    other = { id: added[1]!.id };
    member = await joinAs(server, owner, orgId, 'member');
    manager = await joinAs(server, owner, orgId, 'manager');
    const assigned = await owner.client.put(api(`/members/${member.user.id}/ad-accounts`), { adAccountIds: [mine.id] });
    expect(assigned.status).toBe(200);
    await eventually(async () => {
      const overview = (await owner.client.get(api('/connections'))).body as { connections: Connection[] };
      const selected = overview.connections.flatMap((c) => c.accounts.filter((a) => a.selected));
      return selected.length === 2 && selected.every((a) => a.health.state === 'fresh');
    }, 150_000, 'first syncs');
    const until = addDays(server.clock.now().toISOString().slice(0, 10), -1);
    range = `since=${addDays(until, -13)}&until=${until}`;
  }, 240_000);
  afterAll(async () => server?.close());

  it('the campaign table, its totals, search and filters hold only the member’s account', async () => {
    const all = await table(owner, '');
    const ownerMine = await table(owner, `accountId=${mine.id}`);
    const otherCampaigns = all.items.filter((c) => c.adAccountId === other.id);
    expect(ownerMine.items.length).toBeGreaterThan(0);
    expect(otherCampaigns.length).toBeGreaterThan(0);

    const seen = await table(member, '');
    expect(seen.items.map((c) => c.id).sort()).toEqual(ownerMine.items.map((c) => c.id).sort());
    close(seen.totals.spendMicros, ownerMine.totals.spendMicros);
    expect(seen.totals.spendMicros).toBeLessThan(all.totals.spendMicros);
    // Asking for the other account, or searching its campaign by name, finds nothing.
    expect((await table(member, `accountId=${other.id}`)).items).toEqual([]);
    expect((await table(member, `accountId=${other.id}`)).totals.spendMicros).toBe(0);
    const name = otherCampaigns[0]!.name;
    expect((await table(member, `q=${encodeURIComponent(name)}`)).items.filter((c) => c.name === name && c.adAccountId === other.id)).toEqual([]);
    expect((await table(member, `status=active`)).items.every((c) => c.adAccountId === mine.id)).toBe(true);
    // A manager is not narrowed.
    expect((await table(manager, '')).items.length).toBe(all.items.length);
  });

  it('the CSV export holds only the member’s campaigns', async () => {
    const all = await table(owner, '');
    const res = await member.client.get(api(`/campaigns/export.csv?${range}`));
    expect(res.status).toBe(200);
    const csv = res.text;
    const lines = csv.trim().split('\n');
    expect(lines.length - 2).toBe(all.items.filter((c) => c.adAccountId === mine.id).length);
    const listed = new Set(lines.slice(2).map((line) => line.split(',')[0]));
    for (const c of all.items.filter((c) => c.adAccountId === other.id)) expect(listed.has(c.platformId)).toBe(false);
  });

  it('a campaign page of the other account is not found; the member’s own opens', async () => {
    const all = await table(owner, '');
    const theirs = all.items.find((c) => c.adAccountId === other.id)!;
    const ours = all.items.find((c) => c.adAccountId === mine.id)!;
    expect((await member.client.get(api(`/campaigns/${theirs.id}?${range}`))).status).toBe(404);
    expect((await member.client.get(api(`/campaigns/${ours.id}?${range}`))).status).toBe(200);
    expect((await owner.client.get(api(`/campaigns/${theirs.id}?${range}`))).status).toBe(200);
  });

  it('the dashboard counts the member’s account only: totals, series, platforms, top movers and freshness', async () => {
    const ownerMine = await table(owner, `accountId=${mine.id}`);
    const everything = (await owner.client.get<Dashboard>(api(`/dashboard?${range}`))).body;
    const res = await member.client.get<Dashboard>(api(`/dashboard?${range}`));
    expect(res.status).toBe(200);
    const board = res.body;
    close(board.totals.spendMicros, ownerMine.totals.spendMicros);
    expect(board.totals.spendMicros).toBeLessThan(everything.totals.spendMicros);
    expect(board.byPlatform.map((p) => p.platform)).toEqual([mine.platform]);
    close(board.byPlatform[0]!.totals.spendMicros, board.totals.spendMicros);
    close(
      board.series.reduce((sum, p) => sum + p.spendMicros, 0),
      board.totals.spendMicros,
    );

    const ids = new Set(ownerMine.items.map((c) => c.id));
    const movers = (await member.client.get<Movers>(api(`/dashboard/top-movers?${range}`))).body;
    expect(movers.items.length).toBeGreaterThan(0);
    expect(movers.items.every((m) => ids.has(m.campaignId))).toBe(true);

    const fresh = (await member.client.get<DashboardFreshness>(api('/dashboard/freshness'))).body.freshness;
    expect(fresh.reduce((n, f) => n + f.accounts, 0)).toBe(1);
    const ownerFresh = (await owner.client.get<DashboardFreshness>(api('/dashboard/freshness'))).body.freshness;
    expect(ownerFresh.reduce((n, f) => n + f.accounts, 0)).toBe(2);
  });

  it('a member with no accounts assigned sees no numbers at all', async () => {
    expect((await owner.client.put(api(`/members/${member.user.id}/ad-accounts`), { adAccountIds: [] })).status).toBe(200);
    try {
      expect((await table(member, '')).items).toEqual([]);
      expect((await member.client.get<Dashboard>(api(`/dashboard?${range}`))).body.totals.spendMicros).toBe(0);
      expect((await member.client.get<Movers>(api(`/dashboard/top-movers?${range}`))).body.items).toEqual([]);
      expect((await member.client.get<DashboardFreshness>(api('/dashboard/freshness'))).body.freshness).toEqual([]);
    } finally {
      await owner.client.put(api(`/members/${member.user.id}/ad-accounts`), { adAccountIds: [mine.id] });
    }
  });
});
