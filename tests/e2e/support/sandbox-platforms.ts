import { createHmac } from 'node:crypto';
import type { AppServer } from './app-server.ts';

/** A seeded sandbox ad account and its campaigns, as the sandbox control API lists them. */
export interface SandboxAccount {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  isManager: boolean;
  campaigns: { id: string; name: string; status: string }[];
}

function sandboxOf(server: AppServer) {
  if (!server.sandbox) throw new Error('This server runs no ad-platform sandboxes (SANDBOX_PLATFORMS is off)');
  return server.sandbox;
}

/** The sandbox's own list of a platform's accounts and campaigns (control API `GET /control/accounts`). */
export async function sandboxAccounts(server: AppServer, platform: 'google' | 'meta' | 'tiktok'): Promise<SandboxAccount[]> {
  const response = await fetch(`${sandboxOf(server).urls.control}/control/accounts?platform=${platform}`);
  if (!response.ok) throw new Error(`sandbox control API answered ${response.status}`);
  const body = (await response.json()) as Record<string, SandboxAccount[]>;
  return body[platform] ?? [];
}

/** "123.45" (major units, as Meta writes money) to integer micros. */
function decimalToMicros(value: string): number {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`not a decimal amount: ${value}`);
  return Number(match[1]) * 1_000_000 + Number(((match[2] ?? '') + '000000').slice(0, 6));
}

/**
 * What the Meta sandbox itself reports as an ad account's spend of the last 7 complete days
 * (`date_preset=last_7d`: yesterday and the 6 days before, account time), in micros. Asks the
 * sandbox's Graph API with a read token minted in the sandbox, independent of Adloop's own token.
 */
export function metaSpendLast7DaysMicros(server: AppServer, accountId: string): Promise<number> {
  return metaSpendMicros(server, accountId, 'last_7d');
}

/** Spend the Meta sandbox reports for an ad account over inclusive account-time days, or a `date_preset`, in micros. */
export async function metaSpendMicros(server: AppServer, accountId: string, range: { since: string; until: string } | 'last_7d'): Promise<number> {
  const sandbox = sandboxOf(server);
  const { oauth, settings, sim } = sandbox.context;
  const token = oauth.meta.issueToken(
    {
      kind: 'access',
      grant: { clientId: settings.meta.appId, accountIds: [accountId], scopes: ['ads_read'] },
      expiresAt: null,
      issuedAt: sim.clock.now(),
      lifetime: 'long',
      parent: null,
    },
    'EAAE2E',
  ).token;
  const query = new URLSearchParams({ level: 'account', fields: 'spend,account_currency', access_token: token });
  if (range === 'last_7d') query.set('date_preset', range);
  else query.set('time_range', JSON.stringify(range));
  if (settings.meta.requireAppSecretProof) query.set('appsecret_proof', createHmac('sha256', settings.meta.appSecret).update(token).digest('hex'));
  const response = await fetch(`${sandbox.urls.meta}/v21.0/act_${accountId}/insights?${query}`);
  const body = (await response.json()) as { data?: { spend?: string }[]; error?: { message?: string } };
  if (!response.ok || !body.data) throw new Error(`Meta sandbox insights answered ${response.status}: ${body.error?.message ?? JSON.stringify(body)}`);
  // No row at all means no delivery in the range.
  return body.data.reduce((sum, row) => sum + decimalToMicros(row.spend ?? '0'), 0);
}

/**
 * Spend per campaign (Meta campaign id → micros) the Meta sandbox itself reports for an ad account
 * over inclusive account-time days (`level=campaign`), following the insights pages.
 */
export async function metaCampaignSpendMicros(server: AppServer, accountId: string, range: { since: string; until: string }): Promise<Map<string, number>> {
  const sandbox = sandboxOf(server);
  const query = metaAuth(server, accountId, ['ads_read']);
  for (const [key, value] of Object.entries({ level: 'campaign', fields: 'campaign_id,spend', time_range: JSON.stringify(range) })) query.set(key, value);
  const spend = new Map<string, number>();
  let url: string | null = `${sandbox.urls.meta}/v21.0/act_${accountId}/insights?${query}`;
  for (let guard = 0; url && guard < 50; guard++) {
    const response: Response = await fetch(url);
    const body = (await response.json()) as { data?: { campaign_id?: string; spend?: string }[]; paging?: { next?: string }; error?: { message?: string } };
    if (!response.ok || !body.data) throw new Error(`Meta sandbox insights answered ${response.status}: ${body.error?.message ?? JSON.stringify(body)}`);
    for (const row of body.data) if (row.campaign_id) spend.set(row.campaign_id, (spend.get(row.campaign_id) ?? 0) + decimalToMicros(row.spend ?? '0'));
    url = body.paging?.next ?? null;
  }
  return spend;
}

/** An access token minted in the Meta sandbox for one account (with the app secret proof when required), as query params. */
function metaAuth(server: AppServer, accountId: string, scopes: string[]): URLSearchParams {
  const { oauth, settings, sim } = sandboxOf(server).context;
  const token = oauth.meta.issueToken(
    { kind: 'access', grant: { clientId: settings.meta.appId, accountIds: [accountId], scopes }, expiresAt: null, issuedAt: sim.clock.now(), lifetime: 'long', parent: null },
    'EAAE2E',
  ).token;
  const query = new URLSearchParams({ access_token: token });
  if (settings.meta.requireAppSecretProof) query.set('appsecret_proof', createHmac('sha256', settings.meta.appSecret).update(token).digest('hex'));
  return query;
}

