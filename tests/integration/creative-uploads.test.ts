import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { AdAccount, CampaignRow, CreationOptions, PlatformId } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectAndAdd, sandboxAccounts } from '../setup/connect-helpers.ts';
import { identitiesOf } from '../../packages/sandbox/src/platforms/tiktok/tiktok-identity.endpoints.ts';
import { libraryVideosOf } from '../../packages/sandbox/src/platforms/tiktok/tiktok-videos.endpoints.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
// The first box of an MP4 file: size, "ftyp", brand "isom".
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(12)]);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

describe('ad creatives uploaded for TikTok and Google', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  const accounts: Partial<Record<PlatformId, AdAccount>> = {};
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const upload = (accountId: string, body: Record<string, unknown>) => owner.client.post(api(`/ad-accounts/${accountId}/images`), body);
  const png = { fileName: 'trail-cover.png', contentType: 'image/png', dataBase64: PNG.toString('base64') };

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Creative Co' });
    orgId = owner.orgId!;
    const tiktok = sandboxAccounts(server, 'tiktok').find((a) => !a.isManager)!;
    const google = sandboxAccounts(server, 'google_ads').find((a) => !a.isManager && !a.managerId)!;
    for (const [platform, id] of [['tiktok', tiktok.id], ['google_ads', google.id]] as const) {
      [accounts[platform]] = await connectAndAdd(owner, orgId, platform, [id]);
    }
  }, 120_000);
  afterAll(async () => server?.close());

  it('offers image and video upload where the platform’s ad takes them: TikTok (JPG, PNG; MP4, MOV) but not Google Search', async () => {
    const options = (await owner.client.get<z.infer<typeof CreationOptions>>(api('/campaigns/creation-options'))).body;
    expect(options.platforms.find((p) => p.platform === 'tiktok')?.imageUpload).toEqual({ maxBytes: 5 * 1024 * 1024, contentTypes: ['image/jpeg', 'image/png'], label: 'Cover image' });
    expect(options.platforms.find((p) => p.platform === 'google_ads')?.imageUpload).toBeNull();
    expect(options.platforms.find((p) => p.platform === 'tiktok')?.videoUpload).toEqual({ maxBytes: 8 * 1024 * 1024, contentTypes: ['video/mp4', 'video/quicktime'] });
    expect(options.platforms.find((p) => p.platform === 'google_ads')?.videoUpload).toBeNull();
  });

  it('refuses bad TikTok uploads with a 4xx naming the field, and a Google Search upload', async () => {
    const tiktok = accounts.tiktok!.id;
    const gif = await upload(tiktok, { fileName: 'cover.gif', contentType: 'image/gif', dataBase64: GIF.toString('base64') });
    expect(gif.status).toBe(400);
    expect(gif.body.error.details.issues[0]).toMatchObject({ field: 'contentType', message: expect.stringMatching(/image\/jpeg, image\/png for TikTok/) });
    const disguised = await upload(tiktok, { ...png, contentType: 'image/jpeg' });
    expect(disguised.status).toBe(400);
    expect(disguised.body.error.details.issues[0]).toMatchObject({ field: 'dataBase64', message: expect.stringMatching(/not a JPEG image/) });
    const tooBig = await upload(tiktok, { ...png, dataBase64: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]).toString('base64') });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.details.issues[0]).toMatchObject({ field: 'dataBase64', message: expect.stringMatching(/TikTok takes images up to 5\.0 MB/) });
    const missing = await upload(tiktok, { fileName: 'cover.png', contentType: 'image/png' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.error.details)).toContain('dataBase64');
    const google = await upload(accounts.google_ads!.id, png);
    expect(google.status).toBe(400);
    expect(google.body.error.details.issues[0]).toMatchObject({ field: 'contentType', message: expect.stringMatching(/Google Ads ads created here take no uploaded image/) });
  }, 60_000);

  it('uploads a TikTok image to the advertiser’s library and creates the video ad with it as the cover', async () => {
    const account = accounts.tiktok!;
    const uploaded = await upload(account.id, png);
    expect(uploaded.status, uploaded.text).toBe(201);
    expect(uploaded.body).toMatchObject({ id: `ad-site-i18n-sg/${createHash('md5').update(PNG).digest('hex')}`, fileName: 'trail-cover.png', bytes: PNG.length });
    expect(await readdir(join(server.ctx.config.dataDir, 'creatives', orgId))).toContain(`${createHash('sha256').update(PNG).digest('hex')}.png`);

    const sim = server.sandbox!.simulator;
    const advertiser = sim.world().platforms.tiktok.accounts.get(account.platformAccountId)!;
    const video = libraryVideosOf(sim.seed, advertiser)[0]!;
    const identity = identitiesOf(sim.seed, advertiser)[0]!;
    const body = (imageHash: string) => ({
      adAccountId: account.id,
      name: 'Cover launch',
      objective: 'TRAFFIC',
      budget: { kind: 'daily', amountMicros: 60_000_000 },
      adGroup: { name: 'Cover ad group', countries: ['US'] },
      ad: { name: 'Cover ad', headline: '', description: 'Trail shoes, shipped free.', finalUrl: 'https://shop.example.com/trail', assets: { videoId: String(video.video_id), identityId: String(identity.identity_id), imageHash } },
    });
    const unknown = await owner.client.post(api('/campaigns'), body('ad-site-i18n-sg/ffffffffffffffffffffffffffffffff'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues[0].field).toBe('ad.assets.imageHash');
    const created = await owner.client.post<{ campaign: CampaignRow }>(api('/campaigns'), body(String(uploaded.body.id)));
    expect(created.status, created.text).toBe(201);
    const ads = [...sim.world().platforms.tiktok.ads.values()].filter((a) => a.campaignId === created.body.campaign.platformId);
    expect(ads.map((a) => a.attrs.image_ids)).toEqual([[uploaded.body.id]]);
    expect(ads.map((a) => a.attrs.video_id)).toEqual([video.video_id]);
  }, 60_000);

  it('uploads a TikTok video to the advertiser’s library, lists it with the account’s videos and creates the ad from it; bad videos refused by field', async () => {
    const account = accounts.tiktok!;
    const video = (body: Record<string, unknown>) => owner.client.post(api(`/ad-accounts/${account.id}/videos`), body);
    const mp4 = { fileName: 'trail.mp4', contentType: 'video/mp4', dataBase64: MP4.toString('base64') };
    const webm = await video({ ...mp4, contentType: 'video/webm' });
    expect(webm.status).toBe(400);
    expect(webm.body.error.details.issues[0]).toMatchObject({ field: 'contentType', message: expect.stringMatching(/video\/mp4, video\/quicktime for TikTok/) });
    const notVideo = await video({ ...mp4, dataBase64: PNG.toString('base64') });
    expect(notVideo.status).toBe(400);
    expect(notVideo.body.error.details.issues[0]).toMatchObject({ field: 'dataBase64', message: expect.stringMatching(/is not an MP4 video/) });
    const onGoogle = await owner.client.post(api(`/ad-accounts/${accounts.google_ads!.id}/videos`), mp4);
    expect(onGoogle.status).toBe(400);
    expect(onGoogle.body.error.details.issues[0]).toMatchObject({ field: 'contentType', message: expect.stringMatching(/take no uploaded video/) });

    const uploaded = await video(mp4);
    expect(uploaded.status, uploaded.text).toBe(201);
    expect(uploaded.body).toMatchObject({ id: expect.stringMatching(/^v10033g50000[0-9a-f]{20}$/), fileName: 'trail.mp4', bytes: MP4.length });
    expect(await readdir(join(server.ctx.config.dataDir, 'creatives', orgId))).toContain(`${createHash('sha256').update(MP4).digest('hex')}.mp4`);
    const listed = await owner.client.get(api(`/ad-accounts/${account.id}/ad-assets`));
    expect(listed.body.assets.videoId.map((v: { id: string }) => v.id)).toContain(uploaded.body.id);

    const sim = server.sandbox!.simulator;
    const identity = identitiesOf(sim.seed, sim.world().platforms.tiktok.accounts.get(account.platformAccountId)!)[0]!;
    const created = await owner.client.post<{ campaign: CampaignRow }>(api('/campaigns'), {
      adAccountId: account.id,
      name: 'Uploaded video launch',
      objective: 'TRAFFIC',
      budget: { kind: 'daily', amountMicros: 60_000_000 },
      adGroup: { name: 'Uploaded video ad group', countries: ['US'] },
      ad: { name: 'Uploaded video ad', headline: '', description: 'Trail shoes, shipped free.', finalUrl: 'https://shop.example.com/trail', assets: { videoId: String(uploaded.body.id), identityId: String(identity.identity_id) } },
    });
    expect(created.status, created.text).toBe(201);
    const ads = [...sim.world().platforms.tiktok.ads.values()].filter((a) => a.campaignId === created.body.campaign.platformId);
    expect(ads.map((a) => a.attrs.video_id)).toEqual([uploaded.body.id]);
  }, 60_000);
});
