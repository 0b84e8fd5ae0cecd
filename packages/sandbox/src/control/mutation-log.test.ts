import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../sandbox-options.ts';
import type { Campaign, PlatformId } from '../simulator/world.types.ts';
import { at, googleTokens, postJson, REDIRECT, submitConsent, TEST_START, tiktokToken } from '../testing/sandbox-test.helpers.ts';
import { createSimClock } from '../simulator/sim-clock.ts';
import { startSandbox, type RunningSandbox } from './start-sandbox.ts';

/**
 * The change log (`GET /control/mutations`) of each platform's campaign edits: every changed field once,
 * old → new in Adloop's words and micros, and nothing for a request that changes nothing.
 */
let sandbox: RunningSandbox;
afterAll(async () => sandbox.close());
beforeAll(async () => {
  // A running clock, as `npm start` and the product's tests have: each reading 1 ms later than the last.
  let wall = TEST_START;
  sandbox = await startSandbox({ seed: 11, clock: createSimClock({ wallClock: () => (wall += 1) }) });
});

interface Logged { seq: number; account: string; level: string; id: string; field: string; old: unknown; new: unknown }

async function logOf(platform: PlatformId, since: number): Promise<Array<Pick<Logged, 'id' | 'field' | 'old' | 'new'>>> {
  const body: unknown = await (await fetch(`${sandbox.urls.control}/control/mutations?platform=${platform}&since=${since}`)).json();
  return (at(body, 'mutations') as Logged[]).map(({ id, field, old, new: next }) => ({ id, field, old, new: next }));
}
const lastSeq = async (): Promise<number> => {
  const body: unknown = await (await fetch(`${sandbox.urls.control}/control/mutations`)).json();
  return (at(body, 'mutations') as Logged[]).reduce((max, m) => Math.max(max, m.seq), 0);
};

function usdAccount(platform: PlatformId): string {
  return [...sandbox.simulator.world().platforms[platform].accounts.values()].find((a) => a.currency === 'USD' && !a.isManager)?.id ?? '';
}
/** An active campaign of the account with a daily budget the log reports, and that budget in micros. */
function campaignWithBudget(platform: PlatformId, accountId: string, budgetOf: (c: Campaign) => number | null): { campaign: Campaign; micros: number } {
  for (const c of sandbox.simulator.world().platforms[platform].campaigns.values()) {
    const micros = c.accountId === accountId && c.status.points.at(-1)?.value === 'ENABLED' ? budgetOf(c) : null;
    if (micros) return { campaign: c, micros };
  }
  throw new Error(`no ${platform} campaign with a daily budget`);
}
const sharedBudgetMicros = (platform: PlatformId) => (c: Campaign): number | null => {
  const world = sandbox.simulator.world().platforms[platform];
  const budget = c.budgetId ? world.budgets.get(c.budgetId) : undefined;
  const users = [...world.campaigns.values()].filter((o) => o.budgetId === c.budgetId).length;
  return budget && users === 1 ? budget.amountMicros.points.at(-1)?.value ?? null : null;
};

