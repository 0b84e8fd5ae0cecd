import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notificationDeliveries, notificationEvents, notifications } from '@adloop/db';
import { NOTIFICATION_KINDS, NOTIFICATION_KIND_NAMES, type NotificationKind } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { orgWithTeam, type OrgWithTeam } from '../setup/org-helpers.ts';
import { startSmtpCapture, type SmtpCapture } from '../setup/smtp-capture.ts';
import { emitNotification } from '../../apps/server/src/modules/notifications/emit.ts';

/** Waits until every delivery of the event on `channel` left the queue (sent, failed, skipped, held or digested). */
async function settled(server: TestServer, eventId: string, channel = 'email', timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await server.ctx.db.select().from(notificationDeliveries).where(and(eq(notificationDeliveries.eventId, eventId), eq(notificationDeliveries.channel, channel)));
    if (rows.length > 0 && rows.every((r) => r.state !== 'queued')) return rows;
    if (Date.now() > deadline) throw new Error(`deliveries of ${eventId} still queued: ${JSON.stringify(rows.map((r) => [r.state, r.attempts, r.lastError]))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('notifications: catalogue, emit, fan-out, preferences, email', () => {
  let server: TestServer;
  let smtp: SmtpCapture;
  let org: OrgWithTeam;

  const emit = (kind: NotificationKind, extra: { recipients?: string[]; incidentKey?: string; orgId?: string | null; title?: string } = {}) =>
    emitNotification(server.ctx, server.ctx.db, { orgId: extra.orgId === undefined ? org.orgId : extra.orgId, kind, title: extra.title ?? `Test ${kind} ${Math.random().toString(36).slice(2, 8)}`, body: 'Details of what happened.', link: `/orgs/${org.orgId}/connections`, ...(extra.recipients ? { recipients: extra.recipients } : {}), ...(extra.incidentKey ? { incidentKey: extra.incidentKey } : {}) });

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    server = await startTestServer({ smtpUrl: smtp.url });
    server.waitForEmail = (to, subject) => smtp.waitFor(to, subject);
    org = await orgWithTeam(server, 'Notified Co');
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('every kind reaches the bell and the inbox of its audience exactly once', async () => {
    const owner = org.team.owner;
    for (const kind of NOTIFICATION_KIND_NAMES) {
      const accountLevel = kind.startsWith('security.') && kind !== 'security.api_key_created';
      const audience = NOTIFICATION_KINDS[kind].audience;
      const title = `Every kind: ${kind}`;
      const eventId = await emit(kind, { title, ...(audience === 'actor' ? { recipients: [owner.user.id] } : {}), ...(accountLevel ? { orgId: null } : {}) });
      expect(eventId, kind).toBeTruthy();
      const deliveries = await settled(server, eventId!);
      const mine = deliveries.filter((d) => d.recipientUserId === owner.user.id);
      expect(mine.map((d) => d.state), kind).toEqual(['sent']);
      const bell = await server.ctx.db.select().from(notifications).where(and(eq(notifications.userId, owner.user.id), eq(notifications.title, title)));
      expect(bell, kind).toHaveLength(1);
      expect(smtp.messages.filter((m) => m.subject.endsWith(title) && m.to.includes(owner.email)), kind).toHaveLength(1);
    }
    // Viewers are not in the members audience; admins-only kinds skip managers.
    const anomaly = await server.ctx.db.select().from(notifications).where(and(eq(notifications.title, 'Every kind: anomaly.opened')));
    expect(anomaly.map((n) => n.userId).sort()).toEqual([org.team.owner, org.team.admin, org.team.manager, org.team.member].map((p) => p.user.id).sort());
  }, 120_000);

  it('the email has HTML and text from one source, and RFC 8058 unsubscribe headers', async () => {
    const mail = smtp.messages.find((m) => m.subject.endsWith('Every kind: rule.stopped') && m.to.includes(org.team.admin.email))!;
    expect(mail.text).toContain('Details of what happened.');
    expect(mail.html).toContain('Details of what happened.');
    expect(mail.text).toContain(`/orgs/${org.orgId}/connections`);
    expect(mail.headers['list-unsubscribe']).toMatch(/^<http:\/\/.+\/api\/v1\/notifications\/unsubscribe\?token=[^>]+>$/);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const security = smtp.messages.find((m) => m.subject.endsWith('Every kind: security.mfa_disabled'))!;
    expect(security.headers['list-unsubscribe']).toBeUndefined();
  });

  it('unsubscribes in one click without signing in, and refuses a tampered token', async () => {
    const mail = smtp.messages.find((m) => m.subject.endsWith('Every kind: rule.stopped') && m.to.includes(org.team.admin.email))!;
    // The header names the public URL; the test server listens elsewhere, so keep its path and query.
    const named = new URL(mail.headers['list-unsubscribe']!.slice(1, -1));
    const url = `${server.url}${named.pathname}${named.search}`;
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ kind: 'rule.stopped', unsubscribed: true, email: org.team.admin.email });
    const tampered = await fetch(url.replace(/token=(.)/, (_, c: string) => `token=${c === 'A' ? 'B' : 'A'}`), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toMatchObject({ error: { code: 'validation_failed' } });

    const eventId = await emit('rule.stopped');
    const deliveries = await settled(server, eventId!);
    expect(deliveries.find((d) => d.recipientUserId === org.team.admin.user.id)?.state).toBe('skipped');
    expect(deliveries.find((d) => d.recipientUserId === org.team.owner.user.id)?.state).toBe('sent');
    // The bell still rings for the admin: only the email was turned off.
    const prefs = await org.team.admin.client.get(`/api/v1/orgs/${org.orgId}/notifications/preferences`);
    expect(prefs.body.mine).toContainEqual({ kind: 'rule.stopped', channel: 'email', enabled: false });
  });

  it('a person’s choice beats the organisation default, which beats on', async () => {
    const denied = await org.team.member.client.put(`/api/v1/orgs/${org.orgId}/notifications/defaults`, { defaults: [{ kind: 'anomaly.resolved', channel: 'in_app', enabled: false }] });
    expect(denied.status).toBe(403);
    const set = await org.team.admin.client.put(`/api/v1/orgs/${org.orgId}/notifications/defaults`, { defaults: [{ kind: 'anomaly.resolved', channel: 'in_app', enabled: false }] });
    expect(set.status).toBe(200);
    const mine = await org.team.member.client.put(`/api/v1/orgs/${org.orgId}/notifications/preferences`, { preferences: [{ kind: 'anomaly.resolved', channel: 'in_app', enabled: true }] });
    expect(mine.status).toBe(200);
    const title = 'Defaults and overrides';
    const eventId = await emit('anomaly.resolved', { title });
    const bell = await server.ctx.db.select().from(notifications).where(eq(notifications.title, title));
    expect(bell.map((n) => n.userId)).toEqual([org.team.member.user.id]);
    const inApp = await settled(server, eventId!, 'in_app');
    expect(inApp.filter((d) => d.state === 'skipped')).toHaveLength(3);
    const locked = await org.team.member.client.put(`/api/v1/orgs/${org.orgId}/notifications/preferences`, { preferences: [{ kind: 'security.mfa_disabled', channel: 'email', enabled: false }] });
    expect(locked.status).toBe(400);
    expect(locked.body.error.details?.[0]?.field ?? JSON.stringify(locked.body)).toContain('preferences.0.enabled');
  });

  it('quiet hours hold email until they end in the person’s zone; critical ones go at once', async () => {
    const now = server.clock.now();
    const hh = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    const start = new Date(now.getTime() - 60 * 60_000);
    const end = new Date(now.getTime() + 2 * 60 * 60_000);
    const put = await org.team.manager.client.put(`/api/v1/orgs/${org.orgId}/notifications/preferences`, { settings: { timeZone: 'UTC', quietStart: hh(start), quietEnd: hh(end), digest: 'off' } });
    expect(put.status).toBe(200);
    const warning = await settled(server, (await emit('budget.pacing'))!);
    const held = warning.find((d) => d.recipientUserId === org.team.manager.user.id)!;
    expect(held.state).toBe('held');
    expect(Math.abs(held.dueAt!.getTime() - end.getTime())).toBeLessThan(60_000);
    const critical = await settled(server, (await emit('kill_switch.on'))!);
    expect(critical.find((d) => d.recipientUserId === org.team.manager.user.id)?.state).toBe('sent');
    await org.team.manager.client.put(`/api/v1/orgs/${org.orgId}/notifications/preferences`, { settings: { timeZone: 'Europe/Paris', quietStart: null, quietEnd: null, digest: 'off' } });
  });

  it('emitting again while an incident is open folds into it: one event, nothing sent twice', async () => {
    const first = await emit('sync.failing', { incidentKey: 'account-42', title: 'Sync of account 42 keeps failing' });
    const second = await emit('sync.failing', { incidentKey: 'account-42', title: 'Sync of account 42 keeps failing' });
    expect(second).toBe(first);
    const [event] = await server.ctx.db.select().from(notificationEvents).where(eq(notificationEvents.id, first!));
    expect(event?.occurrences).toBe(2);
    await settled(server, first!);
    const bell = await server.ctx.db.select().from(notifications).where(and(eq(notifications.title, 'Sync of account 42 keeps failing'), eq(notifications.userId, org.team.owner.user.id)));
    expect(bell).toHaveLength(1);
    expect(smtp.messages.filter((m) => m.subject.endsWith('Sync of account 42 keeps failing') && m.to.includes(org.team.owner.email))).toHaveLength(1);
  });

  it('a failing SMTP server is retried with backoff and the email arrives once', async () => {
    smtp.failNext(2, /SMTP retry/);
    const eventId = await emit('change.approved', { recipients: [org.team.member.user.id], title: 'SMTP retry: your proposal was approved' });
    const deadline = Date.now() + 30_000;
    let row;
    for (;;) {
      [row] = await server.ctx.db.select().from(notificationDeliveries).where(and(eq(notificationDeliveries.eventId, eventId!), eq(notificationDeliveries.channel, 'email')));
      if (row?.state === 'sent' || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(row).toMatchObject({ state: 'sent', attempts: 3 });
    expect(smtp.refused).toBeGreaterThanOrEqual(2);
    expect(smtp.messages.filter((m) => m.subject.includes('SMTP retry'))).toHaveLength(1);
  }, 40_000);

  it('low-severity items are batched into one digest email', async () => {
    await org.team.viewer.client.put(`/api/v1/orgs/${org.orgId}/notifications/preferences`, { settings: { timeZone: 'UTC', quietStart: null, quietEnd: null, digest: 'hourly' } });
    const a = await settled(server, (await emit('summary.daily', { recipients: [org.team.viewer.user.id], title: 'Digest item one' }))!);
    const b = await settled(server, (await emit('report.ready', { recipients: [org.team.viewer.user.id], title: 'Digest item two' }))!);
    expect([a[0]?.state, b[0]?.state]).toEqual(['digested', 'digested']);
    const { sendDueDigests } = await import('../../apps/server/src/modules/notifications/digest.ts');
    expect(await sendDueDigests(server.ctx)).toBe(1);
    const digest = await smtp.waitFor(org.team.viewer.email, /digest/);
    expect(digest.text).toContain('Digest item one');
    expect(digest.text).toContain('Digest item two');
    expect(digest.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(await sendDueDigests(server.ctx)).toBe(0);
  });

  it('admins read the delivery log, paged', async () => {
    const page = await org.team.admin.client.get(`/api/v1/orgs/${org.orgId}/notifications/deliveries?limit=5`);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(5);
    expect(page.body.nextCursor).toBeTruthy();
    const next = await org.team.admin.client.get(`/api/v1/orgs/${org.orgId}/notifications/deliveries?limit=5&cursor=${encodeURIComponent(page.body.nextCursor)}`);
    expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
    expect((await org.team.member.client.get(`/api/v1/orgs/${org.orgId}/notifications/deliveries`)).status).toBe(403);
    const bad = await org.team.admin.client.get(`/api/v1/orgs/${org.orgId}/notifications/deliveries?state=lost`);
    expect(bad.status).toBe(400);
  });
});
