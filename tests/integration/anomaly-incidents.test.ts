import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AnomalyIncident, AnomalyIncidentPage, Connection, Notification } from '@adloop/contracts';
import { checkAnomaliesOfOrg } from '../../apps/server/src/modules/insights/index.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { joinAs } from '../setup/org-helpers.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';

const HOUR = 3_600_000;

/**
 * Anomaly incidents end to end over a sandbox account: the simulator breaks conversion tracking on one
 * account from 120 to 48 hours ago; the hourly check, run as of 50 hours ago (yesterday then wholly
 * inside the break), opens tracking incidents and tells the organisation; run an hour later, it folds
 * the repeat; run as of now (tracking back for two days), it resolves them and says so. Then the routes: list, page, one, snooze, acknowledge, and
 * refusals naming the field.
 */
describe('anomaly incidents from the hourly check', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  let brokenId: string;
  let healthyId: string;
  const realNow = Date.now();
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const bell = async () => ((await owner.client.get<{ items: Notification[] }>(api('/notifications?limit=100'))).body.items);
  const list = async (query: string) => (await owner.client.get<AnomalyIncidentPage>(api(`/insights/incidents${query}`))).body;

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Incident Co' });
    orgId = owner.orgId!;
    const grant = sandboxAccounts(server, 'tiktok').filter((a) => !a.isManager).slice(0, 2).map((a) => a.id);
    const outage = await fetch(`${server.sandbox!.urls.control}/control/anomalies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'tiktok', accountId: grant[1], kind: 'tracking_outage', magnitude: 0, start: new Date(realNow - 120 * HOUR).toISOString(), durationHours: 72 }),
    });
    expect(outage.status).toBe(201);
    const added = await connectAndAdd(owner, orgId, 'tiktok', grant);
    healthyId = added[0]!.id;
    brokenId = added[1]!.id;
    await eventually(async () => {
      const overview = (await owner.client.get(api('/connections'))).body as { connections: Connection[] };
      return overview.connections.flatMap((c) => c.accounts.filter((a) => a.selected)).every((a) => a.health.state === 'fresh');
    }, 150_000, 'first sync');
  }, 240_000);
  afterAll(async () => server?.close());

  it('opens tracking incidents during the break and tells the organisation once, with the figures and the chart', async () => {
    const during = new Date(realNow - 50 * HOUR);
    server.clock.set(during);
    const first = await checkAnomaliesOfOrg(server.ctx, orgId);
    const tracking = first.opened.filter((r) => r.adAccountId === brokenId && r.cause === 'tracking');
    expect(tracking.length).toBeGreaterThan(0);
    expect(tracking.some((r) => r.metric === 'conversions' && r.direction === 'down' && r.observed < r.lower)).toBe(true);
    expect(first.opened.filter((r) => r.adAccountId === healthyId && r.cause === 'tracking')).toEqual([]);
    const told = (await bell()).filter((n) => n.kind === 'anomaly.opened');
    expect(told.length).toBe(first.opened.length);
    // Through the notification channels: one event per incident, keyed by it (a retried check folds into it).
    const events = await server.ctx.db.execute(sql`SELECT incident_key FROM notification_events WHERE org_id = ${orgId}::uuid AND kind = 'anomaly.opened'`);
    expect((events as unknown as { rows: { incident_key: string }[] }).rows.map((r) => r.incident_key).sort()).toEqual(first.opened.map((r) => `anomaly:${r.id}`).sort());
    const one = told.find((n) => n.title.includes('conversion tracking may be broken'));
    expect(one?.body).toMatch(/expected \(normal .+\) per (hour|day), since /);
    expect(one?.link).toMatch(new RegExp(`^/orgs/${orgId}/(campaigns/[0-9a-f-]{36}\\?range=custom&since=\\d{4}-\\d{2}-\\d{2}&until=\\d{4}-\\d{2}-\\d{2}&granularity=(hour|day)|insights\\?account=${brokenId})$`));

    // The next hour finds it again: folded into the same incident, nobody is told twice.
    server.clock.set(new Date(during.getTime() + HOUR));
    const again = await checkAnomaliesOfOrg(server.ctx, orgId);
    expect(again.repeated).toBeGreaterThan(0);
    expect(again.opened.filter((r) => r.adAccountId === brokenId && r.cause === 'tracking')).toEqual([]);
    expect((await bell()).filter((n) => n.kind === 'anomaly.opened').length).toBe(first.opened.length + again.opened.length);
    const open = await list(`?accountId=${brokenId}&limit=100`);
    const stored = open.items.find((i) => i.id === tracking[0]!.id);
    expect(stored?.occurrences).toBe(2);
    expect(stored?.status).toBe('open');
  }, 120_000);

  it('resolves them once tracking is back and says so', async () => {
    server.clock.set(new Date(realNow));
    const after = await checkAnomaliesOfOrg(server.ctx, orgId);
    const resolved = after.resolved.filter((r) => r.adAccountId === brokenId && r.cause === 'tracking');
    expect(resolved.length).toBeGreaterThan(0);
    // Hourly incidents are over once conversions come back; a daily one lasts while the day it judges still shows the break.
    expect((await list(`?accountId=${brokenId}&limit=100`)).items.filter((i) => i.cause === 'tracking' && i.grain === 'hour')).toEqual([]);
    const done = await list(`?status=resolved&accountId=${brokenId}&limit=100`);
    expect(done.items.some((i) => i.cause === 'tracking' && i.resolvedAt !== null)).toBe(true);
    const backToNormal = (await bell()).filter((n) => n.kind === 'anomaly.resolved');
    expect(backToNormal.length).toBeGreaterThanOrEqual(resolved.length);
    expect(backToNormal[0]?.title).toMatch(/back to normal/);
  }, 120_000);

  it('pages, reads one, snoozes and acknowledges; a snoozed key reopening stays quiet', async () => {
    const resolved = await list('?status=resolved&limit=1');
    expect(resolved.items).toHaveLength(1);
    if (resolved.nextCursor) {
      const next = await list(`?status=resolved&limit=1&cursor=${resolved.nextCursor}`);
      expect(next.items[0]?.id).not.toBe(resolved.items[0]?.id);
    }
    const id = resolved.items[0]!.id;
    const one = await owner.client.get<AnomalyIncident>(api(`/insights/incidents/${id}`));
    expect(one.status).toBe(200);
    expect(one.body.link.startsWith(`/orgs/${orgId}/`)).toBe(true);
    // A resolved incident has nothing to snooze.
    const until = new Date(server.clock.now().getTime() + 24 * HOUR).toISOString();
    expect((await owner.client.post(api(`/insights/incidents/${id}/snooze`), { until })).status).toBe(409);
    const ack = await owner.client.post<AnomalyIncident>(api(`/insights/incidents/${id}/acknowledge`), {});
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedAt).not.toBeNull();
    expect(ack.body.acknowledgedBy).toBeTruthy();

    // Reopen the break's key as of the break, snoozed: the new incident inherits the snooze, no alert.
    server.clock.set(new Date(realNow - 50 * HOUR));
    const reopened = await checkAnomaliesOfOrg(server.ctx, orgId);
    const target = reopened.opened.find((r) => r.adAccountId === brokenId && r.cause === 'tracking');
    expect(target).toBeDefined();
    const snoozed = await owner.client.post<AnomalyIncident>(api(`/insights/incidents/${target!.id}/snooze`), { until: new Date(realNow + 24 * HOUR).toISOString() });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body.snoozedUntil).not.toBeNull();
    server.clock.set(new Date(realNow));
    const quiet = await checkAnomaliesOfOrg(server.ctx, orgId);
    expect(quiet.resolved.some((r) => r.id === target!.id)).toBe(true);
    const resolvedTold = (await bell()).filter((n) => n.kind === 'anomaly.resolved' && n.title === `${target!.name}: ${target!.metric === 'conversion_rate' ? 'conversion rate' : target!.metric} back to normal`);
    const before = resolvedTold.length;
    server.clock.set(new Date(realNow - 50 * HOUR));
    const third = await checkAnomaliesOfOrg(server.ctx, orgId);
    const same = third.opened.find((r) => r.incidentKey === target!.incidentKey);
    expect(same?.snoozedUntil?.getTime()).toBe(realNow + 24 * HOUR);
    expect((await bell()).filter((n) => n.kind === 'anomaly.resolved' && n.title === resolvedTold[0]?.title).length).toBe(before);
    server.clock.set(new Date(realNow));
  }, 180_000);

  it('refuses malformed input naming the field, and keeps other organisations and unassigned members out', async () => {
    const id = (await list('?status=resolved&limit=1')).items[0]!.id;
    const cases: [string, Promise<{ status: number; text: string }>, number, string][] = [
      ['status', owner.client.get(api('/insights/incidents?status=closed')), 400, 'status'],
      ['limit', owner.client.get(api('/insights/incidents?limit=0')), 400, 'limit'],
      ['cursor', owner.client.get(api('/insights/incidents?cursor=bm9wZQ')), 400, 'cursor'],
      ['accountId', owner.client.get(api('/insights/incidents?accountId=nope')), 400, 'accountId'],
      ['unknown query', owner.client.get(api('/insights/incidents?colour=red')), 400, 'colour'],
      ['incidentId', owner.client.get(api('/insights/incidents/nope')), 400, 'incidentId'],
      ['missing', owner.client.get(api('/insights/incidents/00000000-0000-4000-8000-000000000009')), 404, 'incidentId'],
      ['until missing', owner.client.post(api(`/insights/incidents/${id}/snooze`), {}), 400, 'until'],
      ['until not a time', owner.client.post(api(`/insights/incidents/${id}/snooze`), { until: 'tomorrow' }), 400, 'until'],
      ['until past', owner.client.post(api(`/insights/incidents/${id}/snooze`), { until: new Date(realNow - HOUR).toISOString() }), 400, 'until'],
      ['until too far', owner.client.post(api(`/insights/incidents/${id}/snooze`), { until: new Date(realNow + 40 * 24 * HOUR).toISOString() }), 400, 'until'],
      ['extra field', owner.client.post(api(`/insights/incidents/${id}/snooze`), { until: new Date(realNow + HOUR).toISOString(), forever: true }), 400, 'forever'],
      ['array body', owner.client.post(api(`/insights/incidents/${id}/snooze`), [1]), 400, ''],
      ['acknowledge body', owner.client.post(api(`/insights/incidents/${id}/acknowledge`), { note: 'x' }), 400, 'note'],
    ];
    for (const [label, pending, status, field] of cases) {
      const res = await pending;
      expect(res.status, label).toBe(status);
      expect(res.text, label).toContain(field);
    }
    const other = await signUpVerifiedUser(server, { organizationName: 'Elsewhere Co' });
    const foreign = await other.client.get(`/api/v1/orgs/${other.orgId}/insights/incidents/${id}`);
    expect(foreign.status).toBe(404);
    const member = await joinAs(server, owner, orgId, 'member');
    expect((await member.client.get<AnomalyIncidentPage>(api('/insights/incidents?status=resolved'))).body.items).toEqual([]);
    expect((await member.client.get(api(`/insights/incidents/${id}`))).status).toBe(404);
    const viewer = await joinAs(server, owner, orgId, 'viewer');
    expect((await viewer.client.post(api(`/insights/incidents/${id}/acknowledge`), {})).status).toBe(403);
  }, 120_000);
});
