import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AdAccount, CampaignChange, CampaignRow, Connection, ConnectionsOverview, Dashboard, DashboardFreshness, MirroredCampaign, TopMovers } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { joinAs } from '../setup/org-helpers.ts';
import { openEventStream } from '../setup/sse.ts';
import { connectAndAdd, connectThroughConsent, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';

type Table = { items: CampaignRow[]; totals: { spendMicros: number } };
type Mirrored = z.infer<typeof MirroredCampaign>;

/**
 * A member works only on the ad accounts assigned to them: an owner assigns TikTok account A of
 * two (A and B), and nothing of B — its id, its campaigns, its numbers, its changes — appears in
 * anything the member can ask for, while the owner still sees both.
 */
describe('a member limited to one ad account', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let member: SignedUpUser;
  let orgId: string;
  let connectionId: string;
  let assigned: AdAccount;
  let other: AdAccount;
  /** Campaign ids of each account, as the owner sees them. */
  let campaignsOf: { assigned: Mirrored[]; other: Mirrored[] };
  /** A change the owner made in each account. */
  let changes: { assigned: CampaignChange; other: CampaignChange };

  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const table = async (who: SignedUpUser, query = '') => {
    const response = await who.client.get<Table>(api(`/campaigns?limit=200${query}`));
    expect(response.status, response.text).toBe(200);
    return response.body;
  };
  /** Everything that would show the other account: its ids and its campaigns' ids. */
  const otherTraces = () => [other.id, other.platformAccountId, ...campaignsOf.other.flatMap((c) => [c.id, c.platformId]), changes.other.id];
  const expectNoTrace = (text: string, where: string) => {
    for (const trace of otherTraces()) expect(text, `${where} shows ${trace}`).not.toContain(trace);
  };

  const pause = async (campaign: Mirrored) => {
    const asked = await owner.client.post<{ items: CampaignChange[] }>(api('/campaign-changes'), {
      idempotencyKey: randomUUID(),
      changes: [{ campaignId: campaign.id, action: 'pause', expected: { status: 'active' } }],
    });
    expect(asked.status, asked.text).toBe(202);
    return eventually(async () => {
      const change = (await owner.client.get<CampaignChange>(api(`/campaign-changes/${asked.body.items[0]!.id}`))).body;
      return change.state === 'pending' ? null : change;
    }, 30_000, 'change to settle');
  };

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Scoped Co' });
    orgId = owner.orgId!;
    member = await joinAs(server, owner, orgId, 'member');
    const grant = sandboxAccounts(server, 'tiktok').filter((a) => !a.isManager).slice(0, 2).map((a) => a.id);
    [assigned, other] = (await connectAndAdd(owner, orgId, 'tiktok', grant)) as [AdAccount, AdAccount];
    connectionId = assigned.connectionId;
    await eventually(async () => {
      const overview = (await owner.client.get<ConnectionsOverview>(api('/connections'))).body;
      const accounts = overview.connections.flatMap((c) => c.accounts.filter((a) => a.selected));
      return accounts.length === 2 && accounts.every((a) => a.health.state === 'fresh');
    }, 120_000, 'first syncs');
    const mirrored = async (account: AdAccount) => (await owner.client.get<{ items: Mirrored[] }>(api(`/ad-accounts/${account.id}/campaigns?limit=100`))).body.items;
    campaignsOf = { assigned: await mirrored(assigned), other: await mirrored(other) };
    expect(campaignsOf.assigned.length).toBeGreaterThan(0);
    expect(campaignsOf.other.length).toBeGreaterThan(0);
    const active = (rows: Mirrored[]) => rows.find((c) => c.status === 'active')!;
    changes = { assigned: await pause(active(campaignsOf.assigned)), other: await pause(active(campaignsOf.other)) };
  }, 240_000);
  afterAll(async () => server?.close());

  describe('assignment', () => {
    it('sees nothing before any account is assigned, then exactly the assigned one', async () => {
      expect((await member.client.get<ConnectionsOverview>(api('/connections'))).body.connections).toEqual([]);
      const members = api(`/members/${member.user.id}/ad-accounts`);
      expect((await owner.client.get(members)).body).toEqual({ userId: member.user.id, adAccountIds: [] });
      const put = await owner.client.put(members, { adAccountIds: [assigned.id] });
      expect(put.status, put.text).toBe(200);
      expect(put.body).toEqual({ userId: member.user.id, adAccountIds: [assigned.id] });
      expect((await owner.client.get(members)).body.adAccountIds).toEqual([assigned.id]);

      const list = (await member.client.get<{ items: { userId: string; adAccountIds: string[] | null }[] }>(api('/members'))).body.items;
      expect(list.find((m) => m.userId === member.user.id)?.adAccountIds).toEqual([assigned.id]);
      expect(list.find((m) => m.userId === owner.user.id)?.adAccountIds).toBeNull();

      const audit = (await owner.client.get(api('/audit-log?action=member.accounts_assigned'))).body.items;
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ targetId: member.user.id, before: { adAccountIds: [] }, after: { adAccountIds: [assigned.id] } });
      // Sending the same set again changes nothing and is not audited.
      expect((await owner.client.put(members, { adAccountIds: [assigned.id, assigned.id] })).body.adAccountIds).toEqual([assigned.id]);
      expect((await owner.client.get(api('/audit-log?action=member.accounts_assigned'))).body.items).toHaveLength(1);
    });

    it('refuses ids of no account of the organisation by index, other roles with a 409, and people who may not assign', async () => {
      const stranger = randomUUID();
      const unknown = await owner.client.put(api(`/members/${member.user.id}/ad-accounts`), { adAccountIds: [assigned.id, stranger] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.details.issues[0]).toMatchObject({ field: 'adAccountIds.1', message: expect.stringContaining(stranger) });
      expect((await owner.client.put(api(`/members/${member.user.id}/ad-accounts`), { adAccountIds: ['not-a-uuid'] })).status).toBe(400);

      const viewer = await joinAs(server, owner, orgId, 'viewer');
      const toViewer = await owner.client.put(api(`/members/${viewer.user.id}/ad-accounts`), { adAccountIds: [assigned.id] });
      expect(toViewer.status).toBe(409);
      expect(toViewer.body.error.message).toMatch(/members only: as viewer this person already works on every ad account/);
      expect((await owner.client.get(api(`/members/${randomUUID()}/ad-accounts`))).status).toBe(404);
      expect((await member.client.put(api(`/members/${member.user.id}/ad-accounts`), { adAccountIds: [other.id] })).status).toBe(403);
      expect((await viewer.client.get(api(`/members/${member.user.id}/ad-accounts`))).status).toBe(403);
    });

    it('drops the assignments when someone stops being a member, so returning to the role starts from none', async () => {
      const second = await joinAs(server, owner, orgId, 'member');
      const path = api(`/members/${second.user.id}/ad-accounts`);
      expect((await owner.client.put(path, { adAccountIds: [other.id] })).status).toBe(200);
      // The first member reads the members list too: another member's account outside theirs is not named.
      const seenBy = async (who: SignedUpUser) => (await who.client.get<{ items: { userId: string; adAccountIds: string[] | null }[] }>(api('/members'))).body.items.find((m) => m.userId === second.user.id)?.adAccountIds;
      expect(await seenBy(owner)).toEqual([other.id]);
      expect(await seenBy(member)).toEqual([]);
      expect((await owner.client.patch(api(`/members/${second.user.id}`), { role: 'viewer' })).body.adAccountIds).toBeNull();
      expect((await owner.client.patch(api(`/members/${second.user.id}`), { role: 'member' })).body.adAccountIds).toEqual([]);
      expect((await owner.client.get(path)).body.adAccountIds).toEqual([]);
      expect((await second.client.get<ConnectionsOverview>(api('/connections'))).body.connections).toEqual([]);
      const roleChange = (await owner.client.get(api('/audit-log?action=member.role_changed'))).body.items.find((e: { after: { role: string } }) => e.after.role === 'viewer');
      expect(roleChange.before.adAccountIds).toEqual([other.id]);
    });
  });

  describe('connections and accounts', () => {
    it('lists the connection with the assigned account only, its health and numbers included', async () => {
      const overview = await member.client.get<ConnectionsOverview>(api('/connections'));
      expect(overview.body.connections.map((c) => c.accounts.map((a) => a.id))).toEqual([[assigned.id]]);
      expectNoTrace(overview.text, 'the connections overview');
      const connection = await member.client.get<Connection>(api(`/connections/${connectionId}`));
      expect(connection.body.accounts.map((a) => a.id)).toEqual([assigned.id]);
      expect(connection.body.accounts[0]?.campaignCount).toBe(campaignsOf.assigned.length);
      expectNoTrace(connection.text, 'the connection');
      expect((await owner.client.get<Connection>(api(`/connections/${connectionId}`))).body.accounts.filter((a) => a.selected)).toHaveLength(2);
    });

    it('answers 404 for the other account’s sync log, campaigns, sync, assets and uploads, as for an unknown account', async () => {
      const png = { fileName: 'x.png', contentType: 'image/png', dataBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' };
      const calls = [
        () => member.client.get(api(`/ad-accounts/${other.id}/sync-runs`)),
        () => member.client.get(api(`/ad-accounts/${other.id}/campaigns`)),
        () => member.client.post(api(`/ad-accounts/${other.id}/sync`)),
        () => member.client.get(api(`/ad-accounts/${other.id}/ad-assets`)),
        () => member.client.post(api(`/ad-accounts/${other.id}/images`), png),
      ];
      for (const call of calls) {
        const response = await call();
        expect(response.status, response.text).toBe(404);
        expect(response.body.error.message).toBe('Ad account not found');
      }
      expect((await member.client.get(api(`/ad-accounts/${assigned.id}/campaigns`))).status).toBe(200);
      expect((await member.client.get(api(`/ad-accounts/${assigned.id}/sync-runs`))).status).toBe(200);
    });

    it('refuses a campaign in the other account exactly like one in an unknown account', async () => {
      const body = (adAccountId: string) => ({
        adAccountId,
        name: 'Out of scope',
        objective: 'TRAFFIC',
        budget: { kind: 'daily', amountMicros: 60_000_000 },
        adGroup: { name: 'x', countries: ['US'] },
        ad: { name: 'x', headline: '', description: 'x', finalUrl: 'https://example.com' },
      });
      const inOther = await member.client.post(api('/campaigns'), body(other.id));
      const inUnknown = await member.client.post(api('/campaigns'), body(randomUUID()));
      expect(inOther.status).toBe(400);
      expect(inOther.body.error.details).toEqual(inUnknown.body.error.details);
    });

    it('chooses among the assigned accounts only when picking what Adloop syncs; the other stays added', async () => {
      const path = api(`/connections/${connectionId}/accounts`);
      const refused = await member.client.put(path, { accountIds: [assigned.id, other.id] });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.issues[0].field).toBe('accountIds.1');
      const kept = await member.client.put<Connection>(path, { accountIds: [assigned.id] });
      expect(kept.status, kept.text).toBe(200);
      expectNoTrace(kept.text, 'the saved connection');
      const seenByOwner = (await owner.client.get<Connection>(api(`/connections/${connectionId}`))).body.accounts;
      expect(seenByOwner.filter((a) => a.selected).map((a) => a.id).sort()).toEqual([assigned.id, other.id].sort());
    });
  });

  // Numbers read through modules/metrics, narrowed to the caller's accounts there.
  describe('numbers', () => {
    it('lists, totals, searches and exports the assigned account’s campaigns only', async () => {
      const mine = await member.client.get<Table>(api('/campaigns?limit=200'));
      const truth = await table(owner, `&accountId=${assigned.id}`);
      expect(mine.body.items.map((c) => c.id).sort()).toEqual(truth.items.map((c) => c.id).sort());
      expect(mine.body.totals.spendMicros).toBe(truth.totals.spendMicros);
      expectNoTrace(mine.text, 'the campaign table');
      const search = await member.client.get<Table>(api(`/campaigns?q=${encodeURIComponent(campaignsOf.other[0]!.name)}`));
      expect(search.body.items.every((c) => c.adAccountId === assigned.id)).toBe(true);
      expect((await member.client.get<Table>(api(`/campaigns?accountId=${other.id}`))).body.items).toEqual([]);
      const csv = await member.client.get(api('/campaigns/export.csv?columns=campaign_id,account_id,name,spend'));
      expect(csv.status).toBe(200);
      expect(csv.text.trim().split('\r\n').length - 2).toBe(truth.items.length);
      expectNoTrace(csv.text, 'the CSV export');
    });

    it('totals the dashboard, its top movers and freshness over the assigned account only', async () => {
      const mine = await member.client.get<Dashboard>(api('/dashboard'));
      const everything = await owner.client.get<Dashboard>(api('/dashboard'));
      expect(mine.body.totals.spendMicros).toBeLessThan(everything.body.totals.spendMicros);
      expect(mine.body.totals.impressions).toBeLessThan(everything.body.totals.impressions);
      const movers = await member.client.get<TopMovers>(api('/dashboard/top-movers'));
      expect(movers.body.items.every((m) => campaignsOf.assigned.some((c) => c.id === m.campaignId))).toBe(true);
      expectNoTrace(movers.text, 'the top movers');
      const freshness = await member.client.get<DashboardFreshness>(api('/dashboard/freshness'));
      expect(freshness.body.freshness.find((f) => f.platform === 'tiktok')?.accounts).toBe(1);
    });

    it('answers 404 for a campaign of the other account', async () => {
      expect((await member.client.get(api(`/campaigns/${campaignsOf.other[0]!.id}`))).status).toBe(404);
      expect((await member.client.get(api(`/campaigns/${campaignsOf.assigned[0]!.id}`))).status).toBe(200);
    });
  });

  // Change history and changes, narrowed in modules/changes.
  describe('changes', () => {
    it('shows the assigned account’s changes only, and 404 for the other’s', async () => {
      const history = await member.client.get<{ items: CampaignChange[] }>(api('/campaign-changes?limit=100'));
      expect(history.body.items.map((c) => c.id)).toContain(changes.assigned.id);
      expectNoTrace(history.text, 'the change history');
      expect((await member.client.get<{ items: CampaignChange[] }>(api(`/campaign-changes?campaignId=${changes.other.campaignId}`))).body.items ?? []).toEqual([]);
      expect((await member.client.get(api(`/campaign-changes/${changes.other.id}`))).status).toBe(404);
      expect((await member.client.get(api(`/campaign-changes/${changes.assigned.id}`))).status).toBe(200);
    });

    it('hears live only of the assigned account’s changes', async () => {
      const mine = await openEventStream(member.client, api('/events'));
      const everything = await openEventStream(owner.client, api('/events'));
      try {
        const undo = async (change: CampaignChange) => (await owner.client.post<CampaignChange>(api(`/campaign-changes/${change.id}/undo`), { idempotencyKey: randomUUID() })).body.id;
        const otherUndo = await undo(changes.other);
        const assignedUndo = await undo(changes.assigned);
        const about = (id: string) => (e: { event: string; data: unknown }) => e.event === 'change' && (e.data as { changeId: string }).changeId === id;
        await everything.waitFor(about(otherUndo), 30_000, 'the other account’s undo on the owner’s stream');
        await mine.waitFor(about(assignedUndo), 30_000, 'the assigned account’s undo on the member’s stream');
        await everything.waitFor(about(assignedUndo), 30_000, 'the assigned account’s undo on the owner’s stream');
        const heard = JSON.stringify(mine.events);
        expectNoTrace(heard, 'the member’s live stream');
        expect(heard).not.toContain(otherUndo);
      } finally {
        mine.close();
        everything.close();
      }
    }, 90_000);

    it('cannot change or undo anything in the other account', async () => {
      const campaign = campaignsOf.other.find((c) => c.id !== changes.other.campaignId) ?? campaignsOf.other[0]!;
      const ask = (campaignId: string) => member.client.post(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [{ campaignId, action: 'pause', expected: { status: campaign.status } }] });
      const change = await ask(campaign.id);
      const unknown = await ask(randomUUID());
      // The very answer a campaign that does not exist gets, whatever that is.
      expect(change.status).toBeGreaterThanOrEqual(400);
      expect(change.status).toBe(unknown.status);
      expect(change.body.error).toEqual(unknown.body.error);
      expectNoTrace(change.text, 'the refused change');
      expect((await member.client.post(api(`/campaign-changes/${changes.other.id}/undo`), { idempotencyKey: randomUUID() })).status).toBe(404);
    });
  });

  // Last: it gives the member a second account.
  describe('bringing accounts in', () => {
    it('shows a member the not yet added accounts of their own connection, and makes what they add theirs', async () => {
      const grant = sandboxAccounts(server, 'meta').filter((a) => !a.isManager).slice(0, 2).map((a) => a.id);
      const connected = await connectThroughConsent(member, orgId, 'meta', grant);
      const own = await member.client.get<Connection>(api(`/connections/${connected.connectionId}`));
      expect(own.body.accounts.map((a) => a.platformAccountId).sort()).toEqual([...grant].sort());
      const [first] = own.body.accounts;
      const put = await member.client.put<Connection>(api(`/connections/${connected.connectionId}/accounts`), { accountIds: [first!.id] });
      expect(put.status, put.text).toBe(200);
      expect(put.body.accounts.find((a) => a.id === first!.id)?.selected).toBe(true);
      expect((await owner.client.get(api(`/members/${member.user.id}/ad-accounts`))).body.adAccountIds).toEqual([assigned.id, first!.id].sort());
      const audit = (await owner.client.get(api('/audit-log?action=member.accounts_assigned'))).body.items[0];
      expect(audit.after).toMatchObject({ adAccountIds: [assigned.id, first!.id].sort(), reason: 'added from their own connection' });
      // The owner's TikTok account the member was not given stays out of sight.
      expectNoTrace((await member.client.get(api('/connections'))).text, 'the connections overview');
    });
  });
});
