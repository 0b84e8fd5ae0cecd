import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../control/start-sandbox.ts';
import { at, googleTokens, postJson, TEST_START } from '../../testing/sandbox-test.helpers.ts';

let sandbox: RunningSandbox;
let g: string;
let customerId: string;
let adGroupId: string;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, clock: TEST_START });
  g = sandbox.urls.googleAds;
  const world = sandbox.simulator.world().platforms.google;
  customerId = [...world.accounts.values()].find((a) => !a.isManager && a.managerId === null)?.id ?? '';
  adGroupId = [...world.adGroups.values()].find((group) => group.accountId === customerId)?.id ?? '';
  token = (await googleTokens(g, [customerId])).access_token;
});
afterAll(async () => sandbox.close());

const mutate = (operations: unknown[]) => postJson(`${g}/v21/customers/${customerId}/adGroupCriteria:mutate`, { operations }, { authorization: `Bearer ${token}` });
const adGroup = () => `customers/${customerId}/adGroups/${adGroupId}`;

describe('Google Ads sandbox: keyword criteria', () => {
  it('stores keywords with their match type, one criterion per text and match type', async () => {
    const res = await mutate([
      { create: { adGroup: adGroup(), status: 'ENABLED', keyword: { text: 'trail shoes', matchType: 'EXACT' } } },
      { create: { adGroup: adGroup(), status: 'ENABLED', keyword: { text: 'trail shoes', matchType: 'PHRASE' } } },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const names = [0, 1].map((i) => String(at(res.body, 'results', i, 'resourceName')));
    expect(names[0]).toMatch(new RegExp(`adGroupCriteria/${adGroupId}~\\d+$`));
    expect(names[0]).not.toBe(names[1]);
    const stored = sandbox.simulator.world().platforms.google.adGroups.get(adGroupId)!.attrs.criteria as Record<string, { type: string; keyword?: unknown }>;
    expect(Object.values(stored).filter((c) => c.type === 'KEYWORD').map((c) => c.keyword)).toEqual(expect.arrayContaining([{ text: 'trail shoes', matchType: 'EXACT' }, { text: 'trail shoes', matchType: 'PHRASE' }]));
  });

  it('refuses what Google refuses, with the criterion error and the field path', async () => {
    const cases: Array<[keyword: unknown, code: string]> = [
      [{ text: 'x'.repeat(81), matchType: 'BROAD' }, 'KEYWORD_TEXT_TOO_LONG'],
      [{ text: 'one two three four five six seven eight nine ten eleven', matchType: 'BROAD' }, 'KEYWORD_HAS_TOO_MANY_WORDS'],
      [{ text: 'cheap shoes!', matchType: 'BROAD' }, 'KEYWORD_HAS_INVALID_CHARS'],
    ];
    for (const [keyword, code] of cases) {
      const res = await mutate([{ create: { adGroup: adGroup(), keyword } }]);
      expect(res.status).toBe(400);
      const error = at(res.body, 'error', 'details', 0, 'errors', 0);
      expect(at(error, 'errorCode', 'criterionError')).toBe(code);
      expect(at(error, 'location', 'fieldPathElements', 2, 'fieldName')).toBe('keyword');
    }
    const fuzzy = await mutate([{ create: { adGroup: adGroup(), keyword: { text: 'shoes', matchType: 'FUZZY' } } }]);
    expect(fuzzy.status).toBe(400);
  });
});
