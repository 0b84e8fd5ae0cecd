import { DEFAULT_SETTINGS, startSandbox, type RunningSandbox, submitConsentForm } from '@adloop/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformError, type AccountRef, type AdPlatform, type TokenSet } from '../types.ts';
import { createMetaAdapter, type MetaConfig } from './meta.adapter.ts';

const START = Date.parse('2026-06-15T12:00:00Z');
const REDIRECT = 'http://127.0.0.1:9/callback';

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PlatformError) return error;
    throw error;
  }
  throw new Error('expected a PlatformError');
}

describe('Meta adapter against the sandbox', () => {
  let sandbox: RunningSandbox;
  let config: MetaConfig;
  let adapter: AdPlatform;
  let tokens: TokenSet;
  let yen: AccountRef;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 11, clock: START, settings: { meta: { managementCallsPerHour: 10_000, insightsCallsPerHour: 10_000 } } });
    const base = sandbox.urls.meta;
    config = { baseUrl: base, authorizeBaseUrl: base, appId: DEFAULT_SETTINGS.meta.appId, appSecret: DEFAULT_SETTINGS.meta.appSecret, reportPollIntervalMs: 1 };
    adapter = createMetaAdapter(config, () => new Date(START));
    const ids = [...sandbox.simulator.world().platforms.meta.accounts.values()].filter((a) => !a.isManager).map((a) => a.id);
    const { code } = await submitConsentForm(adapter.oauth.authorizeUrl({ state: 's', redirectUri: REDIRECT }), ids, 'allow');
    tokens = await adapter.oauth.exchangeCode({ code: code ?? '', redirectUri: REDIRECT });
    const account = (await adapter.accounts.list(tokens)).find((a) => a.currency === 'JPY');
    if (!account) throw new Error('no JPY account');
    yen = { platformAccountId: account.platformAccountId, currency: account.currency, timeZone: account.timeZone };
  });
  afterAll(async () => sandbox?.close());

  it('exchanges the code for a long-lived token with the granted scopes, and inspects it', async () => {
    expect(tokens.expiresAt?.getTime()).toBe(START + DEFAULT_SETTINGS.meta.longTokenTtlSeconds * 1000);
    expect(tokens.scopes).toEqual(['ads_management', 'ads_read', 'business_management']);
    expect((await adapter.oauth.inspect(tokens)).valid).toBe(true);
    expect((await adapter.oauth.inspect({ accessToken: 'EAAnot-a-token' })).valid).toBe(false);
    const extended = await adapter.oauth.refresh(tokens);
    expect(extended.accessToken).toBeTruthy();
    expect(extended.expiresAt?.getTime()).toBe(START + DEFAULT_SETTINGS.meta.longTokenTtlSeconds * 1000);
  });

  it('reads the account as JPY in Asia/Tokyo with act_ handled either way', async () => {
    expect(yen.timeZone).toBe('Asia/Tokyo');
    const bare = await adapter.campaigns.listCampaigns(tokens, yen, null);
    const prefixed = await adapter.campaigns.listCampaigns(tokens, { ...yen, platformAccountId: `act_${yen.platformAccountId}` }, null);
    expect(prefixed.items.map((c) => c.platformId)).toEqual(bare.items.map((c) => c.platformId));
  });

  it('round-trips a JPY budget in whole yen', async () => {
    const { items } = await adapter.campaigns.listCampaigns(tokens, yen, null);
    const campaign = items.find((c) => c.dailyBudget);
    if (!campaign?.dailyBudget) throw new Error('no campaign budget');
    expect(campaign.dailyBudget.micros % 1_000_000).toBe(0);
    const micros = campaign.dailyBudget.micros + 1_000_000_000;
    const updated = await adapter.campaigns.setBudget(tokens, yen, campaign.platformId, { kind: 'daily', amount: { micros, currency: 'JPY' } });
    expect(updated.dailyBudget).toEqual({ micros, currency: 'JPY' });
    const wrong = await failure(adapter.campaigns.setBudget(tokens, yen, campaign.platformId, { kind: 'daily', amount: { micros, currency: 'USD' } }));
    expect(wrong.kind).toBe('invalid_request');
    const low = await failure(adapter.campaigns.setBudget(tokens, yen, campaign.platformId, { kind: 'daily', amount: { micros: 50_000_000, currency: 'JPY' } }));
    expect(low.kind).toBe('invalid_request');
    expect(low.details.field).toBe('daily_budget');
  });

  it('pulls ad set and ad metrics that belong to the listed entities', async () => {
    const groups = new Set((await adapter.campaigns.listAdGroups(tokens, yen, null)).items.map((g) => g.platformId));
    const rows = await adapter.metrics.pull(tokens, yen, { level: 'ad_group', granularity: 'day', since: '2026-06-10', until: '2026-06-14' });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => groups.has(r.entityPlatformId) && r.campaignPlatformId !== '' && r.spend.currency === 'JPY' && r.spend.micros % 1_000_000 === 0)).toBe(true);
    const ads = await adapter.metrics.pull(tokens, yen, { level: 'ad', granularity: 'hour', since: '2026-06-14', until: '2026-06-14' });
    expect(ads.every((r) => r.hour !== null && r.hour >= 0 && r.hour <= 23 && r.timeBasis === 'account')).toBe(true);
    expect(ads.reduce((s, r) => s + r.spend.micros, 0)).toBe(rows.filter((r) => r.date === '2026-06-14').reduce((s, r) => s + r.spend.micros, 0));
    expect(rows.some((r) => r.conversions > 0 && r.conversionValue.micros > 0)).toBe(true);
  });

  it('runs long ranges as async report jobs with the same rows as a sync pull', async () => {
    const request = { level: 'campaign' as const, granularity: 'day' as const, since: '2026-06-01', until: '2026-06-10' };
    const sync = await adapter.metrics.pull(tokens, yen, request);
    const viaJob = await createMetaAdapter({ ...config, asyncReportAboveDays: 0 }).metrics.pull(tokens, yen, request);
    expect(viaJob).toEqual(sync);
    expect(sync.length).toBe(30);
  });

  it('gives up on a report job that does not finish in time as transient', async () => {
    // The sandbox completes a job on the third poll; at most two polls fit in 40 ms with 30 ms waits.
    const slow = createMetaAdapter({ ...config, asyncReportAboveDays: 0, reportPollIntervalMs: 30, reportTimeoutMs: 40 });
    const stalled = await failure(slow.metrics.pull(tokens, yen, { level: 'campaign', granularity: 'day', since: '2026-06-01', until: '2026-06-02' }));
    expect(stalled.kind).toBe('transient');
  });

  it('refuses a campaign of another account and a malformed id', async () => {
    const other = [...sandbox.simulator.world().platforms.meta.campaigns.values()].find((c) => c.accountId !== yen.platformAccountId);
    expect((await failure(adapter.campaigns.getCampaign(tokens, yen, other?.id ?? ''))).kind).toBe('not_found');
    expect((await failure(adapter.campaigns.getCampaign(tokens, yen, '1/../me'))).kind).toBe('invalid_request');
  });
});

