import sdk from 'facebook-nodejs-business-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../control/start-sandbox.ts';
import { DEFAULT_SETTINGS } from '../../sandbox-options.ts';
import { at, REDIRECT, submitConsent, TEST_START } from '../../testing/sandbox-test.helpers.ts';

/**
 * Meta's official Node SDK, unchanged, against the Meta sandbox. The SDK builds every URL from the
 * static getter `FacebookAdsApi.GRAPH` ('https://graph.facebook.com', no setting or constructor
 * option exists); this test redefines that one getter to the sandbox URL. Cursor paging then
 * follows the sandbox's full-URL `paging.next` links as it would Graph's.
 */
const { FacebookAdsApi, AdAccount } = sdk;
let sandbox: RunningSandbox;
let accountId: string;
let originalGraph: PropertyDescriptor | undefined;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, clock: TEST_START });
  const m = sandbox.urls.meta;
  const s = DEFAULT_SETTINGS.meta;
  accountId = [...sandbox.simulator.world().platforms.meta.accounts.values()].find((a) => a.currency === 'USD' && !a.isManager)?.id ?? '';
  const back = await submitConsent(`${m}/v25.0/dialog/oauth`, { client_id: s.appId, redirect_uri: REDIRECT, state: 's' }, [accountId], 'allow');
  const exchange = await fetch(`${m}/v25.0/oauth/access_token?client_id=${s.appId}&client_secret=${s.appSecret}&redirect_uri=${encodeURIComponent(REDIRECT)}&code=${back.searchParams.get('code') ?? ''}`);
  originalGraph = Object.getOwnPropertyDescriptor(FacebookAdsApi, 'GRAPH');
  Object.defineProperty(FacebookAdsApi, 'GRAPH', { get: () => m, configurable: true });
  FacebookAdsApi.init(String(at(await exchange.json(), 'access_token')), 'en_US', false);
});
afterAll(async () => {
  if (originalGraph) Object.defineProperty(FacebookAdsApi, 'GRAPH', originalGraph);
  await sandbox.close();
});

describe('Meta sandbox driven by facebook-nodejs-business-sdk', () => {
  it('lists an ad account\'s campaigns through the SDK cursor, page by page', async () => {
    expect(FacebookAdsApi.VERSION).toMatch(/^v\d+\.0$/);
    let page = await new AdAccount(`act_${accountId}`).getCampaigns(['id', 'name', 'status', 'daily_budget'], { limit: 2 });
    const names: string[] = page.map((c) => String(c._data.name));
    while (page.hasNext()) {
      page = await page.next();
      names.push(...page.map((c) => String(c._data.name)));
    }
    expect(names).toHaveLength(3);
    expect(page[0]?._data.status).toBe('ACTIVE');
    expect(page[0]?._data.daily_budget).toMatch(/^\d+$/);
  });

  it('reads daily campaign insights with string metrics and actions', async () => {
    const rows = await new AdAccount(`act_${accountId}`).getInsights(['campaign_id', 'impressions', 'spend', 'actions'], {
      level: 'campaign', time_range: { since: '2026-06-01', until: '2026-06-07' }, time_increment: 1, limit: 100,
    });
    expect(rows).toHaveLength(21);
    const first = rows[0]?._data ?? {};
    expect(first.date_start).toBe('2026-06-01');
    expect(typeof first.spend).toBe('string');
    expect(at(first.actions, 0, 'action_type')).toBe('link_click');
  });
});
