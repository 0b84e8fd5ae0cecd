import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignRow, Connection } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { currentValue } from '../../packages/sandbox/src/simulator/timeline.ts';
import { connectThroughConsent, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';

/**
 * Malformed input on the campaign operations with ids that exist, so the walk reaches past the
 * "not found" answers into body and query checks: every refusal is a 4xx in the one error shape
 * naming the field, and nothing is sent to the platform.
 */

const LONG = 'x'.repeat(20_000);
const NUL = 'a\u0000b';

function expectRefusal(res: { status: number; body: unknown }, what: string, field?: string): void {
  expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
  expect(res.body, what).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  if (field) {
    const error = (res.body as { error: { message: string; details?: { issues?: Array<{ field?: string }> } } }).error;
    const named = [error.message, ...(error.details?.issues ?? []).map((i) => i.field ?? '')].join(' ');
    expect(named, `${what} names ${field}`).toContain(field);
  }
}

describe('malformed input on campaign operations with real ids', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  let accountId: string;
  let campaign: CampaignRow;
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  /** What the platform holds that an edit would move: the campaign's revision. */
  const platformState = () => ({ revision: server.sandbox!.simulator.world().platforms.tiktok.campaigns.get(campaign.platformId)!.revision });
  /** Campaigns on the platform that are not deleted (a creation refused half-way deletes what it made). */
  const liveOnPlatform = () => [...server.sandbox!.simulator.world().platforms.tiktok.campaigns.values()].filter((c) => currentValue(c.status) !== 'REMOVED').length;

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Malformed Campaigns Co' });
    orgId = owner.orgId!;
    const grant = sandboxAccounts(server, 'tiktok').filter((a) => !a.isManager).slice(0, 1).map((a) => a.id);
    const connected = await connectThroughConsent(owner, orgId, 'tiktok', grant);
    const connection = (await owner.client.get<Connection>(api(`/connections/${connected.connectionId}`))).body;
    accountId = connection.accounts.find((a) => a.platformAccountId === grant[0])!.id;
    await owner.client.put(api(`/connections/${connected.connectionId}/accounts`), { accountIds: [accountId] });
    campaign = await eventually(async () => (await owner.client.get<{ items: CampaignRow[] }>(api('/campaigns?limit=5'))).body.items.find((c) => c.status === 'active' && c.dailyBudgetMicros !== null), 120_000, 'first sync');
  }, 180_000);
  afterAll(async () => server?.close());

  it('refuses malformed budget and status changes before anything reaches the platform', async () => {
    const before = platformState();
    const change = (over: Record<string, unknown>) => ({ campaignId: campaign.id, action: 'set_daily_budget', amountMicros: 50_000_000, expected: { dailyBudgetMicros: campaign.dailyBudgetMicros }, ...over });
    const cases: Array<[string, unknown, string?]> = [
      ['no amount', { idempotencyKey: 'fuzz-0001', changes: [change({ amountMicros: undefined })] }, 'amountMicros'],
      ['fractional amount', { idempotencyKey: 'fuzz-0002', changes: [change({ amountMicros: 1.5 })] }, 'amountMicros'],
      ['huge amount', { idempotencyKey: 'fuzz-0003', changes: [change({ amountMicros: 1e20 })] }, 'amountMicros'],
      ['largest amount the schema takes', { idempotencyKey: 'fuzz-0015', changes: [change({ amountMicros: 1e15 + 1 })] }, 'amountMicros'],
      ['negative amount', { idempotencyKey: 'fuzz-0004', changes: [change({ amountMicros: -5 })] }, 'amountMicros'],
      ['string amount', { idempotencyKey: 'fuzz-0005', changes: [change({ amountMicros: '50' })] }, 'amountMicros'],
      ['no expected value', { idempotencyKey: 'fuzz-0006', changes: [change({ expected: {} })] }],
      ['expected of the wrong type', { idempotencyKey: 'fuzz-0007', changes: [change({ expected: { dailyBudgetMicros: 'lots' } })] }, 'dailyBudgetMicros'],
      ['unknown action', { idempotencyKey: 'fuzz-0008', changes: [change({ action: 'delete' })] }, 'action'],
      ['unknown status', { idempotencyKey: 'fuzz-0009', changes: [{ campaignId: campaign.id, action: 'pause', expected: { status: 'sleeping' } }] }, 'status'],
      ['short key', { idempotencyKey: 'k', changes: [change({})] }, 'idempotencyKey'],
      ['key with NUL', { idempotencyKey: `fuzz-${NUL}-key`, changes: [change({})] }],
      ['no changes', { idempotencyKey: 'fuzz-0010', changes: [] }, 'changes'],
      ['too many changes', { idempotencyKey: 'fuzz-0011', changes: Array.from({ length: 101 }, () => change({})) }, 'changes'],
      ['extra property', { idempotencyKey: 'fuzz-0012', changes: [change({ force: true })] }],
      ['campaign id not a uuid', { idempotencyKey: 'fuzz-0013', changes: [change({ campaignId: campaign.platformId })] }, 'campaignId'],
    ];
    for (const [what, body, field] of cases) {
      expectRefusal(await owner.client.post(api('/campaign-changes'), body), what, field);
    }
    expectRefusal(await owner.client.request('POST', api('/campaign-changes'), '{"idempotencyKey": "fuzz-0014", "changes": ['), 'truncated JSON');
    expectRefusal(await owner.client.request('POST', api('/campaign-changes'), 'idempotencyKey=fuzz', { 'content-type': 'application/x-www-form-urlencoded' }), 'form body');
    expect(platformState()).toEqual(before);
    const list = await owner.client.get<{ items: unknown[] }>(api(`/campaign-changes?campaignId=${campaign.id}`));
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
  });

  it('refuses malformed queries on the table, the detail, the export and the change list with the field', async () => {
    const queries: Array<[string, string]> = [
      [`/campaigns?sort=password`, 'sort'],
      [`/campaigns?dir=sideways`, 'dir'],
      [`/campaigns?platform=myspace`, 'platform'],
      [`/campaigns?status=sleeping`, 'status'],
      [`/campaigns?accountId=${accountId}x`, 'accountId'],
      [`/campaigns?limit=0`, 'limit'],
      [`/campaigns?since=2026-02-30&until=2026-03-01`, 'since'],
      [`/campaigns?q=${encodeURIComponent(LONG.slice(0, 300))}`, 'q'],
      [`/campaigns/${campaign.id}?granularity=minute`, 'granularity'],
      [`/campaigns/${campaign.id}?since=1999-01-01&until=2026-01-01`, 'since'],
      [`/campaigns/export.csv?columns=name,${encodeURIComponent(LONG.slice(0, 400))}`, 'columns'],
      [`/campaign-changes?limit=1000`, 'limit'],
      [`/campaign-changes?campaignId=${campaign.platformId}`, 'campaignId'],
      [`/dashboard?since=2026-13-01&until=2026-13-02`, 'since'],
      [`/dashboard/top-movers?until=tomorrow`, 'until'],
      [`/ad-accounts/${accountId}/sync-runs?limit=-3`, 'limit'],
    ];
    for (const [path, field] of queries) {
      expectRefusal(await owner.client.get(api(path)), `GET ${path.slice(0, 80)}`, field);
    }
    // A cursor that was never handed out is refused, not decoded into SQL.
    for (const cursor of ['%%%', 'eyJ4IjoxfQ', Buffer.from(JSON.stringify({ v: "1' OR '1'='1", id: 'x' })).toString('base64url')]) {
      expectRefusal(await owner.client.get(api(`/campaigns?cursor=${encodeURIComponent(cursor)}`)), `cursor ${cursor}`, 'cursor');
    }
    // Text search is a search, never a pattern or SQL: quotes, wildcards and NULs find nothing and break nothing.
    for (const q of ["' OR 1=1 --", '%', '_', '\\', NUL]) {
      const res = await owner.client.get<{ items: CampaignRow[] }>(api(`/campaigns?q=${encodeURIComponent(q)}`));
      expect(res.status, `q=${JSON.stringify(q)}: ${JSON.stringify(res.body).slice(0, 200)}`).toBeLessThan(500);
      if (res.status === 200) expect(res.body.items.every((c) => c.name.includes(q)), `q=${JSON.stringify(q)} matches literally`).toBe(true);
    }
  });

  it('refuses a malformed new campaign with the field, and creates nothing', async () => {
    const options = (await owner.client.get<{ platforms: Array<{ platform: string; objectives: string[] }> }>(api('/campaigns/creation-options'))).body;
    const objective = options.platforms.find((p) => p.platform === 'tiktok')!.objectives[0]!;
    const assets = (await owner.client.get<{ assets: { videoId?: Array<{ id: string }> } }>(api(`/ad-accounts/${accountId}/ad-assets`))).body.assets;
    const good = {
      adAccountId: accountId,
      name: 'Fuzzed campaign',
      objective,
      budget: { kind: 'daily', amountMicros: 100_000_000 },
      adGroup: { name: 'Group', countries: ['US'] },
      ad: { name: 'Ad', headline: '', description: 'Winter boots for every trail', finalUrl: 'https://example.com/boots', assets: { videoId: assets.videoId![0]!.id } },
    };
    const count = async () => (await owner.client.get<{ items: CampaignRow[] }>(api('/campaigns?limit=200'))).body.items.length;
    const before = await count();
    const platformBefore = liveOnPlatform();
    const cases: Array<[string, unknown, string?]> = [
      ['name with NUL', { ...good, name: NUL }, 'name'],
      ['blank name', { ...good, name: '   ' }, 'name'],
      ['unknown objective', { ...good, objective: 'WORLD_DOMINATION' }, 'objective'],
      ['budget below the minimum', { ...good, budget: { kind: 'daily', amountMicros: 1 } }, 'budget'],
      ['budget of the wrong kind', { ...good, budget: { kind: 'weekly', amountMicros: 100_000_000 } }, 'kind'],
      ['impossible start date', { ...good, startDate: '2026-02-30' }, 'startDate'],
      ['end before start', { ...good, startDate: '2027-03-10', endDate: '2027-03-01' }, 'endDate'],
      ['age range reversed', { ...good, adGroup: { ...good.adGroup, ageMin: 50, ageMax: 20 } }, 'age'],
      ['country not a code', { ...good, adGroup: { ...good.adGroup, countries: ['usa'] } }, 'countries'],
      ['no countries', { ...good, adGroup: { ...good.adGroup, countries: [] } }, 'countries'],
      ['url not http', { ...good, ad: { ...good.ad, finalUrl: 'javascript:alert(1)' } }, 'finalUrl'],
      ['description too long for the platform', { ...good, ad: { ...good.ad, description: 'y'.repeat(101) } }, 'description'],
      ['video of nobody', { ...good, ad: { ...good.ad, assets: { videoId: 'v-does-not-exist' } } }, 'videoId'],
      ['account id of nobody', { ...good, adAccountId: '00000000-0000-0000-0000-000000000000' }],
    ];
    for (const [what, body, field] of cases) {
      expectRefusal(await owner.client.post(api('/campaigns'), body), what, field);
    }
    expect(await count()).toBe(before);
    expect(liveOnPlatform()).toBe(platformBefore);
  });

  it('refuses malformed undo and account selections with the field', async () => {
    const missing = await owner.client.post(api('/campaign-changes/00000000-0000-0000-0000-000000000000/undo'), { idempotencyKey: 'fuzz-undo-1' });
    expect(missing.status).toBe(404);
    expectRefusal(await owner.client.post(api('/campaign-changes/00000000-0000-0000-0000-000000000000/undo'), { idempotencyKey: 7 }), 'undo key of the wrong type', 'idempotencyKey');
    const connections = (await owner.client.get<{ connections: Connection[] }>(api('/connections'))).body.connections;
    const put = (body: unknown) => owner.client.put(api(`/connections/${connections[0]!.id}/accounts`), body);
    expectRefusal(await put({ accountIds: ['not-a-uuid'] }), 'account id not a uuid', 'accountIds');
    expectRefusal(await put({ accountIds: 'all' }), 'account ids not a list', 'accountIds');
    expectRefusal(await put({}), 'no account ids', 'accountIds');
    // The selection is untouched.
    const after = (await owner.client.get<Connection>(api(`/connections/${connections[0]!.id}`))).body;
    expect(after.accounts.filter((a) => a.selected).map((a) => a.id)).toEqual([accountId]);
  });
});

