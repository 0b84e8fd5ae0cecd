import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { adGroups, ads, campaignChanges } from '@adloop/db';
import type { AdCopy, CampaignChange, CampaignRow, DecisionResults, PlatformId } from '@adloop/contracts';
import type { AdGroup as PlatformAdGroup } from '@adloop/platforms';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { joinAs } from '../setup/org-helpers.ts';
import { applyChange } from '../../apps/server/src/modules/changes/index.ts';
import { proposeNewAds } from '../../apps/server/src/modules/campaigns/propose-ad.ts';
import type { OrgAccess } from '../../apps/server/src/modules/auth/auth.guard.ts';
import { createSecretsRepository } from '../../apps/server/src/modules/connections/secrets.repository.ts';
import { AppError } from '../../apps/server/src/platform/errors.ts';
import { findConnection } from '../../apps/server/src/modules/changes/changes.targets.ts';
import { loadTokens } from '../../apps/server/src/modules/connections/platform-access.ts';
import { createCampaignsRepository } from '../../apps/server/src/modules/campaigns/campaigns.repository.ts';

type Account = Awaited<ReturnType<typeof connectAndAdd>>[number];
interface Group { id: string; platformId: string; campaignId: string }

const COPY: Record<PlatformId, AdCopy> = {
  google_ads: { platform: 'google_ads', source: 'ai', headlines: ['Trail shoes that grip', 'Free returns', 'Built for wet rock'], descriptions: ['Light shoes for muddy autumn trails.', 'Order today, run this weekend.'], paths: ['shoes', 'trail'] },
  meta: { platform: 'meta', source: 'ai', primaryTexts: ['Light shoes for muddy autumn trails.', 'Grip when the rock is wet.'], headlines: ['Trail shoes that grip'], descriptions: ['Free returns'], callToAction: 'SHOP_NOW' },
  tiktok: { platform: 'tiktok', source: 'ai', adTexts: ['Light shoes for muddy autumn trails', 'Grip when the rock is wet'], callToAction: 'SHOP_NOW' },
};

/**
 * Publishing copy as new ads through the change pipeline, against each platform's sandbox over real
 * sockets: the AI's proposal waits in the inbox, a person approves, the apply job creates the ad with
 * the copy on the platform once, the mirror gets the ad, and the undo pauses it. A wizard launch with
 * AI-assisted copy is always proposed by the AI.
 */
