import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, ReportData, ReportDefinition } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { seedReportData } from './support/report-data.ts';

const NOW = new Date('2026-03-11T09:00:00Z');
const LATER = new Date(NOW.getTime() + 61_000);
interface Link { id: string; path: string; views: number; revokedAt: string | null; expiresAt: string }

/** Client report links: signed, for the report's accounts only, expiring, revocable, every view logged. */
describe('client report links', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  let accountIds: string[];
  let report: ReportDefinition;
  let link: Link;
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const open = (path: string, address = '198.51.100.7') => server.client().get<ReportData>(`/api/v1/report-links/${path.replace(/^\/r\//, '')}`, { 'x-forwarded-for': address });

  beforeAll(async () => {
    server = await startTestServer();
    server.clock.set(NOW);
    owner = await signUpVerifiedUser(server, { organizationName: 'Links Agency' });
    orgId = owner.orgId!;
    ({ accountIds } = await seedReportData(server.ctx.db, orgId, {
      today: '2026-03-11', days: 10, now: NOW,
      accounts: [
        { name: 'Client A shop', platform: 'meta', currency: 'USD', campaigns: 3 },
        { name: 'Client B salon', platform: 'meta', currency: 'USD', campaigns: 2 },
      ],
    }));
    report = (await owner.client.post<ReportDefinition>(api('/reports'), { name: 'Client A weekly', accountIds: [accountIds[0]], breakdowns: ['account', 'campaign'], period: 'last_7_days' })).body;
    const made = await owner.client.post<Link>(api(`/reports/${report.id}/links`), { label: 'For Client A', expiresInDays: 7 });
    expect(made.status).toBe(201);
    link = made.body;
  }, 120_000);
  afterAll(async () => server?.close());

  it('shows the live report signed out: the link accounts only, the same numbers as the dashboard for them', async () => {
    const res = await open(link.path);
    expect(res.status, res.text).toBe(200);
    const board = (await owner.client.get<Dashboard>(api('/dashboard?since=2026-03-04&until=2026-03-10'))).body;
    expect(res.body.range).toEqual({ since: '2026-03-04', until: '2026-03-10' });
    expect(res.body.byAccount?.map((a) => a.name)).toEqual(['Client A shop']);
    expect(res.body.byCampaign?.every((c) => c.accountName === 'Client A shop')).toBe(true);
    expect(res.text).not.toContain('Client B salon');
    // The organisation's whole dashboard counts both clients; the link shows Client A's part of it.
    const whole = board.totals.spendMicros;
    expect(res.body.totals.kpis.spendMicros).toBeLessThan(whole);
    expect(res.body.totals.kpis.spendMicros).toBe(res.body.byAccount![0]!.kpis.spendMicros);
  });

  it('logs every view and lists them for the members', async () => {
    await open(link.path);
    const links = (await owner.client.get<{ items: Link[] }>(api(`/reports/${report.id}/links`))).body.items;
    expect(links.find((l) => l.id === link.id)?.views).toBe(2);
    const views = (await owner.client.get<{ items: { viewedAt: string; userAgent: string | null }[] }>(api(`/reports/${report.id}/links/${link.id}/views`))).body.items;
    expect(views).toHaveLength(2);
  });

  it('refuses a forged token with 404 and rate-limits one address', async () => {
    const forged = link.path.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await open(forged)).status).toBe(404);
    let limited = 0;
    for (let i = 0; i < 70; i += 1) if ((await server.client().get(`/api/v1/report-links/not-a-real-token-${i}`, { 'x-forwarded-for': '203.0.113.9' })).status === 429) limited += 1;
    expect(limited).toBeGreaterThan(0);
    // A minute later the address may ask again.
    server.clock.set(LATER);
    expect((await open(link.path)).status).toBe(200);
  });

  it('stops working once revoked (410) and after its expiry (410)', async () => {
    const second = (await owner.client.post<Link>(api(`/reports/${report.id}/links`), { label: 'Short', expiresInDays: 1 })).body;
    expect((await open(second.path)).status).toBe(200);
    server.clock.set(new Date(LATER.getTime() + 2 * 86_400_000));
    const expired = await open(second.path);
    expect(expired.status).toBe(410);
    server.clock.set(LATER);

    const revoked = await owner.client.post<Link>(api(`/reports/${report.id}/links/${link.id}/revoke`), {});
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const gone = await open(link.path);
    expect(gone.status).toBe(410);
    expect(gone.text).not.toContain('Client A shop');
  });

  it('a link made before the report was widened keeps its own accounts', async () => {
    const third = (await owner.client.post<Link>(api(`/reports/${report.id}/links`), { label: 'Before widening' })).body;
    expect((await owner.client.put(api(`/reports/${report.id}`), { name: 'Both clients', accountIds, breakdowns: ['account'] })).status).toBe(200);
    const res = await open(third.path);
    expect(res.body.byAccount?.map((a) => a.name)).toEqual(['Client A shop']);
  });
});
