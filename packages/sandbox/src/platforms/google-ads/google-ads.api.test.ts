import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../control/start-sandbox.ts';
import { DEFAULT_SETTINGS } from '../../sandbox-options.ts';
import { at, googleTokens, postJson, REDIRECT, submitConsent, TEST_START } from '../../testing/sandbox-test.helpers.ts';

let sandbox: RunningSandbox;
let g: string;
let managerId: string;
let clientId: string;
let directId: string;
let token: string;
let refresh: string;

const auth = (extra: Record<string, string> = {}): Record<string, string> => ({ authorization: `Bearer ${token}`, ...extra });
const search = (cid: string, query: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  postJson(`${g}/v21/customers/${cid}/googleAds:search`, { query, ...extra }, auth(headers));

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, clock: TEST_START });
  g = sandbox.urls.googleAds;
  const accounts = [...sandbox.simulator.world().platforms.google.accounts.values()];
  managerId = accounts.find((a) => a.isManager)?.id ?? '';
  clientId = accounts.find((a) => a.managerId === managerId)?.id ?? '';
  directId = accounts.find((a) => !a.isManager && a.managerId === null)?.id ?? '';
  const tokens = await googleTokens(g, [managerId, directId]);
  token = tokens.access_token;
  refresh = tokens.refresh_token;
});
afterAll(async () => sandbox.close());

