import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../control/start-sandbox.ts';
import { at, googleTokens, TEST_START } from '../testing/sandbox-test.helpers.ts';

/**
 * The Google Ads sandbox driven in the exact REST shapes of the Google Ads API reference
 * (SearchGoogleAdsRequest, SearchGoogleAdsStreamRequest, Mutate*Request, google.rpc.Status):
 * every call Adloop's adapter makes, and the common ones an integrator makes.
 */
let sandbox: RunningSandbox;
let base: string;
let managerId: string;
let clientId: string;
let directId: string;
let token: string;

interface Answer { status: number; body: unknown }

async function call(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}/v21/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'developer-token': 'fidelity-dev-token', 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

const search = (cid: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => call('POST', `customers/${cid}/googleAds:search`, body, headers);
const stream = (cid: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => call('POST', `customers/${cid}/googleAds:searchStream`, body, headers);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const rowsOf = (batches: unknown): unknown[] => list(batches).flatMap((b) => list(at(b, 'results')));

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, clock: TEST_START });
  base = sandbox.urls.googleAds;
  const accounts = [...sandbox.simulator.world().platforms.google.accounts.values()];
  managerId = accounts.find((a) => a.isManager)?.id ?? '';
  clientId = accounts.find((a) => a.managerId === managerId)?.id ?? '';
  directId = accounts.find((a) => !a.isManager && a.managerId === null)?.id ?? '';
  token = (await googleTokens(base, [managerId, directId])).access_token;
});
afterAll(async () => sandbox.close());

describe('Google Ads REST: accounts (the adapter\'s listAccounts)', () => {
  it('lists accessible customers, reads each with searchStream, and walks a manager\'s clients with login-customer-id', async () => {
    const accessible = await call('GET', 'customers:listAccessibleCustomers');
    expect(at(accessible.body, 'resourceNames')).toEqual([`customers/${managerId}`, `customers/${directId}`]);
    const self = await stream(directId, { query: 'SELECT customer.id, customer.descriptive_name, customer.currency_code, customer.time_zone, customer.manager, customer.status FROM customer' });
    expect(rowsOf(self.body)).toHaveLength(1);
    expect(at(rowsOf(self.body)[0], 'customer', 'id')).toBe(directId);
    const clients = await stream(managerId, {
      query: 'SELECT customer_client.id, customer_client.descriptive_name, customer_client.currency_code, customer_client.time_zone, customer_client.manager, customer_client.status, customer_client.level FROM customer_client WHERE customer_client.level = 1',
    });
    expect(rowsOf(clients.body).map((r) => at(r, 'customerClient', 'id'))).toContain(clientId);
    const asManager = await search(clientId, { query: 'SELECT campaign.id FROM campaign' }, { 'login-customer-id': managerId });
    expect(asManager.status).toBe(200);
  });
});

