import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { AdAccount, CampaignChange, CampaignRow, CreationOptions, PlatformId } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectAndAdd, sandboxAccounts } from '../setup/connect-helpers.ts';
import { createSecretsRepository } from '../../apps/server/src/modules/connections/secrets.repository.ts';
import { DEFAULT_UTM_TEMPLATE, UTM_PLATFORM_SOURCE, expandUtm, withUtm, type UtmTemplate } from '@adloop/contracts/utm';

describe('creating campaigns: history, objectives, ages', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  const accounts: Partial<Record<PlatformId, AdAccount>> = {};
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const world = () => server.sandbox!.simulator.world().platforms;

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Creation Co' });
    orgId = owner.orgId!;
    const meta = sandboxAccounts(server, 'meta').find((a) => a.name === 'Northwind Outdoor – Meta')!;
    const google = sandboxAccounts(server, 'google_ads').find((a) => !a.isManager && !a.managerId)!;
    for (const [platform, id] of [['meta', meta.id], ['google_ads', google.id]] as const) {
      [accounts[platform]] = await connectAndAdd(owner, orgId, platform, [id]);
    }
  }, 120_000);
  afterAll(async () => server?.close());

  const metaBody = (over: Record<string, unknown> = {}) => ({
    adAccountId: accounts.meta!.id,
    name: 'Autumn leads',
    objective: 'OUTCOME_LEADS',
    budget: { kind: 'daily', amountMicros: 25_000_000 },
    adGroup: { name: 'Hikers', countries: ['DE', 'AT'], ageMin: 21, ageMax: 65 },
    ad: { name: 'Autumn ad', headline: 'Autumn boots', description: 'Waterproof boots for wet trails.', finalUrl: 'https://shop.example.com/autumn' },
    ...over,
  });

  it('offers each platform’s objectives with their names, its age ranges and the countries by code', async () => {
    const options = (await owner.client.get<z.infer<typeof CreationOptions>>(api('/campaigns/creation-options'))).body;
    const meta = options.platforms.find((p) => p.platform === 'meta')!;
    expect(meta.objectives).toEqual(['OUTCOME_TRAFFIC', 'OUTCOME_AWARENESS', 'OUTCOME_ENGAGEMENT', 'OUTCOME_LEADS', 'OUTCOME_SALES']);
    expect(meta.objectiveLabels.OUTCOME_LEADS).toBe('Leads');
    expect(meta.ages).toEqual({ kind: 'range', min: 18, max: 65 });
    expect(meta.adText.description.label).toBe('Primary text');
    const google = options.platforms.find((p) => p.platform === 'google_ads')!;
    expect(google.ages.kind === 'buckets' && google.ages.buckets.map((b) => b.id)).toContain('AGE_RANGE_18_24');
    expect(options.countries).toContain('DE');
    expect(options.countries).not.toContain('UK');
  });

  it('records the creation as the first entry of the campaign’s change history, with who and what', async () => {
    const created = await owner.client.post<{ campaign: CampaignRow }>(api('/campaigns'), metaBody());
    expect(created.status, created.text).toBe(201);
    const sim = world().meta.campaigns.get(created.body.campaign.platformId)!;
    expect(sim.attrs.objective).toBe('OUTCOME_LEADS');
    const history = (await owner.client.get<{ items: CampaignChange[] }>(api(`/campaign-changes?campaignId=${created.body.campaign.id}`))).body.items;
    expect(history).toHaveLength(1);
    const entry = history[0]!;
    expect(entry).toMatchObject({ field: 'campaign', action: 'create', state: 'applied', origin: 'adloop', canUndo: false, actorLabel: owner.email });
    expect(entry.message).toBe('Leads · daily budget $25.00 · “Hikers” for DE, AT, ages 21–65+ · ad “Autumn ad”');
    const undo = await owner.client.post(api(`/campaign-changes/${entry.id}/undo`), { idempotencyKey: 'undo-the-creation' });
    expect(undo.status).toBe(409);
  }, 60_000);

  it('refuses ages outside the platform’s own ranges, naming the field', async () => {
    const young = await owner.client.post(api('/campaigns'), metaBody({ adGroup: { name: 'Teens', countries: ['DE'], ageMin: 13 } }));
    expect(young.status).toBe(400);
    expect(young.body.error.details.issues[0].field).toBe('adGroup.ageMin');
  });

  it('creates a Google Search campaign with keywords and their match types as ad group criteria', async () => {
    const body = {
      adAccountId: accounts.google_ads!.id,
      name: 'Trail search',
      objective: 'SEARCH',
      budget: { kind: 'daily', amountMicros: 30_000_000 },
      adGroup: { name: 'Trail shoes', countries: ['US'], ageMin: 25, ageMax: 54, keywords: [{ text: 'trail shoes', matchType: 'EXACT' }, { text: 'running shoes', matchType: 'PHRASE' }, { text: 'hiking boots', matchType: 'BROAD' }] },
      ad: { name: 'Trail ad', headline: 'Trail shoes', extraHeadlines: ['Free returns', 'Spring range'], description: 'Shoes for every trail.', extraDescriptions: ['Order today.'], finalUrl: 'https://shop.example.com/trail' },
    };
    const bad = await owner.client.post(api('/campaigns'), { ...body, adGroup: { ...body.adGroup, keywords: [{ text: 'cheap shoes!', matchType: 'EXACT' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].field).toBe('adGroup.keywords.0.text');
    const wrongType = await owner.client.post(api('/campaigns'), { ...body, adGroup: { ...body.adGroup, keywords: [{ text: 'shoes', matchType: 'FUZZY' }] } });
    expect(wrongType.status).toBe(400);
    expect(JSON.stringify(wrongType.body)).toContain('adGroup.keywords.0.matchType');
    const onMeta = await owner.client.post(api('/campaigns'), metaBody({ adGroup: { name: 'Hikers', countries: ['DE'], keywords: [{ text: 'boots', matchType: 'BROAD' }] } }));
    expect(onMeta.status).toBe(400);
    expect(onMeta.body.error.details.issues[0].field).toBe('adGroup.keywords');

    const created = await owner.client.post<{ campaign: CampaignRow }>(api('/campaigns'), body);
    expect(created.status, created.text).toBe(201);
    const group = [...world().google.adGroups.values()].find((g) => g.campaignId === created.body.campaign.platformId)!;
    const criteria = Object.values(group.attrs.criteria as Record<string, { type: string; keyword?: { text: string; matchType: string }; negative: boolean }>);
    const keywords = criteria.filter((c) => c.type === 'KEYWORD').map((c) => ({ ...c.keyword, negative: c.negative }));
    expect(keywords).toEqual([
      { text: 'trail shoes', matchType: 'EXACT', negative: false },
      { text: 'running shoes', matchType: 'PHRASE', negative: false },
      { text: 'hiking boots', matchType: 'BROAD', negative: false },
    ]);
    // Ages 25–54 on Google: the ranges outside are excluded.
    expect(criteria.filter((c) => c.type === 'AGE_RANGE' && c.negative)).toHaveLength(3);
  }, 60_000);

  it('keeps the organisation’s UTM template, refuses unknown placeholders by field, and the tagged final URL reaches Meta', async () => {
    const fresh = (await owner.client.get<{ template: Record<string, string>; isDefault: boolean }>(api('/utm-template'))).body;
    expect(fresh).toMatchObject({ isDefault: true, template: DEFAULT_UTM_TEMPLATE });
    const template = { utm_source: '{platform}', utm_medium: 'paid_social', utm_campaign: '{campaign_name}', utm_content: '{ad_group_name}-{ad_name}' };
    const bad = await owner.client.put(api('/utm-template'), { template: { ...template, utm_campaign: '{campaign}' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].field).toBe('template.utm_campaign');
    expect(bad.body.error.details.issues[0].message).toMatch(/\{campaign\} is not a placeholder/);
    expect((await owner.client.put(api('/utm-template'), { template })).status).toBe(200);
    const saved = (await owner.client.get<{ template: UtmTemplate; isDefault: boolean }>(api('/utm-template'))).body;
    expect(saved).toMatchObject({ isDefault: false, template });

    // What the wizard sends: the final URL with the template filled in.
    const body = metaBody({ name: 'UTM Spring', ad: { ...metaBody().ad, name: 'Boots ad' } });
    const tags = expandUtm(saved.template, { platform: UTM_PLATFORM_SOURCE.meta!, account_name: accounts.meta!.name, campaign_name: body.name, ad_group_name: body.adGroup.name, ad_name: 'Boots ad' });
    const finalUrl = withUtm('https://shop.example.com/autumn?size=42', tags)!;
    expect(finalUrl).toBe('https://shop.example.com/autumn?size=42&utm_source=meta&utm_medium=paid_social&utm_campaign=utm_spring&utm_content=hikers-boots_ad');
    const created = await owner.client.post<{ campaign: CampaignRow }>(api('/campaigns'), { ...body, ad: { ...body.ad, finalUrl } });
    expect(created.status, created.text).toBe(201);
    const token = (await createSecretsRepository(server.ctx.db, server.ctx.keyring).get(orgId, accounts.meta!.connectionId, 'access_token'))!;
    const res = await fetch(`${server.sandbox!.urls.meta}/v21.0/act_${accounts.meta!.platformAccountId}/adcreatives?fields=name,object_story_spec&limit=100&access_token=${token}`);
    const creatives = ((await res.json()) as { data: Array<{ name: string; object_story_spec: { link_data: { link: string } } }> }).data;
    expect(creatives.find((c) => c.name === 'Boots ad creative')?.object_story_spec.link_data.link).toBe(finalUrl);
  }, 60_000);

  it('uploads an ad image: checked, kept by Adloop, sent to Meta’s image library, and shown in the created ad', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const upload = (accountId: string, body: Record<string, unknown>) => owner.client.post(api(`/ad-accounts/${accountId}/images`), body);
    const good = { fileName: 'boots.png', contentType: 'image/png', dataBase64: png.toString('base64') };
    const webp = await upload(accounts.meta!.id, { ...good, contentType: 'image/webp' });
    expect(webp.status).toBe(400);
    expect(webp.body.error.details.issues[0].field).toBe('contentType');
    const disguised = await upload(accounts.meta!.id, { ...good, contentType: 'image/jpeg' });
    expect(disguised.status).toBe(400);
    expect(disguised.body.error.details.issues[0]).toMatchObject({ field: 'dataBase64', message: expect.stringMatching(/not a JPEG image/) });
    const onGoogle = await upload(accounts.google_ads!.id, good);
    expect(onGoogle.status).toBe(400);
    expect(onGoogle.body.error.details.issues[0].field).toBe('contentType');

    const uploaded = await upload(accounts.meta!.id, good);
    expect(uploaded.status, uploaded.text).toBe(201);
    expect(uploaded.body).toMatchObject({ id: createHash('md5').update(png).digest('hex'), bytes: png.length });
    const kept = await readdir(join(server.ctx.config.dataDir, 'creatives', orgId));
    expect(kept).toEqual([`${createHash('sha256').update(png).digest('hex')}.png`]);

    const unknown = await owner.client.post(api('/campaigns'), metaBody({ name: 'Image launch', ad: { ...metaBody().ad, name: 'Image ad', assets: { imageHash: 'ffffffffffffffffffffffffffffffff' } } }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues[0].field).toBe('ad.assets.imageHash');
    const created = await owner.client.post(api('/campaigns'), metaBody({ name: 'Image launch', ad: { ...metaBody().ad, name: 'Image ad', assets: { imageHash: uploaded.body.id } } }));
    expect(created.status, created.text).toBe(201);
    const token = (await createSecretsRepository(server.ctx.db, server.ctx.keyring).get(orgId, accounts.meta!.connectionId, 'access_token'))!;
    const res = await fetch(`${server.sandbox!.urls.meta}/v21.0/act_${accounts.meta!.platformAccountId}/adcreatives?fields=name,object_story_spec&limit=100&access_token=${token}`);
    const creatives = ((await res.json()) as { data: Array<{ name: string; object_story_spec: { link_data: { image_hash?: string } } }> }).data;
    expect(creatives.find((c) => c.name === 'Image ad creative')?.object_story_spec.link_data.image_hash).toBe(uploaded.body.id);
  }, 60_000);
});