/**
 * Changes a Meta campaign on the sandbox directly, the way someone in Ads Manager would, outside
 * Adloop (`POST /{campaign-id}`: `status` ACTIVE/PAUSED, `daily_budget` in minor units, `name`).
 */
export async function metaUpdateCampaign(server: AppServer, accountId: string, campaignId: string, fields: Record<string, string>): Promise<void> {
  const body = metaAuth(server, accountId, ['ads_management']);
  for (const [key, value] of Object.entries(fields)) body.set(key, value);
  const response = await fetch(`${sandboxOf(server).urls.meta}/v21.0/${campaignId}`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const answer = (await response.json()) as { success?: boolean; error?: { message?: string } };
  if (!response.ok || !answer.success) throw new Error(`Meta sandbox update answered ${response.status}: ${answer.error?.message ?? JSON.stringify(answer)}`);
}

/** A Meta ad account edge read from the sandbox's Graph API with a token minted there, every page. */
async function metaEdge(server: AppServer, accountId: string, edge: string, fields: string): Promise<Array<Record<string, unknown>>> {
  const query = metaAuth(server, accountId, ['ads_management']);
  query.set('fields', fields);
  const rows: Array<Record<string, unknown>> = [];
  let url: string | null = `${sandboxOf(server).urls.meta}/v21.0/act_${accountId}/${edge}?${query}`;
  for (let guard = 0; url && guard < 50; guard++) {
    const response: Response = await fetch(url);
    const body = (await response.json()) as { data?: Array<Record<string, unknown>>; paging?: { next?: string }; error?: { message?: string } };
    if (!response.ok || !body.data) throw new Error(`Meta sandbox ${edge} answered ${response.status}: ${body.error?.message ?? JSON.stringify(body)}`);
    rows.push(...body.data);
    url = body.paging?.next ?? null;
  }
  return rows;
}

/** The Facebook Pages the Meta sandbox lets an ad account promote (`act_{id}/promote_pages`). */
export async function metaPromotablePages(server: AppServer, accountId: string): Promise<{ id: string; name: string }[]> {
  return (await metaEdge(server, accountId, 'promote_pages', 'id,name')).map((p) => ({ id: String(p.id), name: String(p.name) }));
}

/** The Page each of an ad account's creatives runs as, by creative name (`object_story_spec.page_id`). */
export async function metaCreativePages(server: AppServer, accountId: string): Promise<Map<string, string>> {
  const creatives = await metaEdge(server, accountId, 'adcreatives', 'name,object_story_spec');
  return new Map(creatives.map((c) => [String(c.name), String((c.object_story_spec as { page_id?: unknown } | undefined)?.page_id ?? '')]));
}

/** What each of an ad account's creatives says, by creative name: its link ad and text options as the Meta sandbox stores them (JSON). */
export async function metaCreativeTexts(server: AppServer, accountId: string): Promise<Map<string, string>> {
  const creatives = await metaEdge(server, accountId, 'adcreatives', 'name,object_story_spec,asset_feed_spec');
  return new Map(creatives.map((c) => [String(c.name), JSON.stringify({ story: c.object_story_spec ?? null, feed: c.asset_feed_spec ?? null })]));
}

/** A GET of the TikTok sandbox's API (`/open_api/v1.3/<path>`) for one advertiser, with a token minted there; the envelope's `data`. */
async function tiktokGet(server: AppServer, advertiserId: string, path: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const sandbox = sandboxOf(server);
  const { oauth, settings, sim } = sandbox.context;
  const token = oauth.tiktok.issueToken(
    { kind: 'access', grant: { clientId: settings.tiktok.appId, accountIds: [advertiserId], scopes: ['4'] }, expiresAt: null, issuedAt: sim.clock.now(), lifetime: 'none', parent: null },
    '',
  ).token;
  const url = new URL(`${sandbox.urls.tiktok}/open_api/v1.3/${path}`);
  for (const [key, value] of Object.entries({ advertiser_id: advertiserId, ...params })) url.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  const body = (await (await fetch(url, { headers: { 'Access-Token': token } })).json()) as { code: number; message: string; data: Record<string, unknown> };
  if (body.code !== 0) throw new Error(`TikTok sandbox ${path} answered ${body.code}: ${body.message}`);
  return body.data;
}

/** The videos of a TikTok advertiser's asset library (`file/video/ad/search/`), every page. */
export async function tiktokLibraryVideos(server: AppServer, advertiserId: string): Promise<{ video_id: string; file_name: string }[]> {
  const videos: { video_id: string; file_name: string }[] = [];
  for (let page = 1, total = 1; page <= total; page++) {
    const data = await tiktokGet(server, advertiserId, 'file/video/ad/search/', { page, page_size: 100 });
    videos.push(...(data.list as { video_id: string; file_name: string }[]));
    total = (data.page_info as { total_page: number }).total_page;
  }
  return videos;
}

/** The video of each of a TikTok advertiser's ads, by ad name (`ad/get/`). */
export async function tiktokAdVideos(server: AppServer, advertiserId: string): Promise<Map<string, string>> {
  const data = await tiktokGet(server, advertiserId, 'ad/get/', { page_size: 1000, fields: ['ad_name', 'video_id'] });
  return new Map((data.list as { ad_name: string; video_id: string }[]).map((ad) => [ad.ad_name, ad.video_id]));
}