type Answer = { status?: number; body: unknown; headers?: Record<string, string> };

/** A fetch that answers from a script and records what was asked. */
function scripted(answer: (url: URL, method: string) => Answer) {
  const calls: Array<{ method: string; url: URL; body: string }> = [];
  const fetchStub = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    calls.push({ method, url, body: init?.body ? String(init.body) : '' });
    const a = answer(url, method);
    return new Response(JSON.stringify(a.body), { status: a.status ?? 200, headers: { 'content-type': 'application/json', ...(a.headers ?? {}) } });
  }) as typeof fetch;
  return { fetchStub, calls };
}

const stubConfig = (fetchStub: typeof fetch): MetaConfig => ({
  baseUrl: 'https://graph.example', authorizeBaseUrl: 'https://www.example', appId: '42', appSecret: 'secret', fetch: fetchStub, sleep: async () => {}, reportPollIntervalMs: 1,
});
const account: AccountRef = { platformAccountId: '123', currency: 'USD', timeZone: 'America/New_York' };
const token: TokenSet = { accessToken: 'EAAtoken' };
const row = { campaign_id: '9', date_start: '2026-06-01', date_stop: '2026-06-01', spend: '10.01', impressions: '100', clicks: '7', actions: [{ action_type: 'offsite_conversion.fb_pixel_purchase', value: '2' }], action_values: [{ action_type: 'offsite_conversion.fb_pixel_purchase', value: '40.50' }] };

