import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { SlackChannelList, SlackStatus } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { joinAs } from '../setup/org-helpers.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { eventually } from '../setup/connect-helpers.ts';
import { installSlackThroughConsent, slackControl, slackSandbox } from '../setup/slack-helpers.ts';
import { emitNotification } from '../../apps/server/src/modules/notifications/index.ts';

const issueFields = (body: { error?: { details?: { issues?: Array<{ field: string }> } } }) => body.error?.details?.issues?.map((i) => i.field) ?? [];

describe('Slack: Add to Slack through the sandbox, channel and kinds, the slack notification channel', () => {
  let server: TestServer;
  let org: { orgId: string; team: Record<'owner' | 'admin' | 'member', SignedUpUser> };
  let base = '';

  const emit = async (kind: 'anomaly.opened' | 'budget.pacing' | 'rule.acted', title: string) => {
    await emitNotification(server.ctx, server.ctx.db, { orgId: org.orgId, kind, title, body: 'Search – Brand spent $812 against $450 expected.', link: `/orgs/${org.orgId}/anomalies` });
  };
  const postedWith = (title: string) => slackSandbox(server).state.messages.filter((m) => m.text.startsWith(title));
  const slackDelivery = async (title: string) => {
    const result = (await server.ctx.db.execute(sql`select d.state, d.attempts, d.last_error from notification_deliveries d join notification_events e on e.id = d.event_id where d.channel = 'slack' and e.title = ${title}`)) as unknown as { rows: { state: string; attempts: number; last_error: string | null }[] };
    return result.rows;
  };

  beforeAll(async () => {
    server = await startTestServer();
    // A small team, joined one by one: the invitations' emails arrive in time on a busy machine.
    const owner = await signUpVerifiedUser(server, { organizationName: 'Slack Co', name: 'Slack Co owner' });
    const orgId = owner.orgId!;
    const admin = await joinAs(server, owner, orgId, 'admin');
    const member = await joinAs(server, owner, orgId, 'member');
    org = { orgId, team: { owner, admin, member } };
    base = `/api/v1/orgs/${org.orgId}/slack`;
  }, 180_000);
  afterAll(async () => server?.close());

  it('offers the Slack sandbox; only owners and admins may add it', async () => {
    const status = await org.team.owner.client.get<SlackStatus>(base);
    expect(status.status, status.text).toBe(200);
    expect(status.body).toMatchObject({ available: true, sandbox: true, install: null, canManage: true });
    expect(status.body.sandboxPageUrl).toBe(slackSandbox(server).urls.page);
    expect((await org.team.member.client.get<SlackStatus>(base)).body.canManage).toBe(false);
    for (const role of ['member'] as const) expect((await org.team[role].client.post(`${base}/authorize`, {})).status).toBe(403);
  });

  it('refuses a callback finished in another session, a cancelled install, and a replayed state', async () => {
    const stolen = await installSlackThroughConsent(org.team.admin, org.orgId, { finisher: org.team.owner });
    expect(stolen.location).toMatch(/^\/connect-failed\?reason=.*browser%20session/);
    const cancelled = await installSlackThroughConsent(org.team.admin, org.orgId, { decision: 'deny' });
    expect(cancelled.location).toBe(`/orgs/${org.orgId}/settings/slack?error=${encodeURIComponent('Slack was not added: the install was cancelled.')}`);
    expect((await org.team.owner.client.get<SlackStatus>(base)).body.install).toBeNull();
  });

  it('installs through the sandbox install page: workspace, default kinds, no channel yet; the token is sealed', async () => {
    const installed = await installSlackThroughConsent(org.team.admin, org.orgId);
    expect(installed.location).toBe(`/orgs/${org.orgId}/settings/slack?connected=1`);
    const status = (await org.team.owner.client.get<SlackStatus>(base)).body;
    expect(status.install).toMatchObject({ teamId: 'T0SANDBOX1', teamName: 'Adloop Sandbox Workspace', channelId: null, state: 'active' });
    expect(status.install?.kinds).toContain('anomaly.opened');
    expect(status.install?.kinds).not.toContain('rule.acted');
    const stored = (await server.ctx.db.execute(sql`select token_ciphertext from slack_installs where org_id = ${org.orgId}`)) as unknown as { rows: { token_ciphertext: string }[] };
    expect(stored.rows[0]?.token_ciphertext).not.toMatch(/xoxb-/);
    const audit = await org.team.owner.client.get<{ items: Array<{ action: string }> }>(`/api/v1/orgs/${org.orgId}/audit-log?limit=50`);
    expect(audit.body.items.map((e) => e.action)).toContain('slack.installed');
  });

  it('lists the channels the bot can post to, and saves a channel and kinds (400 naming the field otherwise)', async () => {
    const channels = await org.team.admin.client.get<SlackChannelList>(`${base}/channels`);
    expect(channels.status, channels.text).toBe(200);
    const names = channels.body.channels.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['general', 'marketing-alerts', 'support', 'leadership']));
    expect(names).not.toContain('hr-private');
    expect(names).not.toContain('old-campaigns');
    expect((await org.team.member.client.get(`${base}/channels`)).status).toBe(403);

    const cases: Array<[unknown, string]> = [[{ channelId: 'C0NOPE000' }, 'channelId'], [{ channelId: 'general' }, 'channelId'], [{ kinds: ['made.up'] }, 'kinds.0'], [{}, 'channelId'], [{ channelId: 'C0SBX0002', extra: 1 }, '']];
    for (const [body, field] of cases) {
      const response = await org.team.owner.client.put(base, body);
      expect(response.status, `${JSON.stringify(body)}: ${response.text}`).toBe(400);
      if (field) expect(issueFields(response.body), response.text).toContain(field);
    }
    const saved = await org.team.owner.client.put<SlackStatus>(base, { channelId: 'C0SBX0002', kinds: ['anomaly.opened', 'rule.acted'] });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.install).toMatchObject({ channelId: 'C0SBX0002', channelName: 'marketing-alerts', kinds: ['anomaly.opened', 'rule.acted'] });
  });

  it('posts a test message to the chosen channel', async () => {
    const test = await org.team.admin.client.post(`${base}/test`, {});
    expect(test.status, test.text).toBe(200);
    const message = slackSandbox(server).state.messages.find((m) => m.ts === test.body.ts);
    expect(message).toMatchObject({ channel: 'C0SBX0002', text: expect.stringContaining('Adloop is connected') });
  });

  it('an emitted event of a chosen kind lands in the channel once, as Block Kit with a button back into Adloop; other kinds do not', async () => {
    await emit('anomaly.opened', 'Spend up 80 % on Search – Brand');
    await emit('budget.pacing', 'Budget pacing ahead');
    await eventually(async () => (await slackDelivery('Spend up 80 % on Search – Brand'))[0]?.state === 'sent', 30_000, 'the Slack delivery');
    const posted = postedWith('Spend up 80 % on Search – Brand');
    expect(posted).toHaveLength(1);
    expect(posted[0]?.channel).toBe('C0SBX0002');
    const blocks = JSON.stringify(posted[0]?.blocks);
    expect(blocks).toContain('"type":"header"');
    expect(blocks).toContain(`"url":"${server.ctx.config.publicUrl}/orgs/${org.orgId}/anomalies"`);
    expect(await slackDelivery('Budget pacing ahead')).toEqual([]);
    expect(postedWith('Budget pacing ahead')).toHaveLength(0);
    const page = await (await fetch(slackSandbox(server).urls.page)).text();
    expect(page).toContain('Spend up 80 % on Search – Brand');
  });

  it('ratelimited once (429 with Retry-After): retried after the wait and delivered exactly once', async () => {
    await slackControl(server, '/fail', { method: 'chat.postMessage', retryAfterSeconds: 1 });
    await emit('rule.acted', 'Rule paused 3 ad groups');
    const [delivery] = await eventually(async () => {
      const rows = await slackDelivery('Rule paused 3 ad groups');
      return rows[0]?.state === 'sent' ? rows : null;
    }, 30_000, 'the retried Slack delivery');
    expect(delivery?.attempts).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(postedWith('Rule paused 3 ad groups')).toHaveLength(1);
    const statuses = slackSandbox(server).state.calls.filter((c) => c.method === 'chat.postMessage').slice(-2).map((c) => c.status);
    expect(statuses).toEqual([429, 200]);
  });

  it('token_revoked: the delivery fails, the install is marked broken and the admins get an in-app notice', async () => {
    await slackControl(server, '/revoke', {});
    await emit('anomaly.opened', 'CPA doubled on Shopping');
    await eventually(async () => (await slackDelivery('CPA doubled on Shopping'))[0]?.state === 'failed', 30_000, 'the failed Slack delivery');
    const status = (await org.team.owner.client.get<SlackStatus>(base)).body;
    expect(status.install).toMatchObject({ state: 'broken', brokenReason: 'token_revoked' });
    const bell = await org.team.admin.client.get<{ items: Array<{ kind: string; title: string; link: string }> }>(`/api/v1/orgs/${org.orgId}/notifications`);
    expect(bell.body.items.find((n) => n.kind === 'connection.failed')).toMatchObject({ title: 'Slack stopped accepting Adloop’s messages', link: `/orgs/${org.orgId}/settings/slack` });
    expect((await org.team.admin.client.post(`${base}/test`, {})).status).toBe(409);
  });

  it('reinstalling mends it; removing needs an owner or admin and stops every post', async () => {
    await installSlackThroughConsent(org.team.owner, org.orgId);
    expect((await org.team.owner.client.get<SlackStatus>(base)).body.install).toMatchObject({ state: 'active', channelId: 'C0SBX0002', brokenReason: null });
    expect((await org.team.member.client.delete(base)).status).toBe(403);
    expect((await org.team.owner.client.delete(base)).status).toBe(204);
    expect((await org.team.owner.client.get<SlackStatus>(base)).body.install).toBeNull();
    expect((await org.team.owner.client.post(`${base}/test`, {})).status).toBe(409);
    expect(slackSandbox(server).state.calls.some((c) => c.method === 'auth.revoke' && c.ok)).toBe(true);
  });
});