describe('Google Ads REST: googleAds:search', () => {
  it('counts every matching row with searchSettings.returnTotalResultsCount, ignoring LIMIT', async () => {
    const limited = await search(directId, { query: 'SELECT campaign.id, campaign.name FROM campaign ORDER BY campaign.id LIMIT 1', searchSettings: { returnTotalResultsCount: true } });
    expect(list(at(limited.body, 'results'))).toHaveLength(1);
    expect(at(limited.body, 'totalResultsCount')).toBe('3');
    const snake = await search(directId, { query: 'SELECT campaign.id FROM campaign LIMIT 2', search_settings: { return_total_results_count: true } });
    expect(at(snake.body, 'totalResultsCount')).toBe('3');
    const notAsked = await search(directId, { query: 'SELECT campaign.id FROM campaign' });
    expect(at(notAsked.body, 'totalResultsCount')).toBeUndefined();
  });

  it('omits results when searchSettings.omitResults is set, and still counts them', async () => {
    const counted = await search(directId, { query: 'SELECT campaign.id FROM campaign', searchSettings: { omitResults: true, returnTotalResultsCount: true } });
    expect(counted.body).not.toHaveProperty('results');
    expect(at(counted.body, 'totalResultsCount')).toBe('3');
  });

  it('leaves out the empty results list, as proto3 JSON does', async () => {
    const none = await search(directId, { query: 'SELECT campaign.id FROM campaign WHERE campaign.id = 1' });
    expect(none.status).toBe(200);
    expect(none.body).not.toHaveProperty('results');
    expect(at(none.body, 'fieldMask')).toBe('campaign.id');
    expect(none.body).not.toHaveProperty('nextPageToken');
  });

  it('reads the structure the adapter syncs: campaigns with budgets, ad groups, ads', async () => {
    const campaigns = await search(directId, {
      query: "SELECT campaign.id, campaign.name, campaign.status, campaign.advertising_channel_type, campaign.campaign_budget, campaign_budget.amount_micros, campaign_budget.period FROM campaign WHERE campaign.status != 'REMOVED'",
    });
    const first = list(at(campaigns.body, 'results'))[0];
    expect(at(first, 'campaign', 'advertisingChannelType')).toBe('SEARCH');
    expect(at(first, 'campaignBudget', 'amountMicros')).toMatch(/^\d+$/);
    expect(at(first, 'campaignBudget', 'period')).toBe('DAILY');
    const adGroups = await search(directId, { query: "SELECT ad_group.id, ad_group.name, ad_group.status, ad_group.campaign FROM ad_group WHERE ad_group.status != 'REMOVED'" });
    expect(at(list(at(adGroups.body, 'results'))[0], 'adGroup', 'campaign')).toMatch(new RegExp(`^customers/${directId}/campaigns/\\d+$`));
    const ads = await search(directId, { query: "SELECT ad_group_ad.ad.id, ad_group_ad.ad.name, ad_group_ad.status, ad_group_ad.ad_group, ad_group.campaign FROM ad_group_ad WHERE ad_group_ad.status != 'REMOVED'" });
    expect(at(list(at(ads.body, 'results'))[0], 'adGroupAd', 'ad', 'id')).toMatch(/^\d+$/);
  });

  it('takes page_token in snake_case too', async () => {
    const query = "SELECT ad_group_ad.ad.id, segments.date, segments.hour, metrics.impressions FROM ad_group_ad WHERE segments.date BETWEEN '2026-05-01' AND '2026-06-10'";
    const first = await search(directId, { query });
    const token1 = at(first.body, 'nextPageToken');
    expect(typeof token1).toBe('string');
    const second = await search(directId, { query, page_token: token1 });
    expect(at(list(at(second.body, 'results'))[0], 'segments')).not.toEqual(at(list(at(first.body, 'results'))[0], 'segments'));
  });
});

