import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { adAccounts, billingAccounts, plans, tenantSuspensions } from '@adloop/db';
import type { AdAccount, BillingOverview, ReportDefinition, ReportRun } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { seedReportData } from './support/report-data.ts';

interface ErrorBody { error: { code: string; message: string; details: Record<string, unknown> } }
const DAY_MS = 86_400_000;
const definition = { scope: { level: 'campaign' }, when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', operator: 'gt', compare: { kind: 'value', value: 1 } }] }, then: [{ type: 'pause' }] };

/**
 * Plan enforcement over real sockets, beside billing-limits: a campaign created through Adloop past
 * the plan's campaigns, a report format the plan lacks, and who learns that an organisation is
 * read-only or suspended (its members; anyone else gets the usual 401 or 404).
 */
describe('plan enforcement', { timeout: 300_000 }, () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let stranger: SignedUpUser;
  let orgId: string;
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const setPlan = async (id: string, planId: string, status = 'active') => {
    await server.ctx.db.insert(billingAccounts).values({ orgId: id, stripeCustomerId: `cus_test_${id.slice(0, 8)}`, planId, status })
      .onConflictDoUpdate({ target: billingAccounts.orgId, set: { planId, status } });
  };

  beforeAll(async () => {
    server = await startTestServer({ planLimitsEnforced: true });
    owner = await signUpVerifiedUser(server, { organizationName: 'Enforced Co' });
    stranger = await signUpVerifiedUser(server, { organizationName: 'Elsewhere Co' });
    orgId = owner.orgId!;
  }, 600_000);
  afterAll(async () => server?.close());

  it('Free: a campaign past the plan’s campaigns is refused with 402 plan_limit before anything reaches the platform', async () => {
    const meta = sandboxAccounts(server, 'meta').find((a) => a.name === 'Northwind Outdoor – Meta')!;
    const [account] = await connectAndAdd(owner, orgId, 'meta', [meta.id]) as AdAccount[];
    // The account's own campaigns count too: wait for its first sync to bring them in.
    await eventually(async () => {
      const [row] = await server.ctx.db.select({ at: adAccounts.structureSyncedAt }).from(adAccounts).where(eq(adAccounts.id, account!.id));
      return row?.at;
    }, 60_000, 'first sync');
    const usage = () => owner.client.get<BillingOverview>(api('/billing')).then((r) => r.body.usage.find((u) => u.metric === 'campaigns')!);
    const used = (await usage()).used;
    // Plans are data: room for exactly one more on Free in this database.
    await server.ctx.db.update(plans).set({ limits: sql`jsonb_set(${plans.limits}, '{campaigns}', ${String(used + 1)}::jsonb)` }).where(eq(plans.id, 'free'));
    const body = (name: string) => ({
      adAccountId: account!.id, name, objective: 'OUTCOME_LEADS', budget: { kind: 'daily', amountMicros: 25_000_000 },
      adGroup: { name: 'Hikers', countries: ['DE'], ageMin: 21, ageMax: 65 },
      ad: { name: `${name} ad`, headline: 'Autumn boots', description: 'Waterproof boots for wet trails.', finalUrl: 'https://shop.example.com/autumn' },
    });
    const sandboxCampaigns = () => [...server.sandbox!.simulator.world().platforms.meta.campaigns.values()].length;

    const first = await owner.client.post(api('/campaigns'), body('Within the plan'));
    expect(first.status, first.text).toBe(201);
    const onPlatform = sandboxCampaigns();
    const refused = await owner.client.post(api('/campaigns'), body('Past the plan'));
    expect(refused.status, refused.text).toBe(402);
    const error = (refused.body as ErrorBody).error;
    expect(error.code).toBe('plan_limit');
    expect(error.details).toMatchObject({ metric: 'campaigns', used: used + 1, limit: used + 1, plan: 'free', upgradeUrl: '/settings/billing' });
    expect(error.message).toContain('Settings › Billing');
    expect(sandboxCampaigns()).toBe(onPlatform);
    expect(await usage()).toMatchObject({ used: used + 1, limit: used + 1, atLimit: true });
  }, 120_000);

  it('Free: a finished report downloads as PDF; CSV is refused with 402 plan_limit until the plan includes it', async () => {
    const other = await signUpVerifiedUser(server, { organizationName: 'Report Co' });
    const reportOrg = other.orgId!;
    const now = server.clock.now();
    const today = now.toISOString().slice(0, 10);
    await seedReportData(server.ctx.db, reportOrg, { today, days: 10, now, accounts: [{ name: 'Bakery', platform: 'meta', currency: 'USD', campaigns: 2 }] });
    const base = `/api/v1/orgs/${reportOrg}/reports`;
    const report = await other.client.post<ReportDefinition>(base, { name: 'Weekly', kpis: ['spend', 'clicks'], period: 'last_7_days' });
    expect(report.status, report.text).toBe(201);
    const started = await other.client.post<ReportRun>(`${base}/${report.body.id}/runs`, {});
    expect(started.status, started.text).toBe(202);
    await eventually(async () => {
      const run = (await other.client.get<{ items: ReportRun[] }>(`${base}/${report.body.id}/runs`)).body.items.find((r) => r.id === started.body.id);
      if (run?.state === 'failed') throw new Error('the report run failed');
      return run?.state === 'done';
    }, 60_000, 'report run');
    const download = (format: string) => fetch(new URL(`${base}/${report.body.id}/runs/${started.body.id}/report.${format}`, server.url), { headers: other.client.authHeaders() });

    const pdf = await download('pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const csv = await download('csv');
    expect(csv.status).toBe(402);
    const error = ((await csv.json()) as ErrorBody).error;
    expect(error.code).toBe('plan_limit');
    expect(error.details).toMatchObject({ metric: 'reportExports', format: 'csv', allowed: ['pdf'], plan: 'free', upgradeUrl: '/settings/billing' });
    expect(error.message).toContain('CSV exports are not included in your Free plan');

    await setPlan(reportOrg, 'starter');
    const paid = await download('csv');
    expect(paid.status).toBe(200);
    expect(paid.headers.get('content-type')).toContain('text/csv');
  }, 120_000);

  it('a read-only organisation: its members get 402 billing_read_only, anyone else the usual 404 or 401', async () => {
    const pastDueSince = new Date(server.clock.now().getTime() - 15 * DAY_MS);
    await server.ctx.db.insert(billingAccounts).values({ orgId, stripeCustomerId: `cus_test_${orgId.slice(0, 8)}`, planId: 'starter', status: 'past_due', pastDueSince })
      .onConflictDoUpdate({ target: billingAccounts.orgId, set: { status: 'past_due', pastDueSince } });

    const own = await owner.client.post(api('/rules'), { name: 'Blocked', definition });
    expect(own.status, own.text).toBe(402);
    expect((own.body as ErrorBody).error.code).toBe('billing_read_only');

    const foreign = await stranger.client.post(api('/rules'), { name: 'Not mine', definition });
    expect(foreign.status, foreign.text).toBe(404);
    expect(foreign.text).not.toContain('read-only');
    const anonymous = await server.client().post(api('/rules'), { name: 'Nobody', definition });
    expect(anonymous.status, anonymous.text).toBe(401);
    // Paying stays open to members, and still not to strangers.
    expect((await stranger.client.post(api('/billing/portal'), {})).status).toBe(404);
  });

  it('a suspended organisation that is also read-only: anyone else still gets 404', async () => {
    await server.ctx.db.insert(tenantSuspensions).values({ orgId, reason: 'Chargeback under review', suspendedBy: 'ops@adloop.example', suspendedAt: server.clock.now() });
    const own = await owner.client.post(api('/rules'), { name: 'Blocked', definition });
    expect([402, 403]).toContain(own.status);
    expect(['billing_read_only', 'organization_suspended']).toContain((own.body as ErrorBody).error.code);
    const foreign = await stranger.client.post(api('/rules'), { name: 'Not mine', definition });
    expect(foreign.status, foreign.text).toBe(404);
    expect(foreign.text).not.toContain('Chargeback');
  });
});
