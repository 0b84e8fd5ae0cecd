import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { AdAccount, CampaignRow, Connection, PlatformId } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { createKey, joinAs } from '../setup/org-helpers.ts';
import { connectThroughConsent, sandboxAccounts } from '../setup/connect-helpers.ts';
import { TestClient } from '../setup/http-client.ts';
import { libraryVideosOf } from '../../packages/sandbox/src/platforms/tiktok/tiktok-videos.endpoints.ts';
import { identitiesOf } from '../../packages/sandbox/src/platforms/tiktok/tiktok-identity.endpoints.ts';
import { promotablePages } from '../../packages/sandbox/src/platforms/meta/meta-crud.ts';

interface Choice {
  id: string;
  name: string;
  detail?: string;
}
interface Assets {
  assets: { videoId?: Choice[]; pageId?: Choice[]; identityId?: Choice[] };
}

async function inject(server: TestServer, fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${server.sandbox!.urls.control}/control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
  if (response.status !== 201) throw new Error(`fault injection answered ${response.status}: ${await response.text()}`);
}
const clearFaults = (server: TestServer) => fetch(`${server.sandbox!.urls.control}/control/faults`, { method: 'DELETE' });

describe('ad account assets for the campaign wizard', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  /** Adloop's accounts by platform, in the sandbox's order; `selected` as set below. */
  const accounts: Record<string, AdAccount[]> = {};

  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const assetsPath = (accountId: string) => api(`/ad-accounts/${accountId}/ad-assets`);
  const simAccount = (platform: 'tiktok' | 'meta', platformAccountId: string) => server.sandbox!.simulator.world().platforms[platform].accounts.get(platformAccountId)!;
  const seed = () => server.sandbox!.simulator.seed;

  /** Connects `grant` sandbox accounts of a platform and adds the first `select` of them to Adloop. */
  async function connect(platform: PlatformId, grant: string[], select: number) {
    const connected = await connectThroughConsent(owner, orgId, platform, grant);
    const connection = (await owner.client.get<Connection>(api(`/connections/${connected.connectionId}`))).body;
    const ordered = grant.map((id) => connection.accounts.find((a) => a.platformAccountId === id)!);
    const put = await owner.client.put(api(`/connections/${connected.connectionId}/accounts`), { accountIds: ordered.slice(0, select).map((a) => a.id) });
    expect(put.status).toBe(200);
    accounts[platform] = ordered;
  }

  beforeAll(async () => {
    // Short retries, and a breaker that does not open within one request's retries.
    server = await startTestServer({}, { gateway: { backoff: { retries: 3, baseMs: 20, capMs: 200 }, breaker: { failureThreshold: 10, cooldownMs: 400 } } });
    owner = await signUpVerifiedUser(server, { organizationName: 'Asset Co' });
    orgId = owner.orgId!;
    await connect('tiktok', sandboxAccounts(server, 'tiktok').filter((a) => !a.isManager).slice(0, 3).map((a) => a.id), 2);
    const meta = sandboxAccounts(server, 'meta');
    await connect('meta', ['Northwind Outdoor – Meta', 'Harbor Coffee UK'].map((name) => meta.find((a) => a.name === name)!.id), 2);
    const google = sandboxAccounts(server, 'google_ads').filter((a) => !a.isManager && !a.managerId).slice(0, 1).map((a) => a.id);
    await connect('google_ads', google, 1);
  }, 120_000);
  afterAll(async () => server?.close());

  it('lists a TikTok account’s library videos and custom identities, as the sandbox holds them', async () => {
    const account = accounts.tiktok![0]!;
    const res = await owner.client.get<Assets>(assetsPath(account.id));
    expect(res.status, res.text).toBe(200);
    const truth = simAccount('tiktok', account.platformAccountId);
    const videos = libraryVideosOf(seed(), truth);
    expect(videos.length).toBeGreaterThan(1);
    expect(res.body.assets.videoId).toEqual(
      videos.map((v) => ({ id: v.video_id, name: v.file_name, detail: `${Number(Number(v.duration).toFixed(1))} s · ${String(v.width)}×${String(v.height)}` })),
    );
    expect(res.body.assets.identityId?.map((i) => ({ id: i.id, name: i.name }))).toEqual(identitiesOf(seed(), truth).map((i) => ({ id: i.identity_id, name: i.display_name })));
    expect(res.body.assets.pageId).toBeUndefined();
    // Each advertiser has its own library.
    const other = await owner.client.get<Assets>(assetsPath(accounts.tiktok![1]!.id));
    expect(other.body.assets.videoId?.map((v) => v.id)).toEqual(libraryVideosOf(seed(), simAccount('tiktok', accounts.tiktok![1]!.platformAccountId)).map((v) => v.video_id));
    expect(other.body.assets.videoId?.map((v) => v.id)).not.toContain(res.body.assets.videoId?.[0]?.id);
  });

  it('lists a Meta account’s promotable Pages: one, or several', async () => {
    for (const account of accounts.meta!) {
      const res = await owner.client.get<Assets>(assetsPath(account.id));
      expect(res.status, res.text).toBe(200);
      expect(res.body.assets).toEqual({ pageId: promotablePages(seed(), simAccount('meta', account.platformAccountId)) });
    }
    const harbor = await owner.client.get<Assets>(assetsPath(accounts.meta![1]!.id));
    expect(harbor.body.assets.pageId?.map((p) => p.name)).toEqual(['Harbor Coffee UK', 'Harbor Coffee Roastery']);
  });

  it('lists nothing for Google Ads, whose text ads need no account assets', async () => {
    const res = await owner.client.get<Assets>(assetsPath(accounts.google_ads![0]!.id));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ assets: {} });
  });

  it('answers only those who can create campaigns, and only for accounts added to this organisation', async () => {
    const account = accounts.tiktok![0]!;
    const viewer = await joinAs(server, owner, orgId, 'viewer');
    const refused = await viewer.client.get(assetsPath(account.id));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    const readKey = await createKey(owner, orgId, 'read');
    expect((await TestClient.withApiKey(server.url, readKey.secret).get(assetsPath(account.id))).status).toBe(403);
    const member = await joinAs(server, owner, orgId, 'member');
    // A member works only on the accounts assigned to them: others do not exist for them.
    expect((await member.client.get(assetsPath(account.id))).status).toBe(404);
    const assigned = await owner.client.put(`/api/v1/orgs/${orgId}/members/${member.user.id}/ad-accounts`, { adAccountIds: [account.id] });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect((await member.client.get(assetsPath(account.id))).status).toBe(200);

    const unknown = await owner.client.get(assetsPath(randomUUID()));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const malformed = await owner.client.get(assetsPath('not-a-uuid'));
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body.error.details)).toContain('accountId');
    // Granted but not added to Adloop.
    const unselected = await owner.client.get(assetsPath(accounts.tiktok![2]!.id));
    expect(unselected.status).toBe(409);
    expect(unselected.body.error.message).toMatch(/not added/);
  });

  it('creates a TikTok campaign with a listed video and identity; an unlisted video is refused on its field', async () => {
    const account = accounts.tiktok![0]!;
    const { assets } = (await owner.client.get<Assets>(assetsPath(account.id))).body;
    const video = assets.videoId![1]!;
    const body = {
      adAccountId: account.id,
      name: 'Library video launch',
      objective: 'TRAFFIC',
      budget: { kind: 'daily', amountMicros: 60_000_000 },
      adGroup: { name: 'Library video ad group', countries: ['US'] },
      ad: { name: 'Library video ad', headline: '', description: 'Trail shoes, shipped free.', finalUrl: 'https://shop.example.com/trail', assets: { videoId: 'v10033g50000notinthelibrary', identityId: assets.identityId![0]!.id } },
    };
    const refused = await owner.client.post(api('/campaigns'), body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.issues[0].field).toBe('ad.assets.videoId');
    expect(refused.body.error.details.issues[0].message).toMatch(/does not exist in the asset library/);

    const created = await owner.client.post<{ campaign: CampaignRow }>(api('/campaigns'), { ...body, ad: { ...body.ad, assets: { ...body.ad.assets, videoId: video.id } } });
    expect(created.status, created.text).toBe(201);
    const world = server.sandbox!.simulator.world().platforms.tiktok;
    const ads = [...world.ads.values()].filter((a) => a.campaignId === created.body.campaign.platformId);
    expect(ads.map((a) => a.attrs.video_id)).toEqual([video.id]);
    expect(ads.map((a) => a.attrs.identity_id)).toEqual([assets.identityId![0]!.id]);
  }, 60_000);

  it('needs the Page named where a Meta account has several, and takes a listed one', async () => {
    const account = accounts.meta![1]!;
    const pages = (await owner.client.get<Assets>(assetsPath(account.id))).body.assets.pageId!;
    const body = {
      adAccountId: account.id,
      name: 'Roastery open day',
      objective: 'OUTCOME_TRAFFIC',
      budget: { kind: 'daily', amountMicros: 20_000_000 },
      adGroup: { name: 'Roastery ad set', countries: ['GB'] },
      ad: { name: 'Roastery ad', headline: 'Open day', description: 'Tours and tastings all Saturday.', finalUrl: 'https://harbor.example.com/open-day' },
    };
    const unnamed = await owner.client.post(api('/campaigns'), body);
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.details.issues[0].field).toBe('ad.assets.pageId');
    const created = await owner.client.post<{ campaign: CampaignRow }>(api('/campaigns'), { ...body, ad: { ...body.ad, assets: { pageId: pages[1]!.id } } });
    expect(created.status, created.text).toBe(201);
  }, 60_000);

  it('maps platform failures: 502 after retries, 429 with Retry-After, 409 when the token is revoked', async () => {
    const account = accounts.tiktok![1]!;
    const target = { platform: 'tiktok', accountId: account.platformAccountId, durationSeconds: 60 };
    await inject(server, { ...target, kind: 'server_error' });
    const failed = await owner.client.get(assetsPath(account.id));
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe('upstream_failed');
    expect(failed.body.error.message).toMatch(/^TikTok did not list the account’s assets/);
    await clearFaults(server);

    await inject(server, { ...target, kind: 'rate_limit' });
    const throttled = await owner.client.get(assetsPath(account.id));
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    await clearFaults(server);

    // Last: revoking ends the grant every account of this connection uses.
    await inject(server, { ...target, kind: 'token_revoked', durationSeconds: undefined, count: 1 });
    const revoked = await owner.client.get(assetsPath(account.id));
    expect(revoked.status).toBe(409);
    expect(revoked.body.error.message).toMatch(/reconnect/);
    await clearFaults(server);
  }, 60_000);
});