describe('Google Ads REST: googleAds:searchStream (the adapter\'s metrics pull)', () => {
  it('answers daily and hourly campaign, ad group and ad metrics as batches with int64 strings', async () => {
    const day = await stream(directId, {
      query: "SELECT ad_group.id, campaign.id, segments.date, metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions, metrics.conversions_value FROM ad_group WHERE segments.date BETWEEN '2026-06-01' AND '2026-06-07'",
    });
    const row = rowsOf(day.body)[0];
    expect(typeof at(row, 'metrics', 'costMicros')).toBe('string');
    expect(typeof at(row, 'metrics', 'conversionsValue')).toBe('number');
    expect(at(list(day.body).at(-1), 'queryResourceConsumption')).toMatch(/^\d+$/);
    const hour = await stream(directId, {
      query: "SELECT ad_group_ad.ad.id, campaign.id, segments.date, segments.hour, metrics.impressions FROM ad_group_ad WHERE segments.date BETWEEN '2026-06-01' AND '2026-06-01'",
    });
    expect(new Set(rowsOf(hour.body).map((r) => at(r, 'segments', 'hour'))).size).toBeGreaterThan(12);
  });

  it('adds a summary row of the metrics totals: on search\'s last page, and as searchStream\'s own last batch', async () => {
    const query = "SELECT campaign.id, segments.date, metrics.clicks, metrics.impressions, metrics.ctr FROM campaign WHERE segments.date BETWEEN '2026-06-01' AND '2026-06-07'";
    const paged = await search(directId, { query, searchSettings: { returnSummaryRow: true } });
    const rows = list(at(paged.body, 'results'));
    const clicks = rows.reduce((s: number, r) => s + Number(at(r, 'metrics', 'clicks')), 0);
    const impressions = rows.reduce((s: number, r) => s + Number(at(r, 'metrics', 'impressions')), 0);
    expect(at(paged.body, 'summaryRow', 'metrics', 'clicks')).toBe(String(clicks));
    expect(at(paged.body, 'summaryRow', 'metrics', 'ctr')).toBeCloseTo(clicks / impressions, 10);
    expect(at(paged.body, 'summaryRow', 'segments')).toBeUndefined();
    const withRows = await stream(directId, { query, summaryRowSetting: 'SUMMARY_ROW_WITH_RESULTS' });
    expect(rowsOf(withRows.body)).toHaveLength(rows.length);
    expect(at(list(withRows.body).at(-1), 'summaryRow', 'metrics', 'clicks')).toBe(String(clicks));
    const only = await stream(directId, { query, summary_row_setting: 'SUMMARY_ROW_ONLY' });
    expect(list(only.body)).toHaveLength(1);
    expect(rowsOf(only.body)).toHaveLength(0);
    expect(at(only.body, 0, 'summaryRow', 'metrics', 'impressions')).toBe(String(impressions));
    const wrong = await stream(directId, { query, summaryRowSetting: 'SOMETIMES' });
    expect(wrong.status).toBe(400);
    expect(at(wrong.body, 0, 'error', 'status')).toBe('INVALID_ARGUMENT');
  });

  it('answers an empty result as one batch without a results list', async () => {
    const none = await stream(directId, { query: 'SELECT campaign.id FROM campaign WHERE campaign.id = 1' });
    expect(none.status).toBe(200);
    expect(list(none.body)).toHaveLength(1);
    expect(list(none.body)[0]).not.toHaveProperty('results');
  });

  it('answers a bad query with a JSON array of errors, as a streaming method does', async () => {
    const bad = await stream(directId, { query: 'SELECT campaign.nonsense FROM campaign' });
    expect(bad.status).toBe(400);
    expect(Array.isArray(bad.body)).toBe(true);
    expect(at(bad.body, 0, 'error', 'status')).toBe('INVALID_ARGUMENT');
    expect(at(bad.body, 0, 'error', 'details', 0, 'errors', 0, 'errorCode', 'queryError')).toBe('UNRECOGNIZED_FIELD');
  });

  it('answers a refused customer in the array form as well', async () => {
    const denied = await stream(clientId, { query: 'SELECT campaign.id FROM campaign' });
    expect(denied.status).toBe(403);
    expect(at(denied.body, 0, 'error', 'details', 0, 'errors', 0, 'errorCode', 'authorizationError')).toBe('USER_PERMISSION_DENIED');
  });
});

