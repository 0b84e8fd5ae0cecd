import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { CampaignChange, CampaignDetail, CampaignRow, Connection, Dashboard, DashboardFreshness } from '@adloop/contracts';
import { addDays } from '@adloop/engine';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { joinAs } from '../setup/org-helpers.ts';
import { connectThroughConsent, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { createSecretsRepository } from '../../apps/server/src/modules/connections/secrets.repository.ts';
import { applyChange } from '../../apps/server/src/modules/changes/index.ts';
import { dailyRates } from '../../packages/sandbox/src/control/fx.ts';
import type { PlatformId } from '@adloop/contracts';
import { GOOGLE_ADS_CAPABILITIES } from '@adloop/platforms';

const SIM = { google_ads: 'google', meta: 'meta', tiktok: 'tiktok' } as const;

describe('campaigns and dashboard', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  const accounts: Array<{ id: string; platform: PlatformId; platformAccountId: string; currency: string; connectionId: string; timeZone: string }> = [];

  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const table = async (query = '') => (await owner.client.get<{ items: CampaignRow[]; nextCursor: string | null; totals: { spendMicros: number }; currency: string }>(api(`/campaigns${query}`))).body;
  const waitChange = (id: string) =>
    eventually(async () => {
      const change = (await owner.client.get<CampaignChange>(api(`/campaign-changes/${id}`))).body;
      return change.state === 'pending' ? null : change;
    }, 30_000, 'change to settle');
  const simCampaign = (platform: PlatformId, platformId: string) => server.sandbox!.simulator.world().platforms[SIM[platform]].campaigns.get(platformId)!;
  /** The campaign's status as the platform's own API reports it now. */
  const platformStatus = async (platform: PlatformId, campaignId: string) => {
    const row = (await table(`?limit=200`)).items.find((c) => c.id === campaignId)!;
    const account = accounts.find((a) => a.id === row.adAccountId)!;
    const tokens = { accessToken: (await createSecretsRepository(server.ctx.db, server.ctx.keyring).get(orgId, account.connectionId, 'access_token'))! };
    const live = await server.ctx.platforms.registry.get(platform).campaigns.getCampaign(tokens, { platformAccountId: account.platformAccountId, currency: account.currency, timeZone: account.timeZone }, row.platformId);
    return live.status;
  };

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Campaign Co' });
    orgId = owner.orgId!;
    expect((await owner.client.patch(api(''), { reportingCurrency: 'EUR' })).status).toBe(200);
    for (const platform of ['tiktok', 'meta'] as const) {
      const grant = sandboxAccounts(server, platform).filter((a) => !a.isManager).slice(0, 2).map((a) => a.id);
      const connected = await connectThroughConsent(owner, orgId, platform, grant);
      const connection = (await owner.client.get<Connection>(api(`/connections/${connected.connectionId}`))).body;
      const picked = connection.accounts.filter((a) => grant.includes(a.platformAccountId));
      await owner.client.put(api(`/connections/${connected.connectionId}/accounts`), { accountIds: picked.map((a) => a.id) });
      for (const a of picked) accounts.push({ id: a.id, platform, platformAccountId: a.platformAccountId, currency: a.currency, connectionId: connected.connectionId!, timeZone: a.timeZone });
    }
    await eventually(async () => {
      const overview = (await owner.client.get(api('/connections'))).body as { connections: Connection[] };
      const selected = overview.connections.flatMap((c) => c.accounts.filter((a) => a.selected));
      return selected.length === accounts.length && selected.every((a) => a.health.state === 'fresh');
    }, 120_000, 'first syncs');
  }, 180_000);
  afterAll(async () => server?.close());

  it('totals equal the sandbox’s own numbers, converted to the reporting currency with the stored daily rates', async () => {
    const until = addDays(server.clock.now().toISOString().slice(0, 10), -1);
    const since = addDays(until, -6);
    const res = await owner.client.get<Dashboard>(api(`/dashboard?since=${since}&until=${until}`));
    expect(res.status).toBe(200);
    const board = res.body;
    expect(board.currency).toBe('EUR');
    expect(board.missingRates).toEqual([]);
    expect(board.attributionNote).toMatch(/over-counts/);
    const truth: Record<string, number> = {};
    for (const account of accounts) {
      const rows = server.sandbox!.simulator.engine.report({ platform: SIM[account.platform], accountId: account.platformAccountId, since, until, level: 'account', grain: 'day' });
      for (const row of rows) {
        const rates = dailyRates(server.sandbox!.simulator.seed, row.day!).rates;
        truth[account.platform] = (truth[account.platform] ?? 0) + (row.metrics.spendMicros * rates.EUR!) / rates[account.currency]!;
      }
    }
    const total = Object.values(truth).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(Math.abs(board.totals.spendMicros - total) / total).toBeLessThan(0.001);
    for (const [platform, expected] of Object.entries(truth)) {
      const got = board.byPlatform.find((p) => p.platform === platform)!.totals.spendMicros;
      expect(Math.abs(got - expected) / expected).toBeLessThan(0.001);
    }
    expect(board.series.length).toBeGreaterThanOrEqual(7);
    const fresh = await owner.client.get<DashboardFreshness>(api('/dashboard/freshness'));
    expect(fresh.status).toBe(200);
    const perPlatform = (platform: string) => accounts.filter((a) => a.platform === platform).length;
    expect(fresh.body.freshness.map((f) => [f.platform, f.state, f.accounts]).sort()).toEqual([['meta', 'fresh', perPlatform('meta')], ['tiktok', 'fresh', perPlatform('tiktok')]]);
    expect(fresh.body.freshness.every((f) => f.oldestSyncAt !== null && f.newestHourAt !== null)).toBe(true);
    expect(board.change).toHaveProperty('spendMicros');
    const movers = await owner.client.get<{ items: Array<{ spendMicros: number; previousSpendMicros: number }>; currency: string }>(api(`/dashboard/top-movers?since=${since}&until=${until}`));
    expect(movers.status).toBe(200);
    expect(movers.body.currency).toBe('EUR');
    expect(movers.body.items.length).toBeGreaterThan(0);
    expect(movers.body.items.length).toBeLessThanOrEqual(5);
    const moves = movers.body.items.map((m) => Math.abs(m.spendMicros - m.previousSpendMicros));
    expect(moves).toEqual([...moves].sort((x, y) => y - x));
  });

  it('refuses a bad range with the field', async () => {
    const res = await owner.client.get(api('/dashboard?since=2026-02-30'));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('since');
    const reversed = await owner.client.get(api('/dashboard?since=2026-06-10&until=2026-06-01'));
    expect(reversed.status).toBe(400);
  });

  it('takes the default range in the organisation’s time zone, across the date line', async () => {
    const dayIn = (zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(server.clock.now());
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
      expect((await owner.client.patch(api(''), { timeZone: zone })).status).toBe(200);
      const board = (await owner.client.get<Dashboard>(api('/dashboard'))).body;
      expect(board.range.until).toBe(addDays(dayIn(zone), -1));
      expect(board.range.since).toBe(addDays(dayIn(zone), -30));
      expect(board.previousRange.until).toBe(addDays(board.range.since, -1));
    }
    const bad = await owner.client.patch(api(''), { timeZone: 'Mars/Olympus_Mons' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('timeZone');
    expect((await owner.client.patch(api(''), { reportingCurrency: 'euro' })).status).toBe(400);
  });

  it('lists, filters, sorts and pages every campaign, stable under inserts, with a totals row', async () => {
    const all = await table('?limit=200');
    const expected = accounts.reduce((n, a) => n + [...server.sandbox!.simulator.world().platforms[SIM[a.platform]].campaigns.values()].filter((c) => c.accountId === a.platformAccountId).length, 0);
    expect(all.items.length).toBe(expected);
    const onlyMeta = await table('?platform=meta&limit=200');
    expect(onlyMeta.items.every((c) => c.platform === 'meta')).toBe(true);
    const byClicks = (await table('?sort=clicks&dir=desc&limit=200')).items.map((c) => c.metrics.clicks);
    expect(byClicks).toEqual([...byClicks].sort((a, b) => b - a));
    const byName = (await table('?sort=name&dir=asc&limit=200')).items.map((c) => c.name.toLowerCase());
    expect(byName).toEqual([...byName].sort());
    // By account: each account's campaigns together, the accounts in one order ascending and the reverse descending.
    const accountOrder = async (dir: string) => {
      const names = (await table(`?sort=account&dir=${dir}&limit=200`)).items.map((c) => c.accountName);
      const runs = names.filter((name, i) => i === 0 || names[i - 1] !== name);
      expect(new Set(runs).size, `${dir}: ${names.join(', ')}`).toBe(runs.length);
      return runs;
    };
    const ascending = await accountOrder('asc');
    expect(ascending.length).toBe(accounts.length);
    expect(await accountOrder('desc')).toEqual([...ascending].reverse());
    const first = all.items[0]!;
    expect((await table(`?q=${encodeURIComponent(first.name.slice(0, 6))}`)).items.some((c) => c.id === first.id)).toBe(true);

    // Page by 3 while a campaign is inserted between pages: nothing repeats, nothing is skipped.
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const res: { items: CampaignRow[]; nextCursor: string | null } = await table(`?sort=spend&dir=desc&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.items.map((c) => c.id));
      cursor = res.nextCursor;
      if (page++ === 0) {
        await server.ctx.dbHandle.sql.query(
          `INSERT INTO campaigns (org_id, ad_account_id, platform_id, name, status, raw_status, currency, synced_at) VALUES ($1, $2, 'inserted-1', 'AAA inserted', 'active', 'ENABLE', $3, now())`,
          [orgId, accounts[0]!.id, accounts[0]!.currency],
        );
      }
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const c of all.items) expect(seen).toContain(c.id);
    await server.ctx.dbHandle.sql.query(`DELETE FROM campaigns WHERE platform_id = 'inserted-1'`);
    expect(all.totals.spendMicros).toBeGreaterThan(0);
    const bad = await owner.client.get(api('/campaigns?cursor=not-a-cursor'));
    expect(bad.status).toBe(400);
  });

  it('exports exactly the asked columns as CSV: BOM, range in the title and file name, ids, human labels, rounded as shown', async () => {
    const until = addDays(server.clock.now().toISOString().slice(0, 10), -1);
    const since = addDays(until, -6);
    const res = await owner.client.get(api(`/campaigns/export.csv?platform=tiktok&since=${since}&until=${until}&sort=name&dir=asc&columns=campaign_id,account_id,name,platform,status,spend,ctr,roas`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="campaigns-${since}-to-${until}.csv"`);
    // Response.text() drops a byte-order mark: read the bytes.
    const raw = new Uint8Array(await (await fetch(new URL(api(`/campaigns/export.csv?platform=tiktok&columns=name`), owner.client.baseUrl), { headers: owner.client.authHeaders() })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toContain(`${since} to ${until}`);
    expect(lines[1]).toBe('Campaign ID,Account ID,Campaign,Platform,Status,Spend,CTR (%),ROAS');
    const items = (await table(`?platform=tiktok&since=${since}&until=${until}&sort=name&dir=asc&limit=200`)).items;
    expect(lines.length - 2).toBe(items.length);
    for (const [index, item] of items.entries()) {
      const cells = lines[index + 2]!.split(',');
      expect(cells[0]).toBe(item.platformId);
      expect(cells[1]).toBe(accounts.find((a) => a.id === item.adAccountId)?.platformAccountId);
      expect(cells[3]).toBe('TikTok');
      expect(cells[4]).toBe(item.status === 'active' ? 'Active' : item.status === 'paused' ? 'Paused' : expect.any(String));
      expect(cells[5]).toBe((item.metrics.spendMicros / 1e6).toFixed(item.currency === 'JPY' ? 0 : 2));
      expect(cells[6]).toBe(item.metrics.ctr === null ? '' : (item.metrics.ctr * 100).toFixed(2));
      expect(cells[7]).toBe(item.metrics.roas === null ? '' : item.metrics.roas.toFixed(2));
    }
    expect((await owner.client.get(api('/campaigns/export.csv?columns=name,password'))).status).toBe(400);
    // Names the object prototype knows are not columns either: a 400 naming the field, never a 500.
    for (const bad of ['__proto__', 'constructor', 'toString', 'valueOf']) {
      const refused = await owner.client.get<{ error: { code: string; details: { issues: { field: string }[] } } }>(api(`/campaigns/export.csv?columns=name,${bad}`));
      expect(refused.status, bad).toBe(400);
      expect(refused.body.error.details.issues[0]?.field).toBe('columns');
    }
  });

  it('pauses a campaign on the platform, then undoes it; undo refuses once the value moved on', async () => {
    const campaign = (await table('?platform=tiktok&status=active&limit=1')).items[0]!;
    const asked = await owner.client.post<{ items: CampaignChange[] }>(api('/campaign-changes'), {
      idempotencyKey: randomUUID(),
      changes: [{ campaignId: campaign.id, action: 'pause', expected: { status: 'active' } }],
    });
    expect(asked.status).toBe(202);
    const applied = await waitChange(asked.body.items[0]!.id);
    expect(applied.state).toBe('applied');
    expect(await platformStatus('tiktok', campaign.id)).toBe('paused');
    expect((await table(`?q=${encodeURIComponent(campaign.name)}`)).items.find((c) => c.id === campaign.id)?.status).toBe('paused');
    // The change lease ends with the recorded outcome, so the campaign's next change starts at once.
    const lease = await server.ctx.dbHandle.sql.query<{ until: unknown }>(`SELECT change_lease_until AS until FROM campaigns WHERE id = $1`, [campaign.id]);
    expect(lease.rows[0]?.until).toBeNull();

    const undo = await owner.client.post<CampaignChange>(api(`/campaign-changes/${applied.id}/undo`), { idempotencyKey: randomUUID() });
    expect(undo.status).toBe(202);
    expect((await waitChange(undo.body.id)).state).toBe('applied');
    expect(await platformStatus('tiktok', campaign.id)).toBe('active');
    expect((await owner.client.get<CampaignChange>(api(`/campaign-changes/${applied.id}`))).body.state).toBe('undone');
    expect((await owner.client.post(api(`/campaign-changes/${applied.id}/undo`), { idempotencyKey: randomUUID() })).status).toBe(409);

    // Pause again, then someone enables it on the platform: undoing our pause must refuse.
    const again = await owner.client.post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [{ campaignId: campaign.id, action: 'pause', expected: { status: 'active' } }] });
    const paused = await waitChange(again.body.items[0]!.id);
    expect(paused.state).toBe('applied');
    const budgetRow = (await table(`?q=${encodeURIComponent(campaign.name)}`)).items.find((c) => c.id === campaign.id)!;
    const account = accounts.find((a) => a.id === budgetRow.adAccountId)!;
    const tokens = { accessToken: (await createSecretsRepository(server.ctx.db, server.ctx.keyring).get(orgId, account.connectionId, 'access_token'))! };
    const ref = { platformAccountId: account.platformAccountId, currency: account.currency, timeZone: account.timeZone };
    await server.ctx.platforms.registry.get('tiktok').campaigns.setBudget(tokens, ref, campaign.platformId, { kind: 'daily', amount: { micros: (budgetRow.dailyBudgetMicros ?? 100_000_000) + 7_000_000, currency: account.currency } });
    await server.ctx.platforms.registry.get('tiktok').campaigns.setStatus(tokens, ref, campaign.platformId, 'active');
    const refused = await owner.client.post<CampaignChange>(api(`/campaign-changes/${paused.id}/undo`), { idempotencyKey: randomUUID() });
    const settled = await waitChange(refused.body.id);
    expect(settled.state).toBe('conflict');
    expect(settled.message).toMatch(/already changed to this on the platform/);

    // The next sync records what happened on the platform as outside changes.
    await owner.client.post(api(`/ad-accounts/${account.id}/sync`));
    const outside = await eventually(async () => {
      const history = (await owner.client.get<{ items: CampaignChange[] }>(api(`/campaign-changes?campaignId=${campaign.id}`))).body.items;
      return history.filter((h) => h.origin === 'outside').length > 0 ? history.filter((h) => h.origin === 'outside') : null;
    }, 60_000, 'outside change');
    expect(outside.map((h) => h.field)).toContain('daily_budget');
  }, 120_000);

  it('lets exactly one of two simultaneous budget changes apply; the other sees the conflict and the current value', async () => {
    const campaign = (await table('?platform=meta&sort=budget&dir=desc&limit=1')).items[0]!;
    const teammate = await joinAs(server, owner, orgId, 'manager');
    const base = campaign.dailyBudgetMicros!;
    const ask = (client: SignedUpUser, micros: number) =>
      client.client.post<{ items: CampaignChange[] }>(api('/campaign-changes'), {
        idempotencyKey: randomUUID(),
        changes: [{ campaignId: campaign.id, action: 'set_daily_budget', amountMicros: micros, expected: { dailyBudgetMicros: base } }],
      });
    const [a, b] = await Promise.all([ask(owner, base + 10_000_000), ask(teammate, base + 20_000_000)]);
    const results = await Promise.all([waitChange(a.body.items[0]!.id), waitChange(b.body.items[0]!.id)]);
    expect(results.map((r) => r.state).sort()).toEqual(['applied', 'conflict']);
    const loser = results.find((r) => r.state === 'conflict')!;
    const winner = results.find((r) => r.state === 'applied')!;
    expect(loser.current).toBe(winner.after);
    const meta = simCampaign('meta', campaign.platformId) as unknown as { attrs: Record<string, unknown> };
    expect(meta).toBeTruthy();

    // The same idempotency key again: the same change, not a new one.
    const key = randomUUID();
    const once = await owner.client.post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: key, changes: [{ campaignId: campaign.id, action: 'pause', expected: { status: campaign.status } }] });
    const twice = await owner.client.post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: key, changes: [{ campaignId: campaign.id, action: 'pause', expected: { status: campaign.status } }] });
    expect(twice.body.items[0]!.id).toBe(once.body.items[0]!.id);
    await waitChange(once.body.items[0]!.id);
  }, 90_000);

  it('applies an edit exactly once when the worker died after sending it', async () => {
    const campaign = (await table('?platform=tiktok&status=active&limit=1')).items[0]!;
    const account = accounts.find((a) => a.id === campaign.adAccountId)!;
    const pointsBefore = simCampaign('tiktok', campaign.platformId).status.points.length;
    // Record a pending change without its job, as if the worker had taken it...
    const { rows } = await server.ctx.dbHandle.sql.query<{ id: string }>(
      `INSERT INTO campaign_changes (org_id, campaign_id, action, field, before, after, currency, state, origin, created_at, sent_at) VALUES ($1, $2, 'pause', 'status', 'active', 'paused', $3, 'pending', 'adloop', now(), now()) RETURNING id`,
      [orgId, campaign.id, campaign.currency],
    );
    // ...sent it to the platform, and died before recording it.
    const tokens = { accessToken: (await createSecretsRepository(server.ctx.db, server.ctx.keyring).get(orgId, account.connectionId, 'access_token'))! };
    await server.ctx.platforms.registry.get('tiktok').campaigns.setStatus(tokens, { platformAccountId: account.platformAccountId, currency: account.currency, timeZone: account.timeZone }, campaign.platformId, 'paused');
    // On restart the job runs (twice, even): applied, and the platform saw one change.
    await applyChange(server.ctx, orgId, rows[0]!.id);
    await applyChange(server.ctx, orgId, rows[0]!.id);
    expect((await owner.client.get<CampaignChange>(api(`/campaign-changes/${rows[0]!.id}`))).body.state).toBe('applied');
    expect(simCampaign('tiktok', campaign.platformId).status.points.length).toBe(pointsBefore + 1);
  });

  it('checks platform rules before sending and refuses viewers', async () => {
    const campaign = (await table('?platform=tiktok&limit=1')).items[0]!;
    const tooLow = await owner.client.post(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [{ campaignId: campaign.id, action: 'set_daily_budget', amountMicros: 1_000_000, expected: { dailyBudgetMicros: campaign.dailyBudgetMicros } }] });
    expect(tooLow.status).toBe(400);
    expect(JSON.stringify(tooLow.body)).toMatch(/changes\.0\.amountMicros.*minimum/);
    const noExpected = await owner.client.post(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [{ campaignId: campaign.id, action: 'pause', expected: {} }] });
    expect(noExpected.status).toBe(400);
    const viewer = await joinAs(server, owner, orgId, 'viewer');
    const refused = await viewer.client.post(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [{ campaignId: campaign.id, action: 'pause', expected: { status: 'active' } }] });
    expect(refused.status).toBe(403);
    expect((await viewer.client.get(api('/campaigns'))).status).toBe(200);
  }, 60_000);

  it('creates a campaign through the wizard’s API on the platform, with the platform’s limits checked first', async () => {
    const options = (await owner.client.get(api('/campaigns/creation-options'))).body as { platforms: Array<{ platform: string; objectives: string[]; adText: { headline: { max: number } }; minDailyBudgetMicros: Record<string, number> }> };
    const meta = options.platforms.find((p) => p.platform === 'meta')!;
    expect(meta.objectives.length).toBeGreaterThan(0);
    const account = accounts.find((a) => a.platform === 'meta')!;
    const minimum = meta.minDailyBudgetMicros[account.currency]!;
    const body = {
      adAccountId: account.id,
      name: 'Wizard spring sale',
      objective: meta.objectives[0],
      budget: { kind: 'daily', amountMicros: minimum * 20 },
      adGroup: { name: 'Wizard ad set', countries: ['US', 'CA'], ageMin: 25, ageMax: 54 },
      ad: { name: 'Wizard ad', headline: 'Spring sale', description: 'Everything 20 % off this week', finalUrl: 'https://shop.example.com/spring' },
    };
    const tooLong = await owner.client.post(api('/campaigns'), { ...body, ad: { ...body.ad, headline: 'x'.repeat(meta.adText.headline.max + 1) } });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain('ad.headline');
    const created = await owner.client.post<{ campaign: CampaignRow }>(api('/campaigns'), body);
    expect(created.status).toBe(201);
    expect(created.body.campaign.status).toBe('paused');
    expect(simCampaign('meta', created.body.campaign.platformId)).toBeTruthy();
    const listed = (await table('?q=Wizard%20spring')).items;
    expect(listed.map((c) => c.id)).toContain(created.body.campaign.id);
    const viewer = await joinAs(server, owner, orgId, 'viewer');
    expect((await viewer.client.post(api('/campaigns'), body)).status).toBe(403);
  }, 60_000);

  // Last: it adds a Google account, which the totals and lists above do not count.
  it('offers on a campaign what its platform can change: Google removal not undoable, Meta archive and duplicate, bids and learning', async () => {
    const detail = async (id: string) => (await owner.client.get<CampaignDetail>(api(`/campaigns/${id}`))).body;
    const live = (c: CampaignRow) => c.status === 'active' || c.status === 'paused';
    const metaRow = (await table('?platform=meta&limit=200')).items.find(live)!;
    expect(metaRow.changeOptions).toMatchObject({ duplicate: true, end: { archive: true, remove: true, removalWord: 'deleted' } });
    const meta = await detail(metaRow.id);
    expect(meta.changeOptions).toMatchObject({ duplicate: true, renameLevels: ['campaign', 'ad_group', 'ad'], adGroupBudgets: true, adGroupBid: 'bid_amount', end: { archive: true, archiveUndoable: false, remove: true, removalUndoable: false } });
    expect(meta.adGroups.length).toBeGreaterThan(0);
    for (const group of meta.adGroups) expect(typeof group.isLearning === 'boolean' || group.isLearning === null).toBe(true);
    const tiktok = await detail((await table('?platform=tiktok&limit=200')).items.find(live)!.id);
    expect(tiktok.changeOptions).toMatchObject({ bidding: null, adGroupBid: 'bid_price', end: { archive: false, remove: true, removalWord: 'deleted' } });
    expect(tiktok.adGroups.every((g) => g.isLearning === null)).toBe(true);

    const all = sandboxAccounts(server, 'google_ads');
    const manager = all.find((a) => a.isManager)!;
    const client = all.find((a) => !a.isManager && a.managerId === manager.id)!;
    const connected = await connectThroughConsent(owner, orgId, 'google_ads', [manager.id]);
    const connection = (await owner.client.get<Connection>(api(`/connections/${connected.connectionId}`))).body;
    await owner.client.put(api(`/connections/${connected.connectionId}/accounts`), { accountIds: [connection.accounts.find((a) => a.platformAccountId === client.id)!.id] });
    const googleRow = await eventually(async () => (await table('?platform=google_ads&limit=200')).items.find(live), 120_000, 'Google sync');
    const google = await detail(googleRow.id);
    expect(google.changeOptions).toMatchObject({ duplicate: true, renameLevels: ['campaign', 'ad_group'], adGroupBudgets: false, adGroupBid: 'cpc_bid_micros', end: { archive: false, remove: true, removalUndoable: false, removalWord: 'removed' } });
    expect(google.campaign).toHaveProperty('bidMicros');
    expect(google.campaign).toHaveProperty('targetRoas');
    // A strategy the platform reports but Adloop sets no value of (MAXIMIZE_CONVERSIONS) takes none.
    const strategies = (await table('?platform=google_ads&limit=200')).items.map((c) => c.changeOptions?.bidding);
    expect(strategies).toContainEqual({ strategy: 'MANUAL_CPC', value: 'ad_group_bid' });
    for (const bidding of strategies) if (bidding) expect(bidding.value).toBe(GOOGLE_ADS_CAPABILITIES.bidding.strategyValue[bidding.strategy] ?? 'none');
  }, 180_000);
});
