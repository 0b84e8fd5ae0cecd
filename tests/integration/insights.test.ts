import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adAccounts, campaigns, platformConnections } from '@adloop/db';
import type { MetricsRow } from '@adloop/platforms';
import { addDays } from '@adloop/engine';
import { createMetricsRepository } from '../../apps/server/src/modules/metrics/metrics.repository.ts';
import type { AccountForecast, AnomalyAlerts, BudgetRecommendations, CampaignChange, Connection, ProposedBudgets } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { joinAs } from '../setup/org-helpers.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';

/**
 * Insights over a sandbox account's synced history (the first sync stores 61 days of campaign
 * numbers): budget recommendations that keep the daily total and the ±20 % limit, proposed as the
 * AI into the approval inbox (never applied), open anomalies, and refusals naming the field.
 */
describe('insights over synced sandbox history', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  let accountId: string;
  /** A second account whose conversion tracking the sandbox broke for the last two days. */
  let brokenId: string;
  let other: SignedUpUser;
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Insight Co' });
    orgId = owner.orgId!;
    const grant = sandboxAccounts(server, 'tiktok').filter((a) => !a.isManager).slice(0, 2).map((a) => a.id);
    // Conversions stop being recorded on the second account from two days ago while clicks go on.
    const outage = await fetch(`${server.sandbox!.urls.control}/control/anomalies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'tiktok', accountId: grant[1], kind: 'tracking_outage', magnitude: 0, start: new Date(Date.now() - 50 * 3_600_000).toISOString(), durationHours: 96 }),
    });
    expect(outage.status).toBe(201);
    const added = await connectAndAdd(owner, orgId, 'tiktok', grant);
    accountId = added[0]!.id;
    brokenId = added[1]!.id;
    await eventually(async () => {
      const overview = (await owner.client.get(api('/connections'))).body as { connections: Connection[] };
      return overview.connections.flatMap((c) => c.accounts.filter((a) => a.selected)).every((a) => a.health.state === 'fresh');
    }, 150_000, 'first sync');
    other = await signUpVerifiedUser(server, { organizationName: 'Elsewhere Co' });
  }, 240_000);
  afterAll(async () => server?.close());

  it('recommends budgets that sum to the daily total, each within ±20 % and on the platform step, with reasons and curves', async () => {
    const res = await owner.client.get<BudgetRecommendations>(api(`/insights/recommendations?accountId=${accountId}`));
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.empty).toBeNull();
    expect(r.items.length).toBeGreaterThanOrEqual(2);
    const current = r.items.reduce((a, i) => a + i.currentMicros, 0);
    const proposed = r.items.reduce((a, i) => a + i.proposedMicros, 0);
    expect(r.totalMicros).toBe(current);
    expect(proposed).toBe(r.allocatedMicros);
    expect(proposed).toBeLessThanOrEqual(r.totalMicros);
    // Only the budget step can leave a remainder: less than one step per campaign.
    expect(r.totalMicros - proposed).toBeLessThan(r.items.length * 10_000 + 1);
    for (const i of r.items) {
      expect(i.daysOfData).toBeGreaterThanOrEqual(28);
      expect(i.proposedMicros).toBeGreaterThanOrEqual(Math.floor(i.currentMicros * 0.8));
      expect(i.proposedMicros).toBeLessThanOrEqual(Math.ceil(i.currentMicros * 1.2));
      expect(i.proposedMicros % 10_000).toBe(0);
      expect(i.reason.length).toBeGreaterThan(10);
      expect(i.curve.length).toBeGreaterThan(2);
      expect(i.conversionsChange.low).toBeLessThanOrEqual(i.conversionsChange.high);
    }
    expect(r.items.some((i) => i.changeMicros !== 0)).toBe(true);
    // Money moves towards cheaper next conversions: every raised campaign's marginal cost is at most a lowered one's (budget steps aside).
    const cpa = (i: (typeof r.items)[number]) => i.marginalCpaMicros ?? Infinity;
    const raised = r.items.filter((i) => i.changeMicros > 0);
    const lowered = r.items.filter((i) => i.changeMicros < 0);
    for (const up of raised) for (const down of lowered) expect(cpa(up)).toBeLessThanOrEqual(cpa(down) * 1.1);
    for (const i of raised) expect(i.reason).toMatch(/^Raised/);
    for (const i of lowered) expect(i.reason).toMatch(/^Lowered/);
    // Same stored history, same day: the same answer.
    const again = await owner.client.get<BudgetRecommendations>(api(`/insights/recommendations?accountId=${accountId}`));
    expect(again.body.items.map((i) => i.proposedMicros)).toEqual(r.items.map((i) => i.proposedMicros));
  });

  it('proposes the changed budgets as the AI into the approval inbox; nothing is applied; the same key answers the same', async () => {
    const recs = (await owner.client.get<BudgetRecommendations>(api(`/insights/recommendations?accountId=${accountId}`))).body;
    const changed = recs.items.filter((i) => i.changeMicros !== 0 && !i.held);
    const res = await owner.client.post<ProposedBudgets>(api('/insights/recommendations/propose'), { accountId, idempotencyKey: 'insights-propose-1' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.items).toHaveLength(changed.length);
    for (const c of res.body.items) {
      expect(c.state).toBe('proposed');
      expect(c.actorType).toBe('ai');
      expect(c.actorLabel).toBe('Budget reallocation');
      expect(c.field).toBe('daily_budget');
      const rec = changed.find((i) => i.campaignId === c.campaignId)!;
      expect(c.before).toBe(String(rec.currentMicros));
      expect(c.after).toBe(String(rec.proposedMicros));
      expect(c.reason).toBeTruthy();
    }
    const inbox = await owner.client.get<{ items: CampaignChange[] }>(api('/proposals'));
    expect(inbox.status).toBe(200);
    const ids = new Set(res.body.items.map((c) => c.id));
    expect(inbox.body.items.filter((c) => ids.has(c.id))).toHaveLength(ids.size);
    // Budgets unchanged until someone approves.
    const after = (await owner.client.get<BudgetRecommendations>(api(`/insights/recommendations?accountId=${accountId}`))).body;
    expect(after.items.map((i) => i.currentMicros)).toEqual(recs.items.map((i) => i.currentMicros));
    const repeat = await owner.client.post<ProposedBudgets>(api('/insights/recommendations/propose'), { accountId, idempotencyKey: 'insights-propose-1' });
    expect([200, 201]).toContain(repeat.status);
    expect(repeat.body.items.map((c) => c.id).sort()).toEqual([...ids].sort());
  });

  it('lists open anomalies with expected against observed and an interval, or says there are none', async () => {
    const res = await owner.client.get<AnomalyAlerts>(api(`/insights/anomalies?accountId=${accountId}`));
    expect(res.status).toBe(200);
    if (res.body.items.length === 0) expect(res.body.empty).toMatch(/No open anomalies/);
    for (const a of res.body.items) {
      expect(a.lower).toBeLessThanOrEqual(a.upper);
      expect(a.observed < a.lower || a.observed > a.upper || a.method === 'tracking_break' || a.method === 'poisson' || a.method === 'level_shift').toBe(true);
      expect(Date.parse(a.since)).toBeLessThanOrEqual(Date.parse(a.at));
    }
  });

  it('forecasts spend, conversions and value with ordered, non-negative 80 % and 95 % intervals', async () => {
    const res = await owner.client.get<AccountForecast>(api(`/insights/forecasts?accountId=${accountId}&days=14`));
    expect(res.status).toBe(200);
    expect(res.body.empty).toBeNull();
    expect(res.body.history.length).toBeGreaterThanOrEqual(28);
    expect(res.body.metrics.map((m) => m.metric)).toEqual(['spend', 'conversions', 'value']);
    const last = res.body.history.at(-1)!.date;
    for (const m of res.body.metrics) {
      expect(m.days).toHaveLength(14);
      expect(m.days[0]!.date > last).toBe(true);
      for (const d of [...m.days, m.total]) {
        expect(d.lower95).toBeGreaterThanOrEqual(0);
        expect(d.lower95).toBeLessThanOrEqual(d.lower80);
        expect(d.lower80).toBeLessThanOrEqual(d.mean);
        expect(d.mean).toBeLessThanOrEqual(d.upper80);
        expect(d.upper80).toBeLessThanOrEqual(d.upper95);
      }
    }
    // Spend forecasts sit near the recent level (the sandbox spends steadily).
    const recent = res.body.history.slice(-14).reduce((a, d) => a + d.spend, 0);
    const spend = res.body.metrics[0]!.total.mean;
    expect(spend).toBeGreaterThan(recent * 0.5);
    expect(spend).toBeLessThan(recent * 2);
    for (const days of ['6', '31', 'many']) {
      const bad = await owner.client.get(api(`/insights/forecasts?accountId=${accountId}&days=${days}`));
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('days');
    }
  });

  it('flags the broken conversion tracking with its likely cause, expected against observed', async () => {
    const res = await owner.client.get<AnomalyAlerts>(api(`/insights/anomalies?accountId=${brokenId}`));
    expect(res.status).toBe(200);
    expect(res.body.empty).toBeNull();
    const tracking = res.body.items.filter((a) => a.cause === 'tracking' && a.metric === 'conversions' && a.direction === 'down');
    expect(tracking.length, JSON.stringify(res.body.items)).toBeGreaterThan(0);
    for (const a of tracking) {
      expect(a.observed).toBeLessThan(a.lower);
      expect(a.expected).toBeGreaterThan(a.observed);
      expect(Date.now() - Date.parse(a.since)).toBeLessThan(5 * 86_400_000);
    }
    // The first account's tracking works: none of its alerts blames tracking.
    const healthy = await owner.client.get<AnomalyAlerts>(api(`/insights/anomalies?accountId=${accountId}`));
    expect(healthy.body.items.filter((a) => a.cause === 'tracking')).toEqual([]);
  });

  it('says there is too little history for an account with ten days, and refuses to propose for it', async () => {
    const db = server.ctx.db;
    const now = server.clock.now();
    const [connection] = await db.insert(platformConnections).values({ orgId, platform: 'meta' }).returning();
    const [account] = await db
      .insert(adAccounts)
      .values({ orgId, connectionId: connection!.id, platform: 'meta', platformAccountId: 'act_young', name: 'Young account', currency: 'USD', timeZone: 'UTC', selected: true, nextSyncAt: new Date('2099-01-01T00:00:00Z'), metricsSyncedAt: now })
      .returning();
    const rows: MetricsRow[] = [];
    for (const pid of ['young-1', 'young-2']) {
      await db.insert(campaigns).values({ orgId, adAccountId: account!.id, platformId: pid, name: `Young ${pid}`, status: 'active', rawStatus: 'ACTIVE', currency: 'USD', dailyBudgetMicros: 50_000_000, syncedAt: now });
      for (let d = 1; d <= 10; d++) {
        const date = addDays(now.toISOString().slice(0, 10), -d);
        rows.push({ level: 'campaign', entityPlatformId: pid, campaignPlatformId: pid, date, hour: null, timeBasis: 'account', impressions: 4000, clicks: 100, spend: { micros: 48_000_000, currency: 'USD' }, conversions: 4, conversionValue: { micros: 240_000_000, currency: 'USD' } });
      }
    }
    await createMetricsRepository(db).upsert(orgId, account!.id, rows, now);
    const recs = await owner.client.get<BudgetRecommendations>(api(`/insights/recommendations?accountId=${account!.id}`));
    expect(recs.status).toBe(200);
    expect(recs.body.empty).toMatch(/at least 28 days/);
    expect(recs.body.totalMicros).toBe(100_000_000);
    const propose = await owner.client.post(api('/insights/recommendations/propose'), { accountId: account!.id, idempotencyKey: 'insights-young-1' });
    expect(propose.status).toBe(409);
    expect(propose.text).toMatch(/at least 28 days/);
    const forecast = await owner.client.get<AccountForecast>(api(`/insights/forecasts?accountId=${account!.id}`));
    expect(forecast.body.empty).toMatch(/at least 14 days/);
    expect(forecast.body.metrics).toEqual([]);
  });

  it('refuses bad input naming the field, and other organisations’ accounts', async () => {
    const noAccount = await owner.client.get(api('/insights/recommendations'));
    expect(noAccount.status).toBe(400);
    expect(noAccount.text).toContain('accountId');
    const badId = await owner.client.get(api('/insights/anomalies?accountId=nope'));
    expect(badId.status).toBe(400);
    expect(badId.text).toContain('accountId');
    const shortKey = await owner.client.post(api('/insights/recommendations/propose'), { accountId, idempotencyKey: 'x' });
    expect(shortKey.status).toBe(400);
    expect(shortKey.text).toContain('idempotencyKey');
    const extra = await owner.client.post(api('/insights/recommendations/propose'), { accountId, idempotencyKey: 'insights-propose-2', apply: true });
    expect(extra.status).toBe(400);
    const unknownCampaign = await owner.client.post(api('/insights/recommendations/propose'), { accountId, idempotencyKey: 'insights-propose-3', campaignIds: ['00000000-0000-4000-8000-000000000009'] });
    expect(unknownCampaign.status).toBe(400);
    expect(unknownCampaign.text).toContain('campaignIds.0');
    for (const [body, field] of [
      [{ accountId: 42, idempotencyKey: 'insights-propose-4' }, 'accountId'],
      [{ accountId, idempotencyKey: 'insights-propose-5', campaignIds: [] }, 'campaignIds'],
      [{ accountId, idempotencyKey: 'insights-propose-6', campaignIds: ['nope'] }, 'campaignIds.0'],
      [{ idempotencyKey: 'insights-propose-7' }, 'accountId'],
    ] as const) {
      const bad = await owner.client.post(api('/insights/recommendations/propose'), body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.text).toContain(field);
    }
    const asArray = await owner.client.post(api('/insights/recommendations/propose'), [accountId]);
    expect(asArray.status).toBe(400);
    const rawBad = await fetch(`${server.url}${api('/insights/recommendations/propose')}`, { method: 'POST', headers: { ...owner.client.authHeaders(), 'x-csrf-token': owner.client.cookies.get('adloop_csrf') ?? '', 'content-type': 'application/json' }, body: '{"accountId":' });
    expect(rawBad.status).toBe(400);
    expect(rawBad.headers.get('content-type')).toContain('json');
    const foreign = await other.client.get(`/api/v1/orgs/${other.orgId}/insights/recommendations?accountId=${accountId}`);
    expect(foreign.status).toBe(404);
    expect(foreign.text).toContain('accountId');
  });

  it('a member sees the insights of the ad accounts assigned to them only', async () => {
    const member = await joinAs(server, owner, orgId, 'member');
    const outside = await member.client.get(api(`/insights/anomalies?accountId=${accountId}`));
    expect(outside.status).toBe(404);
    expect(outside.text).toContain('accountId');
    expect((await member.client.post(api('/insights/recommendations/propose'), { accountId, idempotencyKey: 'insights-member-1' })).status).toBe(404);
    expect((await owner.client.put(api(`/members/${member.user.id}/ad-accounts`), { adAccountIds: [accountId] })).status).toBe(200);
    expect((await member.client.get(api(`/insights/recommendations?accountId=${accountId}`))).status).toBe(200);
    expect((await member.client.get(api(`/insights/forecasts?accountId=${brokenId}`))).status).toBe(404);
  });

  it('a viewer reads recommendations but cannot propose', async () => {
    const viewer = await joinAs(server, owner, orgId, 'viewer');
    expect((await viewer.client.get(api(`/insights/recommendations?accountId=${accountId}`))).status).toBe(200);
    expect((await viewer.client.post(api('/insights/recommendations/propose'), { accountId, idempotencyKey: 'insights-viewer-1' })).status).toBe(403);
  });
});
