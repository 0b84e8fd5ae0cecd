import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiSettings, AiUsage, OperatorAiUsage } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, uniqueEmail, type SignedUpUser } from '../setup/auth-helpers.ts';
import { orgWithTeam, type OrgWithTeam } from '../setup/org-helpers.ts';
import { testConfig } from '../../apps/server/src/platform/config.ts';
import { meteredCall, usageMonth } from '../../apps/server/src/modules/ai/metering.ts';

const OPERATOR = uniqueEmail('operator');
const issueFields = (body: { error?: { details?: { issues?: Array<{ field: string }> } } }) => body.error?.details?.issues?.map((i) => i.field) ?? [];

describe('AI settings, usage and operator routes', () => {
  let server: TestServer;
  let org: OrgWithTeam;
  let operator: SignedUpUser;
  let settingsUrl = '';
  let usageUrl = '';

  beforeAll(async () => {
    const base = testConfig();
    server = await startTestServer({ ai: { ...base.ai, defaultMonthlyCapMicros: 5_000_000, operatorEmails: [OPERATOR] } });
    org = await orgWithTeam(server, 'Voice Co');
    operator = await signUpVerifiedUser(server, { email: OPERATOR, organizationName: 'Operator Co' });
    settingsUrl = `/api/v1/orgs/${org.orgId}/ai/settings`;
    usageUrl = `/api/v1/orgs/${org.orgId}/ai/usage`;
  });
  afterAll(async () => server?.close());

  it('starts with an empty brand voice and the plan allowance; only owners and admins may change the limit', async () => {
    const owner = await org.team.owner.client.get<AiSettings>(settingsUrl);
    expect(owner.status, owner.text).toBe(200);
    expect(owner.body).toMatchObject({ brandVoice: { tone: [], requiredTerms: [], bannedTerms: [], messageRestrictions: [] }, monthlyCapMicros: null, defaultCapMicros: 5_000_000, capMicros: 5_000_000, canChangeCap: true, canEdit: true, aiAvailable: true });
    expect((await org.team.manager.client.get<AiSettings>(settingsUrl)).body).toMatchObject({ canChangeCap: false, canEdit: true });
    expect((await org.team.viewer.client.get<AiSettings>(settingsUrl)).body).toMatchObject({ canChangeCap: false, canEdit: false });
  });

  it('lets a manager save the brand voice, audited, but not the limit', async () => {
    const voice = { tone: ['friendly', 'expert'], requiredTerms: ['Trailpeak'], bannedTerms: ['cheap', 'guaranteed'], messageRestrictions: ['Do not mention prices'] };
    const saved = await org.team.manager.client.put<AiSettings>(settingsUrl, { brandVoice: voice });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.brandVoice).toEqual(voice);
    expect((await org.team.member.client.get<AiSettings>(settingsUrl)).body.brandVoice).toEqual(voice);

    const cap = await org.team.manager.client.put(settingsUrl, { monthlyCapMicros: 50_000_000 });
    expect(cap.status).toBe(403);
    expect(cap.body.error.message).toMatch(/monthlyCapMicros/);
    expect((await org.team.member.client.put(settingsUrl, { brandVoice: voice })).status).toBe(403);

    const audit = await org.team.owner.client.get<{ items: Array<{ action: string; after: unknown; actorLabel: string }> }>(`/api/v1/orgs/${org.orgId}/audit-log?limit=100`);
    expect(audit.body.items.find((e) => e.action === 'ai.settings_updated')).toMatchObject({ actorLabel: org.team.manager.email, after: { brandVoice: voice } });
  });

  it('lets an admin set and clear the limit, audited with before and after', async () => {
    const set = await org.team.admin.client.put<AiSettings>(settingsUrl, { monthlyCapMicros: 12_500_000 });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ monthlyCapMicros: 12_500_000, capMicros: 12_500_000 });
    expect(set.body.brandVoice.requiredTerms).toEqual(['Trailpeak']);
    const audit = await org.team.owner.client.get<{ items: Array<{ action: string; before: unknown; after: unknown }> }>(`/api/v1/orgs/${org.orgId}/audit-log?limit=100`);
    expect(audit.body.items.find((e) => e.action === 'ai.cap_changed')).toMatchObject({ before: { monthlyCapMicros: null }, after: { monthlyCapMicros: 12_500_000 } });
    // A manager re-sending the limit unchanged with the voice is fine.
    expect((await org.team.manager.client.put(settingsUrl, { brandVoice: { tone: ['calm'] }, monthlyCapMicros: 12_500_000 })).status).toBe(200);
    const cleared = await org.team.owner.client.put<AiSettings>(settingsUrl, { monthlyCapMicros: null });
    expect(cleared.body).toMatchObject({ monthlyCapMicros: null, capMicros: 5_000_000 });
  });

  it('refuses bad settings with 400 naming the field', async () => {
    const client = org.team.owner.client;
    const cases: Array<[unknown, string]> = [
      [{ brandVoice: { bannedTerms: Array.from({ length: 26 }, (_, i) => `term ${i}`) } }, 'brandVoice.bannedTerms'],
      [{ brandVoice: { messageRestrictions: Array.from({ length: 41 }, (_, i) => `rule ${i}`) } }, 'brandVoice.messageRestrictions'],
      [{ brandVoice: { requiredTerms: [''] } }, 'brandVoice.requiredTerms.0'],
      [{ brandVoice: { tone: ['x'], colour: 'red' } }, 'brandVoice.colour'],
      [{ monthlyCapMicros: -1 }, 'monthlyCapMicros'],
      [{ monthlyCapMicros: 1.5 }, 'monthlyCapMicros'],
      [{ capUsd: 10 }, ''],
    ];
    for (const [body, field] of cases) {
      const response = await client.put(settingsUrl, body);
      expect(response.status, `${JSON.stringify(body)}: ${response.text}`).toBe(400);
      if (field) expect(issueFields(response.body), response.text).toContain(field);
    }
    const clash = await client.put(settingsUrl, { brandVoice: { requiredTerms: ['Trailpeak'], bannedTerms: ['trailpeak'] } });
    expect(clash.status).toBe(400);
    expect(issueFields(clash.body)).toEqual(['brandVoice.bannedTerms']);
  });

  it('answers 404 to people outside the organisation', async () => {
    const stranger = await signUpVerifiedUser(server, { organizationName: 'Elsewhere' });
    for (const [method, url] of [['GET', settingsUrl], ['PUT', settingsUrl], ['GET', usageUrl]] as const) {
      const response = await stranger.client.request(method, url, method === 'PUT' ? { brandVoice: { tone: ['x'] } } : undefined);
      expect(response.status, `${method} ${url}`).toBe(404);
    }
  });

  it("shows the month's spending against the limit, by person and feature, with the calls paged", async () => {
    const client = server.ctx.ai.client!;
    const ask = (userId: string, label: string, n: number) => {
      server.clock.advance(1_000);
      return meteredCall(server.ctx, { orgId: org.orgId, userId, userLabel: label, feature: 'copy' }, { promptTokens: 30, maxOutputTokens: 40 }, async (c) => {
        const r = await c.chat({ messages: [{ role: 'user', content: `Headline ${n} for trail shoes` }], maxOutputTokens: 40 });
        return { value: r.text, usage: r.usage, provider: r.provider, model: r.model };
      });
    };
    expect(client).toBeTruthy();
    const calls = [await ask(org.team.member.user.id, org.team.member.email, 1), await ask(org.team.member.user.id, org.team.member.email, 2), await ask(org.team.manager.user.id, org.team.manager.email, 3)];
    const spent = calls.reduce((sum, c) => sum + c.costMicros, 0);

    const usage = await org.team.viewer.client.get<AiUsage>(`${usageUrl}?limit=2`);
    expect(usage.status, usage.text).toBe(200);
    expect(usage.body).toMatchObject({ month: usageMonth(server.clock.now()), capMicros: 5_000_000, spentMicros: spent, reservedMicros: 0, calls: 3, refused: 0, failed: 0, warned: false, generations: 0 });
    expect(usage.body.share).toBeCloseTo(spent / 5_000_000, 9);
    expect(usage.body.byUser.find((u) => u.userId === org.team.member.user.id)).toMatchObject({ calls: 2, costMicros: calls[0]!.costMicros + calls[1]!.costMicros, userLabel: org.team.member.email });
    expect(usage.body.byFeature).toEqual([expect.objectContaining({ feature: 'copy', calls: 3, costMicros: spent })]);
    expect(usage.body.recent.items.map((c) => c.id)).toEqual([calls[2]!.usageId, calls[1]!.usageId]);
    expect(usage.body.recent.nextCursor).not.toBeNull();
    const next = await org.team.viewer.client.get<AiUsage>(`${usageUrl}?limit=2&cursor=${usage.body.recent.nextCursor}`);
    expect(next.body.recent.items.map((c) => c.id)).toEqual([calls[0]!.usageId]);
    expect(next.body.recent.nextCursor).toBeNull();

    const empty = await org.team.viewer.client.get<AiUsage>(`${usageUrl}?month=2020-01`);
    expect(empty.body).toMatchObject({ month: '2020-01', spentMicros: 0, calls: 0, byUser: [], recent: { items: [], nextCursor: null } });
  });

  it('refuses a bad month or cursor with 400 naming it', async () => {
    const month = await org.team.owner.client.get(`${usageUrl}?month=2026-13`);
    expect(month.status).toBe(400);
    expect(issueFields(month.body)).toContain('month');
    const cursor = await org.team.owner.client.get(`${usageUrl}?cursor=nonsense`);
    expect(cursor.status).toBe(400);
    expect(issueFields(cursor.body)).toContain('cursor');
    expect((await org.team.owner.client.get(`${usageUrl}?limit=500`)).status).toBe(400);
  });

  it("shows operators every organisation's usage; anyone else gets 404, strangers 401", async () => {
    const answer = await operator.client.get<OperatorAiUsage>('/api/v1/operator/ai/usage');
    expect(answer.status, answer.text).toBe(200);
    const mine = answer.body.items.find((i) => i.orgId === org.orgId);
    expect(mine).toMatchObject({ orgName: 'Voice Co', calls: 3, capMicros: 5_000_000 });
    expect(mine!.costMicros).toBeGreaterThan(0);
    expect(answer.body.items[0]!.orgId).toBe(org.orgId);
    expect(answer.body.items.find((i) => i.orgName === 'Operator Co')).toMatchObject({ calls: 0, costMicros: 0 });
    expect(answer.body.totals.calls).toBeGreaterThanOrEqual(3);
    expect((await operator.client.get('/api/v1/operator/ai/usage?month=12-2026')).status).toBe(400);

    const owner = await org.team.owner.client.get('/api/v1/operator/ai/usage');
    expect(owner.status).toBe(404);
    expect(owner.text).not.toContain('Voice Co');
    expect((await server.client().get('/api/v1/operator/ai/usage')).status).toBe(401);
  });
});