describe('Google Ads REST: request payloads', () => {
  const unknownName = (body: unknown): unknown => at(body, 'error', 'message');

  it('refuses unknown request fields with "Invalid JSON payload received. Unknown name"', async () => {
    const top = await search(directId, { query: 'SELECT campaign.id FROM campaign', returnTotalResultsCount: true });
    expect(top.status).toBe(400);
    expect(unknownName(top.body)).toBe('Invalid JSON payload received. Unknown name "returnTotalResultsCount": Cannot find field.');
    expect(at(top.body, 'error', 'details', 0, '@type')).toBe('type.googleapis.com/google.rpc.BadRequest');
    const nested = await search(directId, { query: 'SELECT campaign.id FROM campaign', searchSettings: { countRows: true } });
    expect(unknownName(nested.body)).toBe('Invalid JSON payload received. Unknown name "countRows" at \'search_settings\': Cannot find field.');
    const streamed = await stream(directId, { query: 'SELECT campaign.id FROM campaign', pageToken: 'x' });
    expect(unknownName(at(streamed.body, 0))).toBe('Invalid JSON payload received. Unknown name "pageToken": Cannot find field.');
    const mutate = await call('POST', `customers/${directId}/campaigns:mutate`, { operations: [{ update: { resourceName: `customers/${directId}/campaigns/1`, status: 'PAUSED' }, mask: 'status' }] });
    expect(unknownName(mutate.body)).toBe('Invalid JSON payload received. Unknown name "mask" at \'operations[0]\': Cannot find field.');
  });

  it('refuses a wrongly typed value and malformed JSON', async () => {
    const typed = await search(directId, { query: 'SELECT campaign.id FROM campaign', validateOnly: 'yes' });
    expect(typed.status).toBe(400);
    expect(unknownName(typed.body)).toBe('Invalid value at \'validate_only\' (TYPE_BOOL), "yes"');
    const malformed = await call('POST', `customers/${directId}/googleAds:search`, '{"query": ');
    expect(malformed.status).toBe(400);
    expect(String(unknownName(malformed.body))).toMatch(/^Invalid JSON payload received\./);
  });
});