describe('change log of campaign edits', () => {
  it('Meta: POST /{id} with budget, status and name logs each field once; the same values again log nothing', async () => {
    const accountId = usdAccount('meta');
    const s = DEFAULT_SETTINGS.meta;
    const back = await submitConsent(`${sandbox.urls.meta}/v25.0/dialog/oauth`, { client_id: s.appId, redirect_uri: REDIRECT, state: 's' }, [accountId], 'allow');
    const exchange = await fetch(`${sandbox.urls.meta}/v25.0/oauth/access_token?client_id=${s.appId}&client_secret=${s.appSecret}&redirect_uri=${encodeURIComponent(REDIRECT)}&code=${back.searchParams.get('code') ?? ''}`);
    const token = String(at(await exchange.json(), 'access_token'));
    const { campaign, micros } = campaignWithBudget('meta', accountId, (c) => (c.attrs.lifetime_budget === undefined ? sharedBudgetMicros('meta')(c) : null));
    const post = async (params: Record<string, string>) => {
      const res = await fetch(`${sandbox.urls.meta}/v25.0/${campaign.id}`, { method: 'POST', body: new URLSearchParams({ ...params, access_token: token }) });
      expect(res.status).toBe(200);
    };
    const since = await lastSeq();
    await post({ daily_budget: String(micros / 10_000 + 123) });
    await post({ status: 'PAUSED', name: 'Renamed by the log test' });
    const changed = await lastSeq();
    await post({ daily_budget: String(micros / 10_000 + 123), status: 'PAUSED', name: 'Renamed by the log test' });
    expect(await logOf('meta', since)).toEqual([
      { id: campaign.id, field: 'daily_budget', old: micros, new: micros + 1_230_000 },
      { id: campaign.id, field: 'name', old: expect.any(String), new: 'Renamed by the log test' },
      { id: campaign.id, field: 'status', old: 'active', new: 'paused' },
    ]);
    expect(await logOf('meta', changed)).toEqual([]);
  });

  it('Google Ads: campaignBudgets:mutate and campaigns:mutate log the budget, status and name once; a no-op logs nothing', async () => {
    const accountId = usdAccount('google');
    const { access_token: token } = await googleTokens(sandbox.urls.googleAds, [accountId]);
    const auth = { authorization: `Bearer ${token}` };
    const { campaign, micros } = campaignWithBudget('google', accountId, sharedBudgetMicros('google'));
    const customer = `${sandbox.urls.googleAds}/v21/customers/${accountId}`;
    const budget = () => postJson(`${customer}/campaignBudgets:mutate`, {
      operations: [{ update: { resourceName: `customers/${accountId}/campaignBudgets/${campaign.budgetId ?? ''}`, amountMicros: String(micros + 2_000_000) }, updateMask: 'amount_micros' }],
    }, auth);
    const edit = () => postJson(`${customer}/campaigns:mutate`, {
      operations: [{ update: { resourceName: `customers/${accountId}/campaigns/${campaign.id}`, status: 'PAUSED', name: 'Renamed by the log test' }, updateMask: 'status,name' }],
    }, auth);
    const since = await lastSeq();
    expect((await budget()).status).toBe(200);
    expect((await edit()).status).toBe(200);
    const changed = await lastSeq();
    expect((await budget()).status).toBe(200);
    expect((await edit()).status).toBe(200);
    expect(await logOf('google', since)).toEqual([
      { id: campaign.id, field: 'daily_budget', old: micros, new: micros + 2_000_000 },
      { id: campaign.id, field: 'name', old: expect.any(String), new: 'Renamed by the log test' },
      { id: campaign.id, field: 'status', old: 'active', new: 'paused' },
    ]);
    expect(await logOf('google', changed)).toEqual([]);
  });

  it('TikTok: campaign/update/ and campaign/status/update/ log the budget, status and name once; a no-op logs nothing', async () => {
    const accountId = usdAccount('tiktok');
    const { access_token: token } = await tiktokToken(sandbox.urls.tiktok, [accountId]);
    const { campaign, micros } = campaignWithBudget('tiktok', accountId, (c) => (c.attrs.budget_mode === 'BUDGET_MODE_DAY' ? sharedBudgetMicros('tiktok')(c) : null));
    const api = (path: string, body: Record<string, unknown>) => postJson(`${sandbox.urls.tiktok}/open_api/v1.3/${path}`, { advertiser_id: accountId, ...body }, { 'Access-Token': token });
    const edit = () => api('campaign/update/', { campaign_id: campaign.id, budget: micros / 1e6 + 5, campaign_name: 'Renamed by the log test' });
    const pause = () => api('campaign/status/update/', { campaign_ids: [campaign.id], operation_status: 'DISABLE' });
    const since = await lastSeq();
    expect(at((await edit()).body, 'code')).toBe(0);
    expect(at((await pause()).body, 'code')).toBe(0);
    const changed = await lastSeq();
    expect(at((await edit()).body, 'code')).toBe(0);
    expect(at((await pause()).body, 'code')).toBe(0);
    expect(await logOf('tiktok', since)).toEqual([
      { id: campaign.id, field: 'name', old: expect.any(String), new: 'Renamed by the log test' },
      { id: campaign.id, field: 'daily_budget', old: micros, new: micros + 5_000_000 },
      { id: campaign.id, field: 'status', old: 'active', new: 'paused' },
    ]);
    expect(await logOf('tiktok', changed)).toEqual([]);
  });
});
