import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AccountForecast, BudgetRecommendations, CampaignForecast, Connection, MonthEndProjection } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { joinAs } from '../setup/org-helpers.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { checkPacingOfOrg } from '../../apps/server/src/modules/insights/index.ts';

/**
 * Month-end projections, pacing and campaign forecast bands over two sandbox accounts' synced
 * history (61 days of campaign numbers from the first sync).
 */
describe('month-end projection, pacing and campaign forecasts over synced sandbox history', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let other: SignedUpUser;
  let orgId: string;
  let accountIds: string[];
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const rowsOfResult = (result: unknown) => (result as { rows: { n: number }[] }).rows;

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Projection Co' });
    orgId = owner.orgId!;
    const grant = sandboxAccounts(server, 'tiktok').filter((a) => !a.isManager).slice(0, 2).map((a) => a.id);
    accountIds = (await connectAndAdd(owner, orgId, 'tiktok', grant)).map((a) => a.id);
    await eventually(async () => {
      const overview = (await owner.client.get(api('/connections'))).body as { connections: Connection[] };
      return overview.connections.flatMap((c) => c.accounts.filter((a) => a.selected)).every((a) => a.health.state === 'fresh');
    }, 150_000, 'first sync');
    other = await signUpVerifiedUser(server, { organizationName: 'Elsewhere Co' });
  }, 240_000);
  afterAll(async () => server?.close());

  const campaignsOf = async (accountId: string) => (await owner.client.get<BudgetRecommendations>(api(`/insights/recommendations?accountId=${accountId}`))).body.items;

  it('projects each account’s month from its numbers so far plus the forecast of the days left, and sums the organisation', async () => {
    const res = await owner.client.get<MonthEndProjection>(api('/insights/month-end'));
    expect(res.status, res.text).toBe(200);
    const p = res.body;
    expect(p.empty).toBeNull();
    expect(p.accounts.map((a) => a.accountId).sort()).toEqual([...accountIds].sort());
    for (const a of p.accounts) {
      expect(a.note).toBeNull();
      const daysInMonth = new Date(Date.UTC(Number(a.month.slice(0, 4)), Number(a.month.slice(5, 7)), 0)).getUTCDate();
      // The month so far is the stored days of the month (the forecasts endpoint reads the same days).
      const history = (await owner.client.get<AccountForecast>(api(`/insights/forecasts?accountId=${a.accountId}`))).body.history;
      const soFar = history.filter((d) => d.date.startsWith(a.month));
      expect(a.daysLeft).toBe(daysInMonth - soFar.length);
      for (const [key, figure] of [['spend', a.spend], ['conversions', a.conversions], ['value', a.value]] as const) {
        expect(figure, key).not.toBeNull();
        expect(figure!.monthToDate).toBeCloseTo(soFar.reduce((s, d) => s + d[key], 0), 0);
        expect(figure!.lower80).toBeGreaterThanOrEqual(figure!.monthToDate);
        expect(figure!.lower80).toBeLessThanOrEqual(figure!.projected);
        expect(figure!.projected).toBeLessThanOrEqual(figure!.upper80);
      }
      // The days left are forecast near the recent daily level (the sandbox spends steadily).
      const recentDaily = history.slice(-14).reduce((s, d) => s + d.spend, 0) / 14;
      const ahead = a.spend!.projected - a.spend!.monthToDate;
      expect(ahead).toBeGreaterThan(recentDaily * a.daysLeft * 0.5);
      expect(ahead).toBeLessThan(recentDaily * a.daysLeft * 2);
      // The plan is today's daily budgets over the whole month.
      const budgets = (await campaignsOf(a.accountId)).reduce((s, c) => s + c.currentMicros, 0);
      expect(a.pacing?.planMicros).toBe(budgets * daysInMonth);
      expect(a.pacing?.spentMicros).toBeCloseTo(a.spend!.monthToDate, 0);
      expect(['on_track', 'over', 'under', 'exhausted']).toContain(a.pacing?.status);
      expect(a.pacing?.message).toContain(a.currency);
    }
    // Organisation totals: conversions add up; money converts into the reporting currency; the range is no wider than the accounts' ranges added.
    expect(p.excluded).toEqual([]);
    const t = p.totals!;
    expect(t.conversions.projected).toBeCloseTo(p.accounts.reduce((s, a) => s + a.conversions!.projected, 0), 3);
    expect(t.conversions.upper80 - t.conversions.projected).toBeLessThanOrEqual(p.accounts.reduce((s, a) => s + a.conversions!.upper80 - a.conversions!.projected, 0) + 1e-6);
    expect(t.conversions.lower80).toBeLessThanOrEqual(t.conversions.projected);
    if (p.accounts.every((a) => a.currency === p.currency)) expect(t.spend.projected).toBeCloseTo(p.accounts.reduce((s, a) => s + a.spend!.projected, 0), 0);
    else expect(t.spend.projected).toBeGreaterThan(0);
  });

  it('warns about a campaign whose plan is far below its spend (over) and one far above it (under), worst first', async () => {
    const [first, second] = await campaignsOf(accountIds[0]!);
    // Budgets the platform never saw: today's spend runs far past the first plan and far short of the second.
    await server.ctx.db.execute(sql`UPDATE campaigns SET daily_budget_micros = ${Math.round(first!.currentMicros / 20)} WHERE id = ${first!.campaignId}::uuid`);
    await server.ctx.db.execute(sql`UPDATE campaigns SET daily_budget_micros = ${second!.currentMicros * 20} WHERE id = ${second!.campaignId}::uuid`);
    try {
      const p = (await owner.client.get<MonthEndProjection>(api('/insights/month-end'))).body;
      const over = p.campaignWarnings.find((w) => w.campaignId === first!.campaignId);
      const under = p.campaignWarnings.find((w) => w.campaignId === second!.campaignId);
      expect(over?.pacing.status, JSON.stringify(p.campaignWarnings)).toMatch(/^(over|exhausted)$/);
      expect(under?.pacing.status).toBe('under');
      expect(under!.pacing.gapMicros).toBeLessThan(0);
      expect(under!.pacing.message).toMatch(/under the plan/);
      const shares = p.campaignWarnings.map((w) => Math.abs(w.pacing.gapMicros) / w.pacing.planMicros);
      expect(shares).toEqual([...shares].sort((a, b) => b - a));
      // The check tells approvers once per campaign and month (budget.pacing), however often it runs.
      expect((await checkPacingOfOrg(server.ctx, orgId)).warned).toBeGreaterThanOrEqual(2);
      await checkPacingOfOrg(server.ctx, orgId);
      const bell = (await owner.client.get<{ items: Array<{ kind: string; title: string; body: string; link: string | null }> }>(api('/notifications?limit=100'))).body.items.filter((n) => n.kind === 'budget.pacing');
      const overNote = bell.filter((n) => n.link === `/orgs/${orgId}/campaigns/${first!.campaignId}`);
      const underNote = bell.filter((n) => n.link === `/orgs/${orgId}/campaigns/${second!.campaignId}`);
      expect(overNote, JSON.stringify(bell)).toHaveLength(1);
      expect(underNote).toHaveLength(1);
      expect(overNote[0]!.title.startsWith(first!.name)).toBe(true);
      expect(overNote[0]!.title).toMatch(/(will overspend|has spent) its plan for \w+ \d{4}$/);
      expect(underNote[0]!.title).toMatch(/will underspend its plan/);
      expect(underNote[0]!.body).toBe(under!.pacing.message);
    } finally {
      await server.ctx.db.execute(sql`UPDATE campaigns SET daily_budget_micros = ${first!.currentMicros} WHERE id = ${first!.campaignId}::uuid`);
      await server.ctx.db.execute(sql`UPDATE campaigns SET daily_budget_micros = ${second!.currentMicros} WHERE id = ${second!.campaignId}::uuid`);
    }
  });

  it('resolves a pacing warning once when the projection comes back to plan, and warns anew only when it drifts again', async () => {
    const items = await campaignsOf(accountIds[0]!);
    const campaign = items[2] ?? items[0]!;
    const link = `/orgs/${orgId}/campaigns/${campaign.campaignId}`;
    const notes = async () => (await owner.client.get<{ items: Array<{ kind: string; title: string; link: string | null }> }>(api('/notifications?limit=100'))).body.items
      .filter((n) => n.kind === 'budget.pacing' && n.link === link);
    const setBudget = (micros: number) => server.ctx.db.execute(sql`UPDATE campaigns SET daily_budget_micros = ${Math.round(micros)} WHERE id = ${campaign.campaignId}::uuid`);
    const start = Date.now();
    const at = (minutes: number) => server.clock.set(new Date(start + minutes * 60_000));
    const check = async (minutes: number) => {
      at(minutes);
      return checkPacingOfOrg(server.ctx, orgId);
    };
    try {
      // A plan that lands where the spend is heading: the month's plan equals the projection.
      await setBudget(campaign.currentMicros / 20);
      const warning = (await owner.client.get<MonthEndProjection>(api('/insights/month-end'))).body.campaignWarnings.find((w) => w.campaignId === campaign.campaignId)!;
      const landing = (campaign.currentMicros / 20) * (warning.pacing.projectedMicros / warning.pacing.planMicros);
      await setBudget(landing);
      await check(1);
      const before = (await notes()).length;

      await setBudget(campaign.currentMicros / 20);
      await check(2);
      const warned = await notes();
      expect(warned).toHaveLength(before + 1);
      expect(warned[0]!.title).toMatch(/(will overspend|has spent) its plan/);

      await setBudget(landing);
      expect((await check(3)).backOnPlan).toBeGreaterThanOrEqual(1);
      expect((await check(4)).backOnPlan).toBe(0);
      const back = await notes();
      expect(back).toHaveLength(before + 2);
      expect(back[0]!.title).toMatch(/is back on plan for \w+ \d{4}$/);
      const open = rowsOfResult(await server.ctx.db.execute(sql`SELECT count(*)::int AS n FROM notification_events
        WHERE org_id = ${orgId}::uuid AND kind = 'budget.pacing' AND incident_key LIKE ${`campaign:${campaign.campaignId}:%`} AND resolved_at IS NULL`));
      expect(open[0]!.n).toBe(0);

      // Drifting again is a new warning, told once.
      await setBudget(campaign.currentMicros * 20);
      await check(5);
      await check(6);
      const again = await notes();
      expect(again).toHaveLength(before + 3);
      expect(again[0]!.title).toMatch(/will underspend its plan/);
    } finally {
      await setBudget(campaign.currentMicros);
      server.clock.set(new Date());
    }
  });

  it('forecasts one campaign with ordered 80 % and 95 % bands after its last complete day', async () => {
    const [campaign] = await campaignsOf(accountIds[0]!);
    const res = await owner.client.get<CampaignForecast>(api(`/insights/forecasts/campaigns/${campaign!.campaignId}?days=21`));
    expect(res.status, res.text).toBe(200);
    expect(res.body.empty).toBeNull();
    expect(res.body.accountId).toBe(accountIds[0]);
    expect(res.body.metrics.map((m) => m.metric)).toEqual(['spend', 'conversions', 'value']);
    for (const m of res.body.metrics) {
      expect(m.days).toHaveLength(21);
      expect(m.days[0]!.date > res.body.through).toBe(true);
      for (const d of [...m.days, m.total]) {
        expect(d.lower95).toBeGreaterThanOrEqual(0);
        expect(d.lower95).toBeLessThanOrEqual(d.lower80);
        expect(d.lower80).toBeLessThanOrEqual(d.mean);
        expect(d.mean).toBeLessThanOrEqual(d.upper80);
        expect(d.upper80).toBeLessThanOrEqual(d.upper95);
      }
    }
    // A campaign's spend forecast is a part of its account's.
    const account = (await owner.client.get<AccountForecast>(api(`/insights/forecasts?accountId=${accountIds[0]}&days=21`))).body;
    expect(res.body.metrics[0]!.total.mean).toBeLessThan(account.metrics[0]!.total.mean);
    const fallback = await owner.client.get<CampaignForecast>(api(`/insights/forecasts/campaigns/${campaign!.campaignId}`));
    expect(fallback.body.metrics[0]!.days).toHaveLength(14);
  });

  it('refuses bad input naming the field, other organisations and accounts a member is not assigned', async () => {
    const [campaign] = await campaignsOf(accountIds[0]!);
    for (const days of ['6', '31', 'soon']) {
      const bad = await owner.client.get(api(`/insights/forecasts/campaigns/${campaign!.campaignId}?days=${days}`));
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('days');
    }
    const badId = await owner.client.get(api('/insights/forecasts/campaigns/nope'));
    expect(badId.status).toBe(400);
    expect(badId.text).toContain('campaignId');
    const unknown = await owner.client.get(api('/insights/forecasts/campaigns/00000000-0000-4000-8000-000000000009'));
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('campaignId');
    const foreign = await other.client.get(`/api/v1/orgs/${other.orgId}/insights/forecasts/campaigns/${campaign!.campaignId}`);
    expect(foreign.status).toBe(404);
    const foreignMonth = (await other.client.get<MonthEndProjection>(`/api/v1/orgs/${other.orgId}/insights/month-end`)).body;
    expect(foreignMonth.accounts).toEqual([]);
    expect(foreignMonth.empty).toMatch(/No ad accounts/);

    const member = await joinAs(server, owner, orgId, 'member');
    expect((await member.client.get(api(`/insights/forecasts/campaigns/${campaign!.campaignId}`))).status).toBe(404);
    expect((await member.client.get<MonthEndProjection>(api('/insights/month-end'))).body.accounts).toEqual([]);
    expect((await owner.client.put(api(`/members/${member.user.id}/ad-accounts`), { adAccountIds: [accountIds[1]] })).status).toBe(200);
    const seen = (await member.client.get<MonthEndProjection>(api('/insights/month-end'))).body;
    expect(seen.accounts.map((a) => a.accountId)).toEqual([accountIds[1]]);
    expect(seen.campaignWarnings.every((w) => w.accountId === accountIds[1])).toBe(true);
    expect((await member.client.get(api(`/insights/forecasts/campaigns/${campaign!.campaignId}`))).status).toBe(404);
    const viewer = await joinAs(server, owner, orgId, 'viewer');
    expect((await viewer.client.get(api('/insights/month-end'))).status).toBe(200);
  });
});
