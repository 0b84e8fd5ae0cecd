import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { anomalyIncidents, memberAdAccounts, memberships, notificationDeliveries, notificationEvents } from '@adloop/db';
import type { Dashboard, DailySummary } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { summaryTick } from '../../apps/server/src/modules/summary/index.ts';
import { seedReportData } from './support/report-data.ts';

// Wednesday 2026-03-11, 10:00 in Berlin: yesterday is 2026-03-10.
const NOW = new Date('2026-03-11T09:00:00Z');
const ZONE = 'Europe/Berlin';

/** The daily summary: the dashboard's numbers for yesterday and the day before, sent once per organisation per day from 08:00 local. */
describe('daily summary', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let member: SignedUpUser;
  let orgId: string;
  let accountIds: string[];
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;

  beforeAll(async () => {
    server = await startTestServer();
    server.clock.set(NOW);
    owner = await signUpVerifiedUser(server, { organizationName: 'Summary Co' });
    orgId = owner.orgId!;
    expect((await owner.client.patch(api(''), { timeZone: ZONE })).status).toBe(200);
    ({ accountIds } = await seedReportData(server.ctx.db, orgId, {
      today: '2026-03-11', days: 20, now: NOW,
      accounts: [
        { name: 'Bakery', platform: 'meta', currency: 'USD', campaigns: 4 },
        { name: 'Florist', platform: 'tiktok', currency: 'USD', campaigns: 3 },
      ],
    }));
    // A member who sees the Florist account only.
    member = await signUpVerifiedUser(server, {});
    await server.ctx.db.insert(memberships).values({ orgId, userId: member.user.id, role: 'member' });
    await server.ctx.db.insert(memberAdAccounts).values({ orgId, userId: member.user.id, adAccountId: accountIds[1]! });
    await server.ctx.db.insert(anomalyIncidents).values({
      orgId, adAccountId: accountIds[0]!, incidentKey: 'account|spend|cost', name: 'Bakery', metric: 'spend', cause: 'cost', status: 'open', grain: 'day', direction: 'up', method: 'ets', confidence: 'normal',
      observed: 300, expected: 100, lower: 80, upper: 120, since: NOW, lastAt: NOW, openedAt: NOW, lastSeenAt: NOW,
    });
  }, 120_000);
  afterAll(async () => server?.close());

  it("yesterday's summary carries the dashboard's numbers for yesterday and the day before, a forecast, top movers and the open anomaly", async () => {
    const res = await owner.client.get<DailySummary>(api('/summary/daily'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = res.body;
    expect(s).toMatchObject({ date: '2026-03-10', previousDate: '2026-03-09', timeZone: ZONE, openAnomalyCount: 1, proposalsWaiting: 0 });
    const day = (await owner.client.get<Dashboard>(api('/dashboard?since=2026-03-10&until=2026-03-10'))).body;
    const before = (await owner.client.get<Dashboard>(api('/dashboard?since=2026-03-09&until=2026-03-09'))).body;
    expect(day.totals.spendMicros).toBeGreaterThan(0);
    expect(s.totals).toEqual(day.totals);
    expect(s.previousTotals).toEqual(before.totals);
    expect(s.currency).toBe(day.currency);
    expect(s.forecast).not.toBeNull();
    expect(s.forecast!.spendMicros).toBeGreaterThan(0);
    expect(s.topMovers.length).toBeGreaterThan(0);
    const moved = s.topMovers.map((m) => Math.abs(m.spendMicros - m.previousSpendMicros));
    expect(moved).toEqual([...moved].sort((a, b) => b - a));
    expect(s.openAnomalies).toEqual([expect.objectContaining({ name: 'Bakery', metric: 'spend', direction: 'up' })]);

    const earlier = (await owner.client.get<DailySummary>(api('/summary/daily?date=2026-03-05'))).body;
    const dash = (await owner.client.get<Dashboard>(api('/dashboard?since=2026-03-05&until=2026-03-05'))).body;
    expect(earlier.totals).toEqual(dash.totals);
  }, 60_000);

  it('a bad or unfinished date is refused with a 400 naming date', async () => {
    for (const date of ['yesterday', '2026-02-30', '2026-03-11']) {
      const res = await owner.client.get(api(`/summary/daily?date=${date}`));
      expect(res.status, date).toBe(400);
      expect(JSON.stringify(res.body)).toContain('date');
    }
  });

  it('is sent once per organisation per day from 08:00 in its time zone: a second run sends nothing', async () => {
    const events = async () => server.ctx.db.select().from(notificationEvents).where(and(eq(notificationEvents.orgId, orgId), eq(notificationEvents.kind, 'summary.daily')));
    server.clock.set(new Date('2026-03-11T06:59:00Z'));
    expect(await summaryTick(server.ctx)).toBe(0);
    server.clock.set(new Date('2026-03-11T07:01:00Z'));
    expect(await summaryTick(server.ctx)).toBe(1);
    expect(await summaryTick(server.ctx)).toBe(0);
    server.clock.set(new Date('2026-03-11T15:00:00Z'));
    expect(await summaryTick(server.ctx)).toBe(0);
    const all = await events();
    expect(all).toHaveLength(2);
    const sent = all.filter((e) => (e.recipients as string[]).includes(owner.user.id));
    expect(sent).toHaveLength(1);
    // The limited member gets a summary of their account only: the dashboard's numbers for it.
    const mine = all.find((e) => (e.recipients as string[]).includes(member.user.id))!;
    expect(mine.recipients).toEqual([member.user.id]);
    expect((mine.data as { spendMicros: number }).spendMicros).toBe((await member.client.get<Dashboard>(api('/dashboard?since=2026-03-10&until=2026-03-10'))).body.totals.spendMicros);
    expect((mine.data as { spendMicros: number }).spendMicros).toBeLessThan((sent[0]!.data as { spendMicros: number }).spendMicros);
    expect(sent[0]!.title).toMatch(/^Daily summary for 2026-03-10: /);
    expect(sent[0]!.body).toContain('Open anomalies: 1. Proposals waiting: 0.');
    expect(sent[0]!.recipients).toEqual([owner.user.id]);
    // The bell has it (the owner's in-app preference is on by default); email goes through the fan-out by preference.
    const inApp = await server.ctx.db.select().from(notificationDeliveries).where(and(eq(notificationDeliveries.eventId, sent[0]!.id), eq(notificationDeliveries.channel, 'in_app')));
    expect(inApp).toEqual([expect.objectContaining({ state: 'sent', recipientUserId: owner.user.id })]);
    // The next day sends the next summary.
    server.clock.set(new Date('2026-03-12T07:30:00Z'));
    expect(await summaryTick(server.ctx)).toBe(1);
    expect(await events()).toHaveLength(4);
    server.clock.set(NOW);
  }, 60_000);

  it('send me a preview reaches only the person who asked', async () => {
    const res = await owner.client.post<{ sent: boolean; eventId: string }>(api('/summary/daily/preview?date=2026-03-10'), {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.sent).toBe(true);
    const [event] = await server.ctx.db.select().from(notificationEvents).where(eq(notificationEvents.id, res.body.eventId));
    expect(event).toMatchObject({ kind: 'summary.daily', recipients: [owner.user.id] });
    expect(event!.title).toMatch(/^Preview: Daily summary for 2026-03-10/);
  });
});
