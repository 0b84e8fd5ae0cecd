import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignChange, CampaignRow, Connection } from '@adloop/contracts';
import { and, eq } from 'drizzle-orm';
import { adGroups, ads, campaignChanges } from '@adloop/db';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectThroughConsent, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { applyChange, findEntity, submitChanges } from '../../apps/server/src/modules/changes/index.ts';
import { sendDuplicate } from '../../apps/server/src/modules/changes/apply/duplicate.ts';
import { AD_APPLY, AD_GROUP_APPLY } from '../../apps/server/src/modules/changes/apply/entity-apply.ts';
import { createSecretsRepository } from '../../apps/server/src/modules/connections/secrets.repository.ts';

/**
 * The apply job for the fields beyond status and budgets, through the real server and the Meta
 * sandbox: a rename, an archive that cannot be taken back, and a campaign bid the platform has no
 * place for. Each pending change is written as the pipeline writes it and applied by the job.
 */
describe('applying names, campaign ends and bids', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  let accountId: string;
  let connectionId: string;
  let platformAccountId: string;
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const campaignsOf = async () => (await owner.client.get<{ items: CampaignRow[] }>(api('/campaigns?platform=meta&limit=50'))).body.items;
  const mutations = async (id: string) => {
    const response = await fetch(`${server.sandbox!.urls.control}/control/mutations?platform=meta`);
    return ((await response.json()) as { mutations: Array<{ id: string; field: string; old: unknown; new: unknown }> }).mutations.filter((m) => m.id === id);
  };

  /** A pending change by Adloop itself, applied by the job; answers the settled change. */
  async function apply(campaign: CampaignRow, field: 'name' | 'status' | 'bid', before: string | null, after: string): Promise<CampaignChange> {
    const [row] = await server.ctx.db.insert(campaignChanges).values({
      orgId, adAccountId: campaign.adAccountId, campaignId: campaign.id, action: field === 'name' ? 'rename' : field === 'bid' ? 'set_bid' : 'archive', field, before, after,
      currency: campaign.currency, state: 'pending', origin: 'adloop', actorType: 'system', actorLabel: 'Adloop', createdAt: server.ctx.clock.now(),
    }).returning();
    await applyChange(server.ctx, orgId, row!.id);
    return (await owner.client.get<CampaignChange>(api(`/campaign-changes/${row!.id}`))).body;
  }

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Fields Co' });
    orgId = owner.orgId!;
    const grant = sandboxAccounts(server, 'meta').filter((a) => !a.isManager && a.currency === 'USD').slice(0, 1).map((a) => a.id);
    const connected = await connectThroughConsent(owner, orgId, 'meta', grant);
    const connection = (await owner.client.get<Connection>(api(`/connections/${connected.connectionId}`))).body;
    const picked = connection.accounts.filter((a) => grant.includes(a.platformAccountId));
    accountId = picked[0]!.id;
    platformAccountId = picked[0]!.platformAccountId;
    connectionId = connected.connectionId!;
    await owner.client.put(api(`/connections/${connected.connectionId}/accounts`), { accountIds: [accountId] });
    await eventually(async () => (await campaignsOf()).length > 1, 120_000, 'first sync');
  }, 180_000);
  afterAll(async () => server?.close());

  it('renames a campaign on the platform, the mirror follows and the platform logs the one change', async () => {
    const campaign = (await campaignsOf())[0]!;
    const change = await apply(campaign, 'name', campaign.name, 'Renamed by Adloop');
    expect(change.state).toBe('applied');
    expect(server.sandbox!.simulator.world().platforms.meta.campaigns.get(campaign.platformId)?.name).toBe('Renamed by Adloop');
    expect((await campaignsOf()).find((c) => c.id === campaign.id)?.name).toBe('Renamed by Adloop');
    expect((await mutations(campaign.platformId)).map((m) => [m.field, m.old, m.new])).toEqual([['name', campaign.name, 'Renamed by Adloop']]);
  });

  it('archives a campaign; bringing it back fails with the platform’s reason, since Meta cannot undo an archive', async () => {
    const campaign = (await campaignsOf()).find((c) => c.status === 'active' || c.status === 'paused')!;
    const archived = await apply(campaign, 'status', campaign.status, 'archived');
    expect(archived.state).toBe('applied');
    expect((await campaignsOf()).find((c) => c.id === campaign.id)?.status).toBe('archived');
    const back = await apply({ ...campaign, status: 'archived' }, 'status', 'archived', 'active');
    expect(back.state).toBe('failed');
    expect(back.message).toMatch(/archived/i);
    expect(server.sandbox!.simulator.world().platforms.meta.campaigns.get(campaign.platformId)?.status.points.at(-1)?.value).toBe('ARCHIVED');
  });

  it('refuses a campaign bid where the platform keeps bids on ad sets, naming why, and sends nothing', async () => {
    const campaign = (await campaignsOf()).find((c) => c.status !== 'archived')!;
    const before = (await mutations(campaign.platformId)).length;
    const change = await apply(campaign, 'bid', null, '2500000');
    expect(change.state).toBe('failed');
    expect(change.message).toMatch(/takes no bid on the campaign/);
    expect(await mutations(campaign.platformId)).toHaveLength(before);
  });

  it('sends ad-set and ad changes and a duplication through the changes API, each read back from the platform', async () => {
    const adapter = server.ctx.platforms.registry.get('meta');
    const tokens = { accessToken: (await createSecretsRepository(server.ctx.db, server.ctx.keyring).get(orgId, connectionId, 'access_token'))! };
    const ref = { platformAccountId, currency: 'USD', timeZone: 'America/New_York' };
    const world = server.sandbox!.simulator.world().platforms.meta;
    const group = [...world.adGroups.values()].find((g) => g.accountId === platformAccountId && g.status.points.at(-1)?.value === 'ENABLED')!;
    const at = (platformId: string, after: string) => ({ tokens, ref, platformId, currency: 'USD', after });
    const status = AD_GROUP_APPLY.status!;
    expect(status.platformValue(await status.read(adapter, at(group.id, '')))).toBe('active');
    expect(status.platformValue(await status.send(adapter, at(group.id, 'paused')))).toBe('paused');
    const bid = AD_GROUP_APPLY.bid!;
    expect(bid.platformValue(await bid.send(adapter, at(group.id, '1250000')))).toBe('1250000');
    const ad = [...world.ads.values()].find((a) => a.adGroupId === group.id)!;
    expect(AD_APPLY.name!.platformValue(await AD_APPLY.name!.send(adapter, at(ad.id, 'Ad renamed')))).toBe('Ad renamed');
    const budget = AD_GROUP_APPLY.daily_budget!;
    // The seeded ad sets spend their campaign's budget: the platform refuses one of their own.
    await expect(budget.send(adapter, at(group.id, '30000000'))).rejects.toMatchObject({ kind: 'invalid_request' });
    const copy = await sendDuplicate(adapter, { tokens, ref, currency: 'USD' }, { duplicateOf: group.campaignId });
    expect(copy.status).toBe('paused');
    expect(copy.name).toMatch(/ \(copy\)$/);
    expect((await mutations(group.id)).map((m) => m.field)).toEqual(['status', 'bid']);
  });

  /** POST /campaign-changes as the owner, then waits for the apply job to settle the change. */
  async function ask(change: Record<string, unknown>): Promise<CampaignChange> {
    const response = await owner.client.post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: `fields-${randomUUID()}`, changes: [change] });
    expect(response.status).toBe(202);
    return settled(response.body.items[0]!.id);
  }
  async function settled(id: string): Promise<CampaignChange> {
    let change: CampaignChange | undefined;
    await eventually(async () => {
      change = (await owner.client.get<CampaignChange>(api(`/campaign-changes/${id}`))).body;
      return change.state !== 'pending';
    }, 60_000, 'change settled');
    return change!;
  }

  it('renames a campaign through POST /campaign-changes (target {level, id}) and undoes it', async () => {
    const campaign = (await campaignsOf()).find((c) => c.status === 'active' || c.status === 'paused')!;
    const renamed = await ask({ target: { level: 'campaign', id: campaign.id }, action: 'rename', name: 'Spring sale', expected: { name: campaign.name } });
    expect(renamed).toMatchObject({ state: 'applied', field: 'name', before: campaign.name, after: 'Spring sale', canUndo: true });
    expect(server.sandbox!.simulator.world().platforms.meta.campaigns.get(campaign.platformId)?.name).toBe('Spring sale');
    const undo = await owner.client.post<CampaignChange>(api(`/campaign-changes/${renamed.id}/undo`), { idempotencyKey: `undo-${renamed.id}` });
    expect(undo.status).toBe(202);
    expect(await settled(undo.body.id)).toMatchObject({ state: 'applied', after: campaign.name });
    expect(server.sandbox!.simulator.world().platforms.meta.campaigns.get(campaign.platformId)?.name).toBe(campaign.name);
  });

  it('refuses a request naming its object twice or not at all, a rename without a name, and a campaign bid Meta has no place for, each naming the field', async () => {
    const campaign = (await campaignsOf())[0]!;
    const post = (change: Record<string, unknown>) => owner.client.post<{ error: { message: string } }>(api('/campaign-changes'), { idempotencyKey: `bad-${randomUUID()}`, changes: [change] });
    const both = await post({ campaignId: campaign.id, target: { level: 'campaign', id: campaign.id }, action: 'pause', expected: { status: campaign.status } });
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toMatch(/either campaignId or target/);
    expect((await post({ action: 'pause', expected: { status: campaign.status } })).status).toBe(400);
    const nameless = await post({ campaignId: campaign.id, action: 'rename', expected: { name: campaign.name } });
    expect([nameless.status, nameless.body.error.message]).toEqual([400, 'changes.0.name: is required for a rename']);
    const bid = await post({ campaignId: campaign.id, action: 'set_bid', amountMicros: 2_000_000, expected: { bidMicros: null } });
    expect(bid.status).toBe(400);
    expect(bid.body.error.message).toMatch(/^changes\.0\.action: .*takes no bid on the campaign/);
  });

  it('archives a campaign through the request; undo is refused because Meta cannot bring an archived campaign back', async () => {
    const campaign = (await campaignsOf()).find((c) => c.status === 'active' || c.status === 'paused')!;
    const archived = await ask({ campaignId: campaign.id, action: 'archive', expected: { status: campaign.status } });
    expect(archived).toMatchObject({ state: 'applied', field: 'status', after: 'archived', canUndo: false });
    const undo = await owner.client.post<{ error: { message: string } }>(api(`/campaign-changes/${archived.id}/undo`), { idempotencyKey: `undo-${archived.id}` });
    expect(undo.status).toBe(409);
    expect(undo.body.error.message).toMatch(/cannot bring back an archived campaign/);
  });

  it('duplicates a campaign: the paused copy is in the campaign list after the apply and the change points at it', async () => {
    const campaign = (await campaignsOf()).find((c) => c.status === 'active' || c.status === 'paused')!;
    const copied = await ask({ target: { level: 'campaign', id: campaign.id }, action: 'duplicate', name: 'Copy for autumn', expected: { name: campaign.name } });
    expect(copied).toMatchObject({ state: 'applied', field: 'campaign', after: 'Copy for autumn', canUndo: false });
    expect(copied.campaignId).not.toBe(campaign.id);
    const copy = (await campaignsOf()).find((c) => c.id === copied.campaignId);
    expect(copy).toMatchObject({ name: 'Copy for autumn', status: 'paused' });
  });

  /** An ad set the platform still has enabled, under a campaign no earlier test ended (some tests change the platform directly). */
  async function enabledAdGroup() {
    const world = server.sandbox!.simulator.world().platforms.meta;
    const live = (await campaignsOf()).filter((c) => c.status === 'active' || c.status === 'paused').map((c) => c.platformId);
    const mirrored = await server.ctx.db.select().from(adGroups).where(and(eq(adGroups.orgId, orgId), eq(adGroups.adAccountId, accountId), eq(adGroups.status, 'active')));
    return mirrored.find((g) => live.includes(g.campaignPlatformId) && world.adGroups.get(g.platformId)?.status.points.at(-1)?.value === 'ENABLED');
  }

  it('pauses an ad set and renames an ad through POST /campaign-changes; the platform, the mirror rows and the history follow', async () => {
    const group = await enabledAdGroup();
    const paused = await ask({ target: { level: 'ad_group', id: group!.id }, action: 'pause', expected: { status: 'active' } });
    expect(paused).toMatchObject({ state: 'applied', entityLevel: 'ad_group', entityId: group!.id, field: 'status', after: 'paused' });
    const campaign = (await campaignsOf()).find((c) => c.platformId === group!.campaignPlatformId)!;
    expect(paused.campaignId).toBe(campaign.id);
    expect(server.sandbox!.simulator.world().platforms.meta.adGroups.get(group!.platformId)?.status.points.at(-1)?.value).not.toBe('ENABLED');
    expect((await server.ctx.db.select().from(adGroups).where(eq(adGroups.id, group!.id)))[0]?.status).toBe('paused');
    const [ad] = await server.ctx.db.select().from(ads).where(and(eq(ads.orgId, orgId), eq(ads.adGroupPlatformId, group!.platformId))).limit(1);
    const renamed = await ask({ target: { level: 'ad', id: ad!.id }, action: 'rename', name: 'Ad with a new name', expected: { name: ad!.name } });
    expect(renamed).toMatchObject({ state: 'applied', entityLevel: 'ad', field: 'name', after: 'Ad with a new name' });
    expect((await server.ctx.db.select().from(ads).where(eq(ads.id, ad!.id)))[0]?.name).toBe('Ad with a new name');
  });

  it('refuses an ad-set budget where the ad set spends its campaign’s budget, and an ad budget, naming the field', async () => {
    const [group] = await server.ctx.db.select().from(adGroups).where(and(eq(adGroups.orgId, orgId), eq(adGroups.adAccountId, accountId))).limit(1);
    const post = (change: Record<string, unknown>) => owner.client.post<{ error: { message: string } }>(api('/campaign-changes'), { idempotencyKey: `bad-${randomUUID()}`, changes: [change] });
    const budget = await post({ target: { level: 'ad_group', id: group!.id }, action: 'set_daily_budget', amountMicros: 30_000_000, expected: { dailyBudgetMicros: null } });
    expect([budget.status, budget.body.error.message]).toEqual([400, "changes.0.action: this ad group has no daily budget of its own (it spends its campaign's)"]);
    const [ad] = await server.ctx.db.select().from(ads).where(eq(ads.orgId, orgId)).limit(1);
    const adBudget = await post({ target: { level: 'ad', id: ad!.id }, action: 'set_daily_budget', amountMicros: 30_000_000, expected: { dailyBudgetMicros: null } });
    expect([adBudget.status, adBudget.body.error.message]).toEqual([400, 'changes.0.action: Meta ads have no budget or bid of their own']);
    const unknown = await post({ target: { level: 'ad_group', id: randomUUID() }, action: 'pause', expected: { status: 'active' } });
    expect([unknown.status, unknown.body.error.message]).toEqual([400, 'changes.0.target.id: is not an ad group of this organisation']);
  });

  it('an AI proposal to pause or enable an ad set waits in the inbox and is applied once the owner approves it', async () => {
    // Any ad set whose mirror agrees with the platform, under a campaign no earlier test ended; the AI asks for the other status.
    const world = server.sandbox!.simulator.world().platforms.meta;
    const live = (await campaignsOf()).filter((c) => c.status === 'active' || c.status === 'paused').map((c) => c.platformId);
    const mirrored = await server.ctx.db.select().from(adGroups).where(and(eq(adGroups.orgId, orgId), eq(adGroups.adAccountId, accountId)));
    const onPlatform = (platformId: string) => (world.adGroups.get(platformId)?.status.points.at(-1)?.value === 'ENABLED' ? 'active' : 'paused');
    const group = mirrored.find((g) => live.includes(g.campaignPlatformId) && (g.status === 'active' || g.status === 'paused') && onPlatform(g.platformId) === g.status)!;
    const action = group.status === 'active' ? 'pause' : 'enable';
    const entity = await findEntity(server.ctx.db, orgId, 'ad_group', group.id);
    const [proposal] = await submitChanges(server.ctx, orgId, { type: 'ai', id: null, label: 'Adloop AI' }, [{ campaignId: entity!.campaignId, entity, action, expected: { status: group.status } }], { reason: 'No conversions in 14 days' });
    expect(proposal).toMatchObject({ state: 'proposed', entityLevel: 'ad_group', entityId: group.id, field: 'status', before: group.status });
    const inbox = await owner.client.get<{ items: CampaignChange[] }>(api('/proposals?entityLevel=ad_group'));
    expect(inbox.body.items.map((c) => c.id)).toContain(proposal!.id);
    const approved = await owner.client.post<{ results: Array<{ ok: boolean }> }>(api('/proposals/approve'), { items: [{ changeId: proposal!.id }] });
    expect(approved.body.results).toMatchObject([{ ok: true }]);
    expect(await settled(proposal!.id)).toMatchObject({ state: 'applied', actorType: 'ai', decidedBy: { type: 'user' } });
    expect(onPlatform(group.platformId)).toBe(action === 'pause' ? 'paused' : 'active');
  });
});
