import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { adAccounts, notificationDeliveries, notificationEvents, notifications, syncRuns } from '@adloop/db';
import type { PlatformError } from '@adloop/platforms';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { orgWithTeam, type OrgWithTeam } from '../setup/org-helpers.ts';
import { signUpVerifiedUser } from '../setup/auth-helpers.ts';
import { startSmtpCapture, type SmtpCapture } from '../setup/smtp-capture.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { emitNotification } from '../../apps/server/src/modules/notifications/emit.ts';
import { approvers, notifyRuleMatches, notifyRuleMatchesTogether } from '../../apps/server/src/modules/rules/rules.notify.ts';
import type { RuleRow } from '../../apps/server/src/modules/rules/rules.repository.ts';
import { noticeSyncFailure, resolveSyncFailure, SYNC_FAILURES_BEFORE_NOTICE } from '../../apps/server/src/modules/sync/sync.notify.ts';
import { FAILED_SIGN_IN_ALERT } from '../../apps/server/src/modules/auth/security-notices.ts';

/**
 * The notices modules emit themselves: security events of an account (new device, a burst of failed
 * sign-ins, MFA off, an API key created), a sync that keeps failing, a webhook endpoint turned off,
 * and a rule's notify action sent only through the channels it chose.
 */
describe('notifications emitted by auth, API keys, sync, webhooks and rules', () => {
  let server: TestServer;
  let smtp: SmtpCapture;
  let org: OrgWithTeam;

  const eventsOf = (kind: string) => server.ctx.db.select().from(notificationEvents).where(eq(notificationEvents.kind, kind));
  const bellOf = (userId: string, kind: string) => server.ctx.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
  const mailsTo = (email: string, subject: string) => smtp.messages.filter((m) => m.to.includes(email) && m.subject.endsWith(subject));
  const deliveriesOf = (eventId: string) => server.ctx.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.eventId, eventId));
  /** The event was fanned out on `channel` (the bell's rows exist from the start) and every delivery has left the queue. */
  const settled = (eventId: string, channel = 'email') =>
    eventually(async () => {
      const rows = await deliveriesOf(eventId);
      return rows.some((r) => r.channel === channel) && rows.every((r) => r.state !== 'queued') ? rows : null;
    }, 20_000, `deliveries of ${eventId}`);

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    server = await startTestServer({ smtpUrl: smtp.url, webhooks: { retryBaseMs: 50, maxAttempts: 2, disableAfterFailures: 2, timeoutMs: 1_500, allowPrivateNetworks: true } });
    server.waitForEmail = (to, subject) => smtp.waitFor(to, subject);
    org = await orgWithTeam(server, 'Watched Co');
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('a sign-in from a new browser tells the person in the app and by email; the same browser again and the first sign-in tell nobody', async () => {
    const fresh = await signUpVerifiedUser(server, { organizationName: 'Fresh Ltd' });
    expect(await bellOf(fresh.user.id, 'security.new_device')).toHaveLength(0);
    const elsewhere = server.client();
    const signIn = await elsewhere.post('/api/v1/auth/sign-in', { email: fresh.email, password: fresh.password }, { 'user-agent': 'Mozilla/5.0 (X11; Linux) Firefox/140.0' });
    expect(signIn.status).toBe(200);
    const mail = await smtp.waitFor(fresh.email, /New sign-in to your Adloop account/);
    expect(mail.text).toContain('Firefox/140.0');
    expect(await bellOf(fresh.user.id, 'security.new_device')).toHaveLength(1);
    // The same browser (it now has the device cookie) signs in again: nothing new.
    await elsewhere.post('/api/v1/auth/sign-in', { email: fresh.email, password: fresh.password }, { 'user-agent': 'Mozilla/5.0 (X11; Linux) Firefox/140.0' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await bellOf(fresh.user.id, 'security.new_device')).toHaveLength(1);
    expect(mailsTo(fresh.email, 'New sign-in to your Adloop account')).toHaveLength(1);
  });

  it('a burst of failed sign-ins tells the account once, not per attempt', async () => {
    const target = await signUpVerifiedUser(server, { organizationName: 'Guessed Ltd' });
    const stranger = server.client();
    for (let i = 0; i < FAILED_SIGN_IN_ALERT + 3; i++) {
      const wrong = await stranger.post('/api/v1/auth/sign-in', { email: target.email, password: `Wrong-Guess-${i}-abc` });
      expect(wrong.status).toBe(401);
    }
    await smtp.waitFor(target.email, /Repeated failed sign-ins/);
    const events = (await eventsOf('security.failed_sign_ins')).filter((e) => e.recipients.includes(target.user.id));
    expect(events).toHaveLength(1);
    expect(events[0]!.occurrences).toBe(4);
    await settled(events[0]!.id);
    expect(mailsTo(target.email, 'Repeated failed sign-ins to your Adloop account')).toHaveLength(1);
    expect(await bellOf(target.user.id, 'security.failed_sign_ins')).toHaveLength(1);
  });

  it('turning MFA off tells the person', async () => {
    const user = await signUpVerifiedUser(server, { organizationName: 'Two Factor Ltd' });
    const totp = (secret: string) => generate({ secret, epoch: Math.floor(server.clock.now().getTime() / 1000) });
    const setup = await user.client.post('/api/v1/me/mfa/setup');
    expect((await user.client.post('/api/v1/me/mfa/enable', { code: await totp(setup.body.secret) })).status).toBe(200);
    server.clock.advance(31_000);
    const off = await user.client.post('/api/v1/me/mfa/disable', { password: user.password, code: await totp(setup.body.secret) });
    expect(off.status).toBe(200);
    await smtp.waitFor(user.email, /Two-factor authentication was turned off/);
    expect(await bellOf(user.user.id, 'security.mfa_disabled')).toHaveLength(1);
  });

  it('a new API key tells owners and admins, not managers', async () => {
    const created = await org.team.admin.client.post(`/api/v1/orgs/${org.orgId}/api-keys`, { name: 'CI export', scope: 'read' });
    expect(created.status).toBe(201);
    const [event] = (await eventsOf('security.api_key_created')).filter((e) => e.orgId === org.orgId);
    expect(event).toBeTruthy();
    const sent = (await settled(event!.id)).filter((d) => d.channel === 'email' && d.state === 'sent').map((d) => d.recipientUserId).sort();
    expect(sent).toEqual([org.team.owner.user.id, org.team.admin.user.id].sort());
    expect(await bellOf(org.team.manager.user.id, 'security.api_key_created')).toHaveLength(0);
    expect(mailsTo(org.team.owner.email, 'API key “CI export” was created')).toHaveLength(1);
  });

  it('a sync failing again and again is one notice per incident, over once the account syncs', async () => {
    const owner = await signUpVerifiedUser(server, { organizationName: 'Syncing Ltd' });
    const platformAccount = sandboxAccounts(server, 'meta').find((a) => !a.isManager)!;
    await connectAndAdd(owner, owner.orgId!, 'meta', [platformAccount.id]);
    // The first sync runs on its own; the failures below come after it.
    const account = await eventually(async () => {
      const [row] = await server.ctx.db.select().from(adAccounts).where(eq(adAccounts.orgId, owner.orgId!));
      return row?.metricsSyncedAt && !row.syncLeaseUntil ? row : null;
    }, 150_000, 'the first sync');
    const error = { kind: 'server_error', details: { platformMessage: 'Service temporarily unavailable' } } as unknown as PlatformError;
    const fail = async () => {
      await server.ctx.db.insert(syncRuns).values({ orgId: owner.orgId!, adAccountId: account!.id, kind: 'structure', status: 'failed', startedAt: new Date(server.clock.now().getTime() + 1000), attempts: 1 });
      await noticeSyncFailure(server.ctx, { ...account!, metricsSyncedAt: null }, error);
    };
    const mine = async () => (await eventsOf('sync.failing')).filter((e) => e.orgId === owner.orgId);
    for (let i = 1; i < SYNC_FAILURES_BEFORE_NOTICE; i++) await fail();
    expect(await mine()).toHaveLength(0);
    await fail();
    await fail();
    expect((await mine()).map((e) => [e.occurrences, e.resolvedAt])).toEqual([[2, null]]);
    await smtp.waitFor(owner.email, /keeps failing/);
    await resolveSyncFailure(server.ctx, account!);
    await fail();
    expect((await mine()).filter((e) => e.resolvedAt === null)).toHaveLength(1);
    expect(await mine()).toHaveLength(2);
  }, 180_000);

  it('a webhook endpoint turned off is announced as webhook.disabled to admins and other endpoints, never to itself', async () => {
    const receiverUrl = server.sandbox!.urls.webhooks!;
    const hook = async () => (await (await fetch(`${receiverUrl}/api/endpoints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Test' }) })).json()) as { id: string; url: string };
    const broken = await hook();
    const healthy = await hook();
    await fetch(`${receiverUrl}/api/endpoints/${broken.id}/fail`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 100, mode: '500' }) });
    const api = `/api/v1/orgs/${org.orgId}/webhooks`;
    const brokenEndpoint = await org.team.owner.client.post(api, { url: broken.url, description: 'Broken', kinds: ['webhook.disabled', 'rule.stopped'] });
    const healthyEndpoint = await org.team.owner.client.post(api, { url: healthy.url, description: 'Healthy', kinds: ['webhook.disabled'] });
    expect([brokenEndpoint.status, healthyEndpoint.status]).toEqual([201, 201]);
    // A real event (test sends do not count): two failed attempts turn the endpoint off.
    await emitNotification(server.ctx, server.ctx.db, { orgId: org.orgId, kind: 'rule.stopped', title: 'Stopped for the webhook test' });
    const [event] = await eventually(async () => {
      const rows = (await eventsOf('webhook.disabled')).filter((e) => e.orgId === org.orgId);
      return rows.length > 0 ? rows : null;
    }, 30_000, 'the endpoint to be turned off');
    expect(event!.body).toContain(broken.url);
    await settled(event!.id, 'webhook');
    const deliveries = await settled(event!.id, 'email');
    const webhookTargets = deliveries.filter((d) => d.channel === 'webhook').map((d) => d.target);
    expect(webhookTargets).toEqual([healthyEndpoint.body.id]);
    expect(deliveries.filter((d) => d.channel === 'email' && d.state === 'sent').map((d) => d.recipientUserId).sort()).toEqual([org.team.owner.user.id, org.team.admin.user.id].sort());
    expect(await bellOf(org.team.owner.user.id, 'webhook.disabled')).toHaveLength(1);
  }, 60_000);

  it('a rule’s notify action goes only through the channels it chose', async () => {
    const receiverUrl = server.sandbox!.urls.webhooks!;
    const hook = (await (await fetch(`${receiverUrl}/api/endpoints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Rules' }) })).json()) as { id: string; url: string };
    const endpoint = await org.team.owner.client.post(`/api/v1/orgs/${org.orgId}/webhooks`, { url: hook.url, description: 'Rules', kinds: ['rule.matched'] });
    expect(endpoint.status).toBe(201);
    const rule = { id: crypto.randomUUID(), orgId: org.orgId, name: 'Channels rule' } as unknown as RuleRow;
    const run = async (channels: ('in_app' | 'email' | 'slack' | 'webhook')[]) => {
      const runId = crypto.randomUUID();
      const decision = { planned: [{ kind: 'notify' as const, channels, message: `Only ${channels.join('+')}` }] };
      await notifyRuleMatches(server.ctx, rule, runId, [{ facts: { name: 'Campaign A' }, decision }] as unknown as Parameters<typeof notifyRuleMatches>[3]);
      const [event] = (await eventsOf('rule.matched')).filter((e) => (e.data as { runId?: string }).runId === runId);
      return event!;
    };
    const inAppOnly = await run(['in_app']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(new Set((await deliveriesOf(inAppOnly.id)).map((d) => d.channel))).toEqual(new Set(['in_app']));
    expect((await bellOf(org.team.manager.user.id, 'rule.matched')).filter((n) => n.body.startsWith('Only in_app '))).toHaveLength(1);

    const emailOnly = await run(['email']);
    const emailed = await settled(emailOnly.id);
    expect(new Set(emailed.map((d) => d.channel))).toEqual(new Set(['email']));
    expect(emailed.filter((d) => d.state === 'sent')).toHaveLength(3);
    expect((await bellOf(org.team.manager.user.id, 'rule.matched')).filter((n) => n.body.startsWith('Only email '))).toHaveLength(0);

    const webhookOnly = await run(['webhook']);
    const hooked = await settled(webhookOnly.id, 'webhook');
    expect(hooked.map((d) => [d.channel, d.target, d.state])).toEqual([['webhook', endpoint.body.id, 'sent']]);
  });

  it('a tick’s rules tell the approvers together, each run through the channels its action chose', async () => {
    const rule = (name: string) => ({ id: crypto.randomUUID(), orgId: org.orgId, name }) as unknown as RuleRow;
    const notice = (name: string, channels: ('in_app' | 'email')[], objects: string[]) => ({
      rule: rule(name),
      runId: crypto.randomUUID(),
      matched: objects.map((object) => ({ facts: { name: object }, decision: { planned: [{ kind: 'notify' as const, channels, message: `Together ${name}` }] } })) as unknown as Parameters<typeof notifyRuleMatches>[3],
    });
    const notices = [notice('bell', ['in_app'], ['Campaign B']), notice('mail', ['email'], ['Campaign C', 'Campaign D']), notice('both', ['in_app', 'email'], ['Campaign E'])];
    // A person who left the organisation since is named too: nobody outside it is told.
    const people = [...(await approvers(server.ctx.db, org.orgId)), { userId: crypto.randomUUID(), email: 'left@example.com' }];
    await notifyRuleMatchesTogether(server.ctx, org.orgId, notices, people);

    const events = (await eventsOf('rule.matched')).filter((e) => notices.some((n) => n.runId === (e.data as { runId?: string }).runId));
    expect(events).toHaveLength(3);
    const eventOf = (i: number) => events.find((e) => (e.data as { runId?: string }).runId === notices[i]!.runId)!;
    expect(eventOf(1).title).toBe('Rule “mail” matched 2 objects');
    expect(eventOf(1).link).toBe(`/orgs/${org.orgId}/rules/${notices[1]!.rule.id}?run=${notices[1]!.runId}`);
    expect(eventOf(0).recipients).toHaveLength(people.length - 1);
    expect(new Set((await deliveriesOf(eventOf(0).id)).map((d) => d.channel))).toEqual(new Set(['in_app']));
    const mailed = await settled(eventOf(1).id);
    expect(new Set(mailed.map((d) => d.channel))).toEqual(new Set(['email']));
    expect(mailed.filter((d) => d.state === 'sent')).toHaveLength(people.length - 1);
    const both = await settled(eventOf(2).id);
    expect(new Set(both.map((d) => d.channel))).toEqual(new Set(['in_app', 'email']));
    const bell = await bellOf(org.team.manager.user.id, 'rule.matched');
    expect(bell.filter((n) => n.body.startsWith('Together bell '))).toHaveLength(1);
    expect(bell.filter((n) => n.body.startsWith('Together mail '))).toHaveLength(0);
    expect(bell.filter((n) => n.body.startsWith('Together both '))).toHaveLength(1);
  });
});