describe('Meta adapter wire details', () => {
  it('builds the login dialog URL without PKCE and with the scopes', () => {
    const url = new URL(createMetaAdapter(stubConfig(fetch)).oauth.authorizeUrl({ state: 'st', redirectUri: REDIRECT }));
    expect(url.origin + url.pathname).toBe('https://www.example/v25.0/dialog/oauth');
    expect(url.searchParams.get('client_id')).toBe('42');
    expect(url.searchParams.get('scope')).toBe('ads_management,ads_read,business_management');
    expect(url.searchParams.has('code_challenge')).toBe(false);
  });

  it('revokes with DELETE /me/permissions and treats an already dead token as revoked', async () => {
    const ok = scripted(() => ({ body: { success: true } }));
    await createMetaAdapter(stubConfig(ok.fetchStub)).oauth.revoke(token);
    expect(ok.calls[0]?.method).toBe('DELETE');
    expect(ok.calls[0]?.url.pathname).toBe('/v25.0/me/permissions');
    expect(ok.calls[0]?.url.searchParams.get('appsecret_proof')).toMatch(/^[0-9a-f]{64}$/);
    const dead = scripted(() => ({ status: 401, body: { error: { code: 190, error_subcode: 460, message: 'invalidated' } } }));
    await expect(createMetaAdapter(stubConfig(dead.fetchStub)).oauth.revoke(token)).resolves.toBeUndefined();
  });

  it('falls back to an async job when the sync query is too heavy, and reads conversions from one action type', async () => {
    const { fetchStub, calls } = scripted((url, method) => {
      if (url.pathname.endsWith('/act_123/insights') && method === 'GET') return { status: 500, body: { error: { code: 1, message: "Please reduce the amount of data you're asking for, then retry your request" } } };
      if (url.pathname.endsWith('/act_123/insights')) return { body: { report_run_id: '777' } };
      if (url.pathname.endsWith('/777')) return { body: { id: '777', async_status: 'Job Completed', async_percent_completion: 100 } };
      return { body: { data: [row], paging: { cursors: { after: 'x' } } } };
    });
    const rows = await createMetaAdapter(stubConfig(fetchStub)).metrics.pull(token, account, { level: 'campaign', granularity: 'day', since: '2026-06-01', until: '2026-06-01' });
    expect(calls.map((c) => `${c.method} ${c.url.pathname}`)).toEqual(['GET /v25.0/act_123/insights', 'POST /v25.0/act_123/insights', 'GET /v25.0/777', 'GET /v25.0/777/insights']);
    expect(new URLSearchParams(calls[1]?.body).get('time_range')).toBe('{"since":"2026-06-01","until":"2026-06-01"}');
    expect(rows).toEqual([{
      level: 'campaign', entityPlatformId: '9', campaignPlatformId: '9', date: '2026-06-01', hour: null, timeBasis: 'account', impressions: 100, clicks: 7,
      spend: { micros: 10_010_000, currency: 'USD' }, conversions: 2, conversionValue: { micros: 40_500_000, currency: 'USD' },
    }]);
  });

  it('throws report_too_large when the job itself fails for size, and transient when it fails without a reason', async () => {
    const job = (failed: Record<string, unknown>) => scripted((url) => {
      if (url.pathname.endsWith('/act_123/insights')) return { body: { report_run_id: '778' } };
      return { body: { id: '778', async_status: 'Job Failed', async_percent_completion: 40, ...failed } };
    });
    const request = { level: 'ad' as const, granularity: 'hour' as const, since: '2026-01-01', until: '2026-03-31' };
    const large = job({ error_code: 1, error_message: "Please reduce the amount of data you're asking for, then retry your request" });
    expect((await failure(createMetaAdapter(stubConfig(large.fetchStub)).metrics.pull(token, account, request))).kind).toBe('report_too_large');
    const unexplained = job({});
    expect((await failure(createMetaAdapter(stubConfig(unexplained.fetchStub)).metrics.pull(token, account, request))).kind).toBe('transient');
  });

  it('follows after cursors while Graph links a next page, even past an empty page', async () => {
    const pages: Record<string, Answer> = {
      '': { body: { data: [{ id: '1', name: 'a', status: 'ACTIVE', objective: 'OUTCOME_SALES', daily_budget: '5000' }], paging: { cursors: { after: 'c1' }, next: 'https://graph.example/next1' } } },
      c1: { body: { data: [], paging: { cursors: { after: 'c2' }, next: 'https://graph.example/next2' } } },
      c2: { body: { data: [{ id: '2', name: 'b', status: 'ARCHIVED', objective: 'OUTCOME_TRAFFIC' }], paging: { cursors: { after: 'c3' } } } },
    };
    const { fetchStub, calls } = scripted((url) => pages[url.searchParams.get('after') ?? ''] ?? { status: 400, body: {} });
    const campaigns = createMetaAdapter(stubConfig(fetchStub)).campaigns;
    const seen = [];
    let page: string | null = null;
    do {
      const result: Awaited<ReturnType<typeof campaigns.listCampaigns>> = await campaigns.listCampaigns(token, account, page);
      seen.push(...result.items);
      page = result.nextPage;
    } while (page);
    expect(seen.map((c) => [c.platformId, c.status, c.dailyBudget?.micros ?? null])).toEqual([['1', 'active', 50_000_000], ['2', 'archived', null]]);
    expect(JSON.parse(calls[0]?.url.searchParams.get('effective_status') ?? '[]')).toContain('ARCHIVED');
  });
});