describe('Google Ads REST: mutates (the adapter\'s status, budget and create calls)', () => {
  const firstCampaign = async (): Promise<{ name: string; budget: string; amount: number }> => {
    const r = await search(directId, { query: "SELECT campaign.resource_name, campaign_budget.resource_name, campaign_budget.amount_micros FROM campaign WHERE campaign.status = 'ENABLED' ORDER BY campaign.id LIMIT 1" });
    const row = list(at(r.body, 'results'))[0];
    return { name: String(at(row, 'campaign', 'resourceName')), budget: String(at(row, 'campaignBudget', 'resourceName')), amount: Number(at(row, 'campaignBudget', 'amountMicros')) };
  };

  it('pauses a campaign with updateMask and answers the mutable resource when asked', async () => {
    const { name } = await firstCampaign();
    const paused = await call('POST', `customers/${directId}/campaigns:mutate`, {
      operations: [{ update: { resourceName: name, status: 'PAUSED' }, updateMask: 'status' }], responseContentType: 'MUTABLE_RESOURCE',
    });
    expect(paused.status).toBe(200);
    expect(at(paused.body, 'results', 0, 'resourceName')).toBe(name);
    expect(at(paused.body, 'results', 0, 'campaign', 'status')).toBe('PAUSED');
    const back = await call('POST', `customers/${directId}/campaigns:mutate`, { operations: [{ update: { resourceName: name, status: 'ENABLED' }, update_mask: 'status' }] });
    expect(back.status).toBe(200);
  });

  it('changes a budget amount with a camelCase mask, and validates without changing under validateOnly', async () => {
    const { budget, amount } = await firstCampaign();
    const dry = await call('POST', `customers/${directId}/campaignBudgets:mutate`, { operations: [{ update: { resourceName: budget, amountMicros: String(amount * 2) }, updateMask: 'amountMicros' }], validateOnly: true });
    expect(dry.status).toBe(200);
    expect((await firstCampaign()).amount).toBe(amount);
    const wet = await call('POST', `customers/${directId}/campaignBudgets:mutate`, { operations: [{ update: { resourceName: budget, amountMicros: String(amount * 2) }, updateMask: 'amountMicros' }] });
    expect(wet.status).toBe(200);
    expect((await firstCampaign()).amount).toBe(amount * 2);
  });

  it('creates budget, campaign, criteria, ad group and ad in one googleAds:mutate with temporary ids', async () => {
    const rn = (collection: string, id: string): string => `customers/${directId}/${collection}/${id}`;
    const created = await call('POST', `customers/${directId}/googleAds:mutate`, {
      mutateOperations: [
        { campaignBudgetOperation: { create: { resourceName: rn('campaignBudgets', '-1'), name: 'Fidelity budget', amountMicros: '40000000', deliveryMethod: 'STANDARD', period: 'DAILY', explicitlyShared: false } } },
        { campaignOperation: { create: {
          resourceName: rn('campaigns', '-2'), name: 'Fidelity search', status: 'PAUSED', advertisingChannelType: 'SEARCH', campaignBudget: rn('campaignBudgets', '-1'), targetSpend: {},
          networkSettings: { targetGoogleSearch: true, targetSearchNetwork: true, targetContentNetwork: false, targetPartnerSearchNetwork: false },
          geoTargetTypeSetting: { positiveGeoTargetType: 'PRESENCE' }, containsEuPoliticalAdvertising: 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING',
        } } },
        { campaignCriterionOperation: { create: { campaign: rn('campaigns', '-2'), location: { geoTargetConstant: 'geoTargetConstants/2840' } } } },
        { adGroupOperation: { create: { resourceName: rn('adGroups', '-3'), name: 'Fidelity group', campaign: rn('campaigns', '-2'), status: 'ENABLED', type: 'SEARCH_STANDARD' } } },
        { adGroupCriterionOperation: { create: { adGroup: rn('adGroups', '-3'), negative: true, ageRange: { type: 'AGE_RANGE_18_24' } } } },
        { adGroupAdOperation: { create: { adGroup: rn('adGroups', '-3'), status: 'ENABLED', ad: { finalUrls: ['https://example.com'], responsiveSearchAd: {
          headlines: [{ text: 'Fresh coffee' }, { text: 'Roasted today' }, { text: 'Free delivery' }], descriptions: [{ text: 'Order beans online.' }, { text: 'Delivered in two days.' }],
        } } } } },
      ],
    });
    expect(created.status).toBe(200);
    const responses = list(at(created.body, 'mutateOperationResponses'));
    expect(responses).toHaveLength(6);
    expect(at(responses[1], 'campaignResult', 'resourceName')).toMatch(new RegExp(`^customers/${directId}/campaigns/\\d+$`));
    expect(at(responses[5], 'adGroupAdResult', 'resourceName')).toMatch(new RegExp(`^customers/${directId}/adGroupAds/\\d+~\\d+$`));
  });

  it('requires updateMask on updates and refuses it on creates and removes (FieldMaskError)', async () => {
    const { name } = await firstCampaign();
    const unmasked = await call('POST', `customers/${directId}/campaigns:mutate`, { operations: [{ update: { resourceName: name, status: 'PAUSED' } }] });
    expect(unmasked.status).toBe(400);
    expect(at(unmasked.body, 'error', 'details', 0, 'errors', 0, 'errorCode', 'fieldMaskError')).toBe('FIELD_MASK_MISSING');
    const masked = await call('POST', `customers/${directId}/campaignBudgets:mutate`, { operations: [{ create: { name: 'Masked', amountMicros: '20000000' }, updateMask: 'name' }] });
    expect(at(masked.body, 'error', 'details', 0, 'errors', 0, 'errorCode', 'fieldMaskError')).toBe('FIELD_MASK_NOT_ALLOWED');
    expect(at(masked.body, 'error', 'details', 0, 'errors', 0, 'location', 'fieldPathElements')).toEqual([{ fieldName: 'operations', index: 0 }, { fieldName: 'update_mask' }]);
    expect((await firstCampaign()).name).toBe(name);
  });

  it('answers an invalid operation with a GoogleAdsFailure whose location names the operation and field', async () => {
    const bad = await call('POST', `customers/${directId}/campaignBudgets:mutate`, { operations: [{ create: { name: 'Too small', amountMicros: '10' } }] });
    expect(bad.status).toBe(400);
    expect(at(bad.body, 'error', 'status')).toBe('INVALID_ARGUMENT');
    expect(at(bad.body, 'error', 'details', 0, 'errors', 0, 'errorCode', 'campaignBudgetError')).toBe('BUDGET_BELOW_PER_DAY_MINIMUM');
    expect(at(bad.body, 'error', 'details', 0, 'errors', 0, 'location', 'fieldPathElements', 0)).toEqual({ fieldName: 'operations', index: 0 });
  });
});