describe('text from the platform that PostgreSQL cannot hold', () => {
  let server: TestServer;
  let owner: SignedUpUser;

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Odd Names Co' });
  });
  afterAll(async () => server?.close());

  it('connects an account and syncs a campaign whose names hold U+0000, storing the names without it', async () => {
    const orgId = owner.orgId!;
    const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
    const [grant] = sandboxAccounts(server, 'tiktok').filter((a) => !a.isManager);
    const world = server.sandbox!.simulator.world().platforms.tiktok;
    const odd = [...world.campaigns.values()].find((c) => c.accountId === grant!.id)!;
    odd.name = 'Winter\u0000 sale';
    const simAccount = world.accounts.get(grant!.id)!;
    simAccount.name = `${simAccount.name}\u0000`;
    const connected = await connectThroughConsent(owner, orgId, 'tiktok', [grant!.id]);
    const connection = (await owner.client.get<Connection>(api(`/connections/${connected.connectionId}`))).body;
    const account = connection.accounts.find((a) => a.platformAccountId === grant!.id)!;
    expect(account.name).toBe(simAccount.name.replace('\u0000', ''));
    await owner.client.put(api(`/connections/${connected.connectionId}/accounts`), { accountIds: [account.id] });
    const runs = await eventually(async () => {
      const items = (await owner.client.get<{ items: Array<{ status: string; errorMessage: string | null }> }>(api(`/ad-accounts/${account.id}/sync-runs?limit=100`))).body.items;
      return items.length >= 3 && items.every((r) => r.status !== 'running') ? items : null;
    }, 120_000, 'first sync');
    expect(runs.map((r) => [r.status, r.errorMessage])).toEqual(runs.map(() => ['succeeded', null]));
    const row = (await owner.client.get<{ items: CampaignRow[] }>(api(`/campaigns?q=${encodeURIComponent('Winter sale')}`))).body.items.find((c) => c.platformId === odd.id);
    expect(row?.name).toBe('Winter sale');
  }, 180_000);
});