describe('Google Ads sandbox: OAuth', () => {
  it('renders a consent page listing the seeded accounts', async () => {
    const s = DEFAULT_SETTINGS.google;
    const url = `${g}/o/oauth2/v2/auth?client_id=${s.clientId}&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&scope=${encodeURIComponent('https://www.googleapis.com/auth/adwords')}&state=s1&access_type=offline`;
    const res = await fetch(url);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain(managerId);
    expect(html).toContain('name="decision" value="deny"');
  });

  it('redirects with access_denied when the person denies', async () => {
    const back = await submitConsent(`${g}/o/oauth2/v2/auth`, {
      client_id: DEFAULT_SETTINGS.google.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'https://www.googleapis.com/auth/adwords', state: 'st',
    }, [], 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st');
  });

  it('rejects a reused code with invalid_grant and refreshes access tokens', async () => {
    const s = DEFAULT_SETTINGS.google;
    const back = await submitConsent(`${g}/o/oauth2/v2/auth`, {
      client_id: s.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'https://www.googleapis.com/auth/adwords', access_type: 'offline',
    }, [directId], 'allow');
    const form = { grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', client_id: s.clientId, client_secret: s.clientSecret, redirect_uri: REDIRECT };
    const first = await fetch(`${g}/token`, { method: 'POST', body: new URLSearchParams(form) });
    const firstBody: unknown = await first.json();
    expect(at(firstBody, 'expires_in')).toBe(3599);
    expect(typeof at(firstBody, 'refresh_token')).toBe('string');
    const again = await fetch(`${g}/token`, { method: 'POST', body: new URLSearchParams(form) });
    expect(again.status).toBe(400);
    expect(at(await again.json(), 'error')).toBe('invalid_grant');
    const refreshed = await fetch(`${g}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refresh, client_id: s.clientId, client_secret: s.clientSecret }) });
    expect(at(await refreshed.json(), 'token_type')).toBe('Bearer');
  });

  it('answers a missing token with a plain UNAUTHENTICATED status', async () => {
    const res = await fetch(`${g}/v21/customers:listAccessibleCustomers`);
    const body: unknown = await res.json();
    expect(res.status).toBe(401);
    expect(at(body, 'error', 'status')).toBe('UNAUTHENTICATED');
    expect(at(body, 'error', 'details')).toBeUndefined();
    expect(res.headers.get('request-id')).toBeTruthy();
  });
});

describe('Google Ads sandbox: accounts and GAQL', () => {
  it('lists accessible customers and enforces login-customer-id', async () => {
    const res = await fetch(`${g}/v21/customers:listAccessibleCustomers`, { headers: auth() });
    expect(at(await res.json(), 'resourceNames')).toEqual([`customers/${managerId}`, `customers/${directId}`]);
    const denied = await search(clientId, 'SELECT campaign.id FROM campaign');
    expect(denied.status).toBe(403);
    expect(at(denied.body, 'error', 'details', 0, 'errors', 0, 'errorCode', 'authorizationError')).toBe('USER_PERMISSION_DENIED');
    const allowed = await search(clientId, 'SELECT campaign.id, campaign.name FROM campaign', {}, { 'login-customer-id': managerId });
    expect(allowed.status).toBe(200);
    expect((at(allowed.body, 'results') as unknown[]).length).toBe(3);
    const hierarchy = await search(managerId, 'SELECT customer_client.id, customer_client.level FROM customer_client WHERE customer_client.level <= 1');
    expect((at(hierarchy.body, 'results') as unknown[]).length).toBe(4);
  });

  it('reads metrics by day and by hour with int64 strings and micros', async () => {
    const byDay = await search(directId, `SELECT campaign.id, segments.date, metrics.impressions, metrics.cost_micros, metrics.conversions
      FROM campaign WHERE segments.date BETWEEN '2026-06-01' AND '2026-06-07' ORDER BY segments.date`);
    expect(byDay.status).toBe(200);
    const row = at(byDay.body, 'results', 0);
    expect(typeof at(row, 'metrics', 'costMicros')).toBe('string');
    expect(typeof at(row, 'metrics', 'conversions')).toBe('number');
    expect(at(row, 'segments', 'date')).toBe('2026-06-01');
    expect(at(row, 'campaign', 'resourceName')).toMatch(/^customers\/\d{10}\/campaigns\/\d+$/);
    const byHour = await search(directId, `SELECT campaign.id, segments.date, segments.hour, metrics.clicks FROM campaign
      WHERE segments.date = '2026-06-02' AND segments.hour IN (9, 10) AND campaign.status = ENABLED`);
    const hours = (at(byHour.body, 'results') as unknown[]).map((r) => at(r, 'segments', 'hour'));
    expect(new Set(hours)).toEqual(new Set([9, 10]));
    expect(at(byHour.body, 'fieldMask')).toBe('campaign.id,segments.date,segments.hour,metrics.clicks');
  });

  it('returns QueryError for unknown fields and PAGE_SIZE_NOT_SUPPORTED for pageSize', async () => {
    const unknown = await search(directId, 'SELECT campaign.nonsense FROM campaign');
    expect(unknown.status).toBe(400);
    expect(at(unknown.body, 'error', 'details', 0, 'errors', 0, 'errorCode', 'queryError')).toBe('UNRECOGNIZED_FIELD');
    expect(at(unknown.body, 'error', 'details', 0, '@type')).toBe('type.googleapis.com/google.ads.googleads.v21.errors.GoogleAdsFailure');
    const paged = await search(directId, 'SELECT campaign.id FROM campaign', { pageSize: 100 });
    expect(at(paged.body, 'error', 'details', 0, 'errors', 0, 'errorCode', 'requestError')).toBe('PAGE_SIZE_NOT_SUPPORTED');
  });

  it('pages a large hourly ad report to the end, and searchStream returns the same rows in batches', async () => {
    const query = `SELECT ad_group_ad.ad.id, segments.date, segments.hour, metrics.impressions FROM ad_group_ad WHERE segments.date BETWEEN '2026-04-10' AND '2026-06-10'`;
    let total = 0;
    let pages = 0;
    let pageToken: string | undefined;
    do {
      const page = await search(directId, query, pageToken ? { pageToken } : {});
      total += (at(page.body, 'results') as unknown[]).length;
      pageToken = at(page.body, 'nextPageToken') as string | undefined;
      pages += 1;
    } while (pageToken);
    expect(pages).toBeGreaterThan(1);
    const stream = await postJson(`${g}/v21/customers/${directId}/googleAds:searchStream`, { query }, auth());
    const batches = stream.body as unknown[];
    expect(batches.reduce((s: number, b) => s + (at(b, 'results') as unknown[]).length, 0)).toBe(total);
  });
});

describe('Google Ads sandbox: mutates, simulation and faults', () => {
  it('validates campaign creation with field paths and creates atomically with temp ids', async () => {
    const bad = await postJson(`${g}/v21/customers/${directId}/campaigns:mutate`, {
      operations: [{ create: { name: 'No EU flag', advertisingChannelType: 'SEARCH', campaignBudget: `customers/${directId}/campaignBudgets/1` } }],
    }, auth());
    expect(bad.status).toBe(400);
    const errors = at(bad.body, 'error', 'details', 0, 'errors') as unknown[];
    expect(errors.some((e) => at(e, 'errorCode', 'fieldError') === 'REQUIRED' && at(e, 'location', 'fieldPathElements', 2, 'fieldName') === 'contains_eu_political_advertising')).toBe(true);
    const created = await postJson(`${g}/v21/customers/${directId}/googleAds:mutate`, {
      mutateOperations: [
        { campaignBudgetOperation: { create: { resourceName: `customers/${directId}/campaignBudgets/-1`, name: 'New budget', amountMicros: '50000000' } } },
        { campaignOperation: { create: { name: 'New campaign', status: 'ENABLED', advertisingChannelType: 'SEARCH', campaignBudget: `customers/${directId}/campaignBudgets/-1`, manualCpc: {}, containsEuPoliticalAdvertising: 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING' } } },
      ],
    }, auth());
    expect(created.status).toBe(200);
    expect(at(created.body, 'mutateOperationResponses', 1, 'campaignResult', 'resourceName')).toMatch(/campaigns\/\d+$/);
  });

  it('reports partial failures per operation', async () => {
    const res = await postJson(`${g}/v21/customers/${directId}/campaignBudgets:mutate`, {
      partialFailure: true,
      operations: [{ create: { name: 'ok', amountMicros: '20000000' } }, { create: { name: 'too small', amountMicros: '10000' } }],
    }, auth());
    expect(res.status).toBe(200);
    expect(at(res.body, 'results', 1)).toEqual({});
    expect(at(res.body, 'partialFailureError', 'details', 0, 'errors', 0, 'errorCode', 'campaignBudgetError')).toBe('BUDGET_BELOW_PER_DAY_MINIMUM');
    expect(at(res.body, 'partialFailureError', 'details', 0, 'errors', 0, 'location', 'fieldPathElements', 0)).toEqual({ fieldName: 'operations', index: 1 });
  });

  it('a budget change raises the simulated spend that follows', async () => {
    const campaigns = await search(directId, 'SELECT campaign.id, campaign_budget.resource_name, campaign_budget.amount_micros FROM campaign WHERE campaign.status = ENABLED LIMIT 1');
    const campaignId = String(at(campaigns.body, 'results', 0, 'campaign', 'id'));
    const budgetName = String(at(campaigns.body, 'results', 0, 'campaignBudget', 'resourceName'));
    const amount = Number(at(campaigns.body, 'results', 0, 'campaignBudget', 'amountMicros'));
    const spendOn = async (day: string): Promise<number> => {
      const r = await search(directId, `SELECT metrics.cost_micros FROM campaign WHERE campaign.id = ${campaignId} AND segments.date = '${day}'`);
      return Number(at(r.body, 'results', 0, 'metrics', 'costMicros') ?? 0);
    };
    const update = await postJson(`${g}/v21/customers/${directId}/campaignBudgets:mutate`, {
      operations: [{ update: { resourceName: budgetName, amount_micros: String(amount * 3) }, updateMask: 'amount_micros' }],
    }, auth());
    expect(update.status).toBe(200);
    await postJson(`${sandbox.urls.control}/control/clock/advance`, { days: 3 });
    const fresh = await googleTokens(g, [managerId, directId]);
    token = fresh.access_token;
    expect(await spendOn('2026-06-16')).toBeGreaterThan(2 * (await spendOn('2026-06-10')));
  });

  it('answers an injected account fault in Google\'s error format with a retry hint', async () => {
    await postJson(`${sandbox.urls.control}/control/faults`, { platform: 'google', accountId: directId, kind: 'rate_limit', count: 1, retryAfterSeconds: 17 });
    const limited = await search(directId, 'SELECT campaign.id FROM campaign');
    expect(limited.status).toBe(429);
    expect(at(limited.body, 'error', 'details', 0, 'errors', 0, 'details', 'quotaErrorDetails', 'retryDelay')).toBe('17s');
    expect((await search(directId, 'SELECT campaign.id FROM campaign')).status).toBe(200);
  });
});