describe('publishing copy as new ads', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId = '';
  const accounts: Partial<Record<PlatformId, Account>> = {};
  const groups: Partial<Record<PlatformId, Group>> = {};
  /** A Meta account that can promote two Pages. */
  let severalPages: Account;
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const access = (): OrgAccess => ({ actor: { kind: 'user', userId: owner.user.id, sessionId: randomUUID(), email: owner.email, mfaEnabled: false }, orgId, role: 'owner', accountIds: null });
  const source = () => ({ actor: access().actor });
  const change = async (id: string) => (await owner.client.get<CampaignChange>(api(`/campaign-changes/${id}`))).body;
  const settled = (id: string) => eventually(async () => {
    const c = await change(id);
    return c.state === 'pending' || c.state === 'proposed' ? null : c;
  }, 60_000, 'change to settle');
  const world = () => server.sandbox!.simulator.world().platforms;
  const simAds = (platform: PlatformId, groupPlatformId: string) => {
    const w = platform === 'google_ads' ? world().google : platform === 'meta' ? world().meta : world().tiktok;
    return [...w.ads.values()].filter((a) => a.adGroupId === groupPlatformId);
  };
  const lastStatus = (ad: { status: { points: Array<{ value: unknown }> } }) => String(ad.status.points.at(-1)?.value);

  /** Every text of a sandbox ad, as the platform keeps it (Meta: its creative, read over the Graph API). */
  async function platformTexts(platform: PlatformId, adPlatformId: string): Promise<{ texts: string[]; finalUrl: string }> {
    if (platform === 'google_ads') {
      const a = world().google.ads.get(adPlatformId)!.attrs as { headlines: string[]; descriptions: string[]; finalUrls: string[]; path1?: string; path2?: string };
      return { texts: [...a.headlines, ...a.descriptions, a.path1 ?? '', a.path2 ?? ''], finalUrl: a.finalUrls[0] ?? '' };
    }
    if (platform === 'tiktok') {
      const a = world().tiktok.ads.get(adPlatformId)!.attrs as { ad_text: string; landing_page_url: string; call_to_action: string };
      return { texts: [a.ad_text, a.call_to_action], finalUrl: a.landing_page_url };
    }
    const creativeId = String(world().meta.ads.get(adPlatformId)!.attrs.creative_id);
    const token = (await createSecretsRepository(server.ctx.db, server.ctx.keyring).get(orgId, accounts.meta!.connectionId, 'access_token'))!;
    const res = await fetch(`${server.sandbox!.urls.meta}/v21.0/${creativeId}?fields=object_story_spec,asset_feed_spec&access_token=${token}`);
    const body = (await res.json()) as { asset_feed_spec: { bodies: Array<{ text: string }>; titles: Array<{ text: string }>; descriptions: Array<{ text: string }>; link_urls: Array<{ website_url: string }>; call_to_action_types: string[] } };
    const feed = body.asset_feed_spec;
    return { texts: [...feed.bodies, ...feed.titles, ...feed.descriptions].map((t) => t.text).concat(feed.call_to_action_types), finalUrl: feed.link_urls[0]!.website_url };
  }

  /** A paused wizard campaign on the platform, synced so its ad group is in the mirror. */
  async function campaignWithGroup(platform: PlatformId, account = accounts[platform]!, pageId?: string): Promise<Group> {
    const ad = platform === 'google_ads'
      ? { name: 'Trail ad', headline: 'Trail shoes', extraHeadlines: ['Free returns', 'Spring range'], description: 'Shoes for every trail.', extraDescriptions: ['Order today.'], finalUrl: 'https://shop.example.com/trail' }
      : { name: 'Trail ad', headline: platform === 'meta' ? 'Trail shoes' : '', description: 'Shoes for every trail', finalUrl: 'https://shop.example.com/trail' };
    let assets: Record<string, string> | undefined = pageId ? { pageId } : undefined;
    if (platform === 'tiktok') {
      const offered = (await owner.client.get<{ assets: { videoId?: Array<{ id: string }> } }>(api(`/ad-accounts/${account.id}/ad-assets`))).body.assets;
      assets = { videoId: offered.videoId![0]!.id };
    }
    const body = {
      adAccountId: account.id, name: `Publish ${platform}`, objective: platform === 'google_ads' ? 'SEARCH' : platform === 'meta' ? 'OUTCOME_TRAFFIC' : 'TRAFFIC', status: 'paused',
      budget: { kind: 'daily', amountMicros: platform === 'tiktok' ? 60_000_000 : 30_000_000 }, adGroup: { name: `Hikers ${platform}`, countries: ['US'] },
      ad: { ...ad, ...(assets ? { assets } : {}) },
    };
    const created = await owner.client.post<{ campaign: CampaignRow }>(api('/campaigns'), body);
    expect(created.status, created.text).toBe(201);
    const campaign = created.body.campaign;
    // The new ad group joins the mirror as the structure sync writes it: read from the platform, upserted.
    const adapter = server.ctx.platforms.registry.get(platform);
    const connection = (await findConnection(server.ctx.db, orgId, account.connectionId))!;
    const tokens = await loadTokens(server.ctx, connection);
    const ref = { platformAccountId: account.platformAccountId, managerId: account.managerAccountId ?? undefined, currency: account.currency, timeZone: account.timeZone };
    const listed: PlatformAdGroup[] = [];
    let page: string | null = null;
    do {
      const result: { items: PlatformAdGroup[]; nextPage: string | null } = await adapter.campaigns.listAdGroups(tokens, ref, page);
      listed.push(...result.items);
      page = result.nextPage;
    } while (page);
    const mine = listed.filter((g) => g.campaignPlatformId === campaign.platformId);
    expect(mine).toHaveLength(1);
    await createCampaignsRepository(server.ctx.db).upsertAdGroups(orgId, account.id, mine, server.ctx.clock.now());
    const [row] = await server.ctx.db.select().from(adGroups).where(and(eq(adGroups.orgId, orgId), eq(adGroups.campaignPlatformId, campaign.platformId)));
    return { id: row!.id, platformId: row!.platformId, campaignId: campaign.id };
  }

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Publish Co' });
    orgId = owner.orgId!;
    const picks: Record<PlatformId, string> = {
      google_ads: sandboxAccounts(server, 'google_ads').find((a) => !a.isManager && !a.managerId)!.id,
      meta: sandboxAccounts(server, 'meta').find((a) => !a.isManager && a.currency === 'USD')!.id,
      tiktok: sandboxAccounts(server, 'tiktok').find((a) => !a.isManager && a.currency === 'USD')!.id,
    };
    const harbor = sandboxAccounts(server, 'meta').find((a) => a.name === 'Harbor Coffee UK')!.id;
    for (const platform of ['google_ads', 'meta', 'tiktok'] as const) {
      const added = await connectAndAdd(owner, orgId, platform, platform === 'meta' ? [picks.meta, harbor] : [picks[platform]]);
      [accounts[platform]] = added;
      if (platform === 'meta') severalPages = added[1]!;
      groups[platform] = await campaignWithGroup(platform);
    }
  }, 240_000);
  afterAll(async () => server?.close());

  for (const platform of ['google_ads', 'meta', 'tiktok'] as const) {
    it(`${platform}: the AI proposes, the same key answers the same proposals, approval creates the ad with the copy once, and the undo pauses it`, async () => {
      const group = groups[platform]!;
      const generationId = randomUUID();
      const key = `publish-${platform}-${randomUUID()}`;
      const before = simAds(platform, group.platformId).length;
      const input = { idempotencyKey: key, adGroupId: group.id, copy: COPY[platform], finalUrl: 'https://shop.example.com/autumn', generationId, reason: 'New copy for the autumn range' };
      const proposals = await proposeNewAds(server.ctx, access(), source(), input);
      // TikTok shows one ad text per ad: one proposal per text.
      expect(proposals).toHaveLength(platform === 'tiktok' ? 2 : 1);
      for (const p of proposals) {
        expect(p).toMatchObject({ state: 'proposed', action: 'create_ad', field: 'ad', entityLevel: 'ad_group', entityId: group.id, actorType: 'ai', actorId: generationId, actorLabel: `AI-assisted copy (asked by ${owner.email})`, reason: input.reason, canUndo: false });
        expect(p.payload).toMatchObject({ finalUrl: input.finalUrl, generationId, copy: { platform } });
      }
      const again = await proposeNewAds(server.ctx, access(), source(), input);
      expect(again.map((p) => p.id).sort()).toEqual(proposals.map((p) => p.id).sort());
      expect(await server.ctx.db.select().from(campaignChanges).where(and(eq(campaignChanges.orgId, orgId), eq(campaignChanges.entityId, group.id), eq(campaignChanges.field, 'ad')))).toHaveLength(proposals.length);
      // Nothing reaches the platform before a person approves.
      expect(simAds(platform, group.platformId)).toHaveLength(before);
      const inbox = (await owner.client.get<{ items: CampaignChange[] }>(api('/proposals?actorType=ai&limit=100'))).body.items;
      expect(inbox.map((p) => p.id)).toEqual(expect.arrayContaining(proposals.map((p) => p.id)));

      // The person who asked for the copy may approve it: the proposer is the AI.
      const approved = await owner.client.post<DecisionResults>(api('/proposals/approve'), { items: proposals.map((p) => ({ changeId: p.id })) });
      expect(approved.status, approved.text).toBe(200);
      expect(approved.body.results.every((r) => r.ok)).toBe(true);
      const applied = await Promise.all(proposals.map((p) => settled(p.id)));
      for (const a of applied) expect(a, a.message ?? '').toMatchObject({ state: 'applied', current: 'active', canUndo: true });
      const made = simAds(platform, group.platformId);
      expect(made).toHaveLength(before + proposals.length);

      for (const [i, a] of applied.entries()) {
        const createdAd = (a.payload as { createdAd: { id: string; platformId: string } }).createdAd;
        const live = await platformTexts(platform, createdAd.platformId);
        expect(live.finalUrl).toBe(input.finalUrl);
        const copy = COPY[platform];
        const expected = copy.platform === 'google_ads' ? [...copy.headlines, ...copy.descriptions, ...copy.paths]
          : copy.platform === 'meta' ? [...copy.primaryTexts, ...copy.headlines, ...copy.descriptions, 'SHOP_NOW'] : [copy.adTexts[i]!, 'SHOP_NOW'];
        expect(live.texts).toEqual(expect.arrayContaining(expected));
        const [mirrored] = await server.ctx.db.select().from(ads).where(and(eq(ads.orgId, orgId), eq(ads.id, createdAd.id)));
        expect(mirrored).toMatchObject({ platformId: createdAd.platformId, adGroupPlatformId: group.platformId, status: 'active' });
      }

      // Undo: the new ad is paused on the platform (ads are kept, with their numbers).
      const first = applied[0]!;
      const createdAd = (first.payload as { createdAd: { id: string; platformId: string } }).createdAd;
      const undo = await owner.client.post<CampaignChange>(api(`/campaign-changes/${first.id}/undo`), { idempotencyKey: `undo-${randomUUID()}` });
      expect(undo.status, undo.text).toBe(202);
      expect(undo.body).toMatchObject({ entityLevel: 'ad', entityId: createdAd.id, field: 'status', before: 'active', after: 'paused', origin: 'undo', undoOf: first.id });
      expect((await settled(undo.body.id)).state).toBe('applied');
      expect((await change(first.id)).state).toBe('undone');
      const paused = (platform === 'google_ads' ? world().google : platform === 'meta' ? world().meta : world().tiktok).ads.get(createdAd.platformId)!;
      expect(lastStatus(paused)).toMatch(/PAUSED|DISABLE/);
      expect((await server.ctx.db.select().from(ads).where(eq(ads.id, createdAd.id)))[0]?.status).toBe('paused');
      expect((await owner.client.post(api(`/campaign-changes/${first.id}/undo`), { idempotencyKey: `undo-${randomUUID()}` })).status).toBe(409);
    }, 120_000);
  }

  it('runs a new Meta ad as the Page its ad set already runs as, where the account has several', async () => {
    const pages = (await owner.client.get<{ assets: { pageId?: Array<{ id: string }> } }>(api(`/ad-accounts/${severalPages.id}/ad-assets`))).body.assets.pageId!;
    expect(pages.length).toBeGreaterThan(1);
    const second = pages[1]!.id;
    const group = await campaignWithGroup('meta', severalPages, second);
    const copy: AdCopy = { platform: 'meta', source: 'ai', primaryTexts: ['Fresh roast, every week.'], headlines: ['Harbor coffee'], descriptions: [], callToAction: 'SHOP_NOW' };
    const [proposal] = await proposeNewAds(server.ctx, access(), source(), { idempotencyKey: `pages-${randomUUID()}`, adGroupId: group.id, copy, finalUrl: 'https://coffee.example.com/', generationId: randomUUID() });
    await owner.client.post<DecisionResults>(api('/proposals/approve'), { items: [{ changeId: proposal!.id }] });
    const done = await settled(proposal!.id);
    expect(done.state, done.message ?? '').toBe('applied');
    const adId = (done.payload as { createdAd: { platformId: string } }).createdAd.platformId;
    const token = (await createSecretsRepository(server.ctx.db, server.ctx.keyring).get(orgId, severalPages.connectionId, 'access_token'))!;
    const creativeId = String(world().meta.ads.get(adId)!.attrs.creative_id);
    const res = await fetch(`${server.sandbox!.urls.meta}/v21.0/${creativeId}?fields=object_story_spec&access_token=${token}`);
    const spec = ((await res.json()) as { object_story_spec: { page_id: string; link_data: { message: string; name: string } } }).object_story_spec;
    expect(spec.page_id).toBe(second);
    expect(spec.link_data).toMatchObject({ message: 'Fresh roast, every week.', name: 'Harbor coffee' });
  }, 60_000);

  it('never sends a new ad twice: a run that finds the send recorded fails asking for a look, and a second run of an applied one does nothing', async () => {
    const group = groups.google_ads!;
    const [proposal] = await proposeNewAds(server.ctx, access(), source(), { idempotencyKey: `retry-${randomUUID()}`, adGroupId: group.id, copy: COPY.google_ads, finalUrl: 'https://shop.example.com/retry', generationId: randomUUID() });
    // Approved, and the worker died after recording the send: the retry must not create it again.
    await server.ctx.db.update(campaignChanges).set({ state: 'pending', sentAt: server.ctx.clock.now() }).where(eq(campaignChanges.id, proposal!.id));
    const before = simAds('google_ads', group.platformId).length;
    await applyChange(server.ctx, orgId, proposal!.id);
    const failed = await change(proposal!.id);
    expect(failed.state).toBe('failed');
    expect(failed.message).toMatch(/answer was lost/);
    expect(simAds('google_ads', group.platformId)).toHaveLength(before);

    const [next] = await proposeNewAds(server.ctx, access(), source(), { idempotencyKey: `retry-${randomUUID()}`, adGroupId: group.id, copy: COPY.google_ads, finalUrl: 'https://shop.example.com/retry', generationId: randomUUID() });
    await server.ctx.db.update(campaignChanges).set({ state: 'pending' }).where(eq(campaignChanges.id, next!.id));
    await applyChange(server.ctx, orgId, next!.id);
    await applyChange(server.ctx, orgId, next!.id);
    expect((await change(next!.id)).state).toBe('applied');
    expect(simAds('google_ads', group.platformId)).toHaveLength(before + 1);
  }, 60_000);

  it('refuses copy the platform would refuse, naming the copy field, and copy for another platform', async () => {
    const refusal = async (input: Partial<Parameters<typeof proposeNewAds>[3]>): Promise<AppError> => {
      try {
        await proposeNewAds(server.ctx, access(), source(), { idempotencyKey: `bad-${randomUUID()}`, adGroupId: groups.google_ads!.id, copy: COPY.google_ads, finalUrl: 'https://shop.example.com/', generationId: randomUUID(), ...input });
      } catch (error) {
        if (error instanceof AppError) return error;
        throw error;
      }
      throw new Error('expected a refusal');
    };
    const long = await refusal({ copy: { ...COPY.google_ads, platform: 'google_ads', headlines: ['One', 'Two', 'x'.repeat(31)] } as AdCopy });
    expect(long.code).toBe('validation_failed');
    expect(long.message).toMatch(/^copy\.headlines\.2:/);
    expect((await refusal({ copy: COPY.meta })).message).toMatch(/^copy\.platform:/);
    expect((await refusal({ finalUrl: 'ftp://example.com/' })).message).toMatch(/^finalUrl:/);
    expect((await refusal({ adGroupId: randomUUID() })).message).toMatch(/^adGroupId:/);
    const tiktok = await refusal({ adGroupId: groups.tiktok!.id, copy: { ...COPY.tiktok, adTexts: ['Fine text', 'Run 🏃'] } as AdCopy });
    expect(tiktok.message).toMatch(/^copy\.adTexts\.1:/);
  });

  it('refuses the AI’s proposal while automated changes are stopped (kill switch)', async () => {
    expect((await owner.client.post(api('/automation/stop'), {})).status).toBeLessThan(300);
    try {
      await expect(proposeNewAds(server.ctx, access(), source(), { idempotencyKey: `stopped-${randomUUID()}`, adGroupId: groups.meta!.id, copy: COPY.meta, finalUrl: 'https://shop.example.com/', generationId: randomUUID() }))
        .rejects.toMatchObject({ code: 'guardrail_refused' });
    } finally {
      await owner.client.post(api('/automation/resume'), {});
    }
  });

  it('creates an ad asked through the changes API by a person (applied directly) and refuses bad copy naming the field', async () => {
    const group = groups.meta!;
    const copy = { ...COPY.meta, source: 'manual', primaryTexts: ['Boots for wet trails.'] };
    const bad = await owner.client.post(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [{ target: { level: 'ad_group', id: group.id }, action: 'create_ad', ad: { copy: { ...copy, headlines: ['x'.repeat(41)] }, finalUrl: 'https://shop.example.com/' }, expected: {} }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].field).toBe('changes.0.ad.copy.headlines.0');
    const missing = await owner.client.post(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [{ target: { level: 'ad_group', id: group.id }, action: 'create_ad', expected: {} }] });
    expect(missing.body.error.details.issues[0].field).toBe('changes.0.ad');
    const asked = await owner.client.post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [{ target: { level: 'ad_group', id: group.id }, action: 'create_ad', ad: { copy, finalUrl: 'https://shop.example.com/boots', name: 'Boots ad' }, expected: {} }] });
    expect(asked.status, asked.text).toBe(202);
    const done = await settled(asked.body.items[0]!.id);
    expect(done).toMatchObject({ state: 'applied', actorType: 'user', canUndo: true });
    const createdAd = (done.payload as { createdAd: { platformId: string } }).createdAd;
    expect(world().meta.ads.get(createdAd.platformId)?.name).toBe('Boots ad');
  }, 60_000);

  it('turns a member’s new ad into a proposal for a manager (the launch policy), which then creates it', async () => {
    const member = await joinAs(server, owner, orgId, 'member');
    expect((await owner.client.put(api(`/members/${member.user.id}/ad-accounts`), { adAccountIds: [accounts.google_ads!.id] })).status).toBe(200);
    const group = groups.google_ads!;
    const asked = await member.client.post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [{ target: { level: 'ad_group', id: group.id }, action: 'create_ad', ad: { copy: { ...COPY.google_ads, source: 'manual' }, finalUrl: 'https://shop.example.com/member' }, expected: {} }] });
    expect(asked.status, asked.text).toBe(202);
    const proposal = asked.body.items[0]!;
    expect(proposal).toMatchObject({ state: 'proposed', field: 'ad', actorType: 'user', actorLabel: member.email });
    expect(proposal.message).toMatch(/New ads by members wait for a manager/);
    const before = simAds('google_ads', group.platformId).length;
    const approved = await owner.client.post<DecisionResults>(api('/proposals/approve'), { items: [{ changeId: proposal.id }] });
    expect(approved.body.results[0]?.ok, approved.text).toBe(true);
    expect((await settled(proposal.id)).state).toBe('applied');
    expect(simAds('google_ads', group.platformId)).toHaveLength(before + 1);
  }, 60_000);

  it('proposes a wizard launch with AI-assisted copy, by the AI even for the owner, and launches it on approval', async () => {
    const generationId = randomUUID();
    const body = {
      adAccountId: accounts.meta!.id, name: 'AI copy launch', objective: 'OUTCOME_TRAFFIC', status: 'paused', budget: { kind: 'daily', amountMicros: 20_000_000 },
      adGroup: { name: 'Hikers', countries: ['US'] }, ad: { name: 'AI ad', headline: 'Trail shoes that grip', description: 'Light shoes for muddy autumn trails.', finalUrl: 'https://shop.example.com/ai' },
      copyGenerationId: generationId,
    };
    const launched = await owner.client.post<{ proposal: CampaignChange }>(api('/campaigns'), body);
    expect(launched.status, launched.text).toBe(202);
    expect(launched.body.proposal).toMatchObject({ state: 'proposed', field: 'campaign', actorType: 'ai', actorId: generationId, actorLabel: `AI-assisted copy (asked by ${owner.email})` });
    expect([...world().meta.campaigns.values()].some((c) => c.name === 'AI copy launch')).toBe(false);
    const approved = await owner.client.post<DecisionResults>(api('/proposals/approve'), { items: [{ changeId: launched.body.proposal.id }] });
    expect(approved.body.results[0]?.ok, approved.text).toBe(true);
    const done = await settled(launched.body.proposal.id);
    expect(done.state, done.message ?? '').toBe('applied');
    expect(done.campaignId).not.toBeNull();
    expect([...world().meta.campaigns.values()].some((c) => c.name === 'AI copy launch')).toBe(true);
  }, 60_000);
});
