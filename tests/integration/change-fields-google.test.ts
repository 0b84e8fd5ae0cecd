import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { CampaignChange, CampaignRow, Connection } from '@adloop/contracts';
import { adGroups, campaigns } from '@adloop/db';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectThroughConsent, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';

/**
 * Google Ads changes through POST /campaign-changes on the real server and the Google sandbox: a target
 * CPA (the campaign switches to TARGET_CPA), a removal nothing brings back (undo refused), and an ad-group
 * budget Google has no place for.
 */
describe('Google Ads bids, removal and ad-group budgets through the change request', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  let accountId: string;
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const campaignsOf = async () => (await owner.client.get<{ items: CampaignRow[] }>(api('/campaigns?platform=google_ads&limit=50'))).body.items;
  const post = (change: Record<string, unknown>) => owner.client.post<{ items: CampaignChange[]; error: { message: string } }>(api('/campaign-changes'), { idempotencyKey: `google-${randomUUID()}`, changes: [change] });
  async function settled(id: string): Promise<CampaignChange> {
    let change: CampaignChange | undefined;
    await eventually(async () => {
      change = (await owner.client.get<CampaignChange>(api(`/campaign-changes/${id}`))).body;
      return change.state !== 'pending';
    }, 60_000, 'change settled');
    return change!;
  }

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Google Fields Co' });
    orgId = owner.orgId!;
    const all = sandboxAccounts(server, 'google_ads');
    const manager = all.find((a) => a.isManager)!;
    const client = all.find((a) => !a.isManager && a.managerId === manager.id)!;
    const connected = await connectThroughConsent(owner, orgId, 'google_ads', [manager.id]);
    const connection = (await owner.client.get<Connection>(api(`/connections/${connected.connectionId}`))).body;
    accountId = connection.accounts.find((a) => a.platformAccountId === client.id)!.id;
    await owner.client.put(api(`/connections/${connected.connectionId}/accounts`), { accountIds: [accountId] });
    await eventually(async () => (await campaignsOf()).length > 1, 120_000, 'first sync');
  }, 180_000);
  afterAll(async () => server?.close());

  it('sets a target CPA: the campaign takes TARGET_CPA with the bid on the platform and in the mirror', async () => {
    const campaign = (await campaignsOf()).find((c) => c.status === 'active' || c.status === 'paused')!;
    const asked = await post({ target: { level: 'campaign', id: campaign.id }, action: 'set_bid', amountMicros: 12_500_000, expected: { bidMicros: null } });
    expect(asked.status).toBe(202);
    expect(await settled(asked.body.items[0]!.id)).toMatchObject({ state: 'applied', field: 'bid', after: '12500000' });
    const [mirrored] = await server.ctx.db.select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(mirrored).toMatchObject({ bidStrategy: 'TARGET_CPA', bidMicros: 12_500_000 });
  });

  it('removes a campaign; the undo is refused because Google cannot bring a removed campaign back', async () => {
    const campaign = (await campaignsOf()).find((c) => c.status === 'active' || c.status === 'paused')!;
    const asked = await post({ campaignId: campaign.id, action: 'remove', expected: { status: campaign.status } });
    const removed = await settled(asked.body.items[0]!.id);
    expect(removed).toMatchObject({ state: 'applied', after: 'removed', canUndo: false });
    const undo = await owner.client.post<{ error: { message: string } }>(api(`/campaign-changes/${removed.id}/undo`), { idempotencyKey: `undo-${removed.id}` });
    expect([undo.status, undo.body.error.message]).toEqual([409, 'Google Ads cannot bring back a removed campaign, so this change cannot be undone; duplicate the campaign to run it again']);
    const archive = await post({ campaignId: campaign.id, action: 'archive', expected: { status: 'removed' } });
    expect([archive.status, archive.body.error.message]).toEqual([400, 'changes.0.action: Google Ads campaigns cannot be archived']);
  });

  it('refuses an ad-group budget: Google ad groups spend their campaign’s budget', async () => {
    const [group] = await server.ctx.db.select().from(adGroups).where(and(eq(adGroups.orgId, orgId), eq(adGroups.adAccountId, accountId))).limit(1);
    const budget = await post({ target: { level: 'ad_group', id: group!.id }, action: 'set_daily_budget', amountMicros: 20_000_000, expected: { dailyBudgetMicros: null } });
    expect([budget.status, budget.body.error.message]).toEqual([400, "changes.0.action: Google Ads ad groups have no budget of their own: change the campaign's budget"]);
  });
});
