import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { adGroups, auditLog, campaignChanges } from '@adloop/db';
import type { CampaignChange, Connection, DecisionResults } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { createKey, orgWithTeam, type OrgWithTeam } from '../setup/org-helpers.ts';
import { TestClient } from '../setup/http-client.ts';
import { findEntity, submitChanges, type ChangeActor } from '../../apps/server/src/modules/changes/index.ts';
import { expireDueProposals } from '../../apps/server/src/modules/approvals/expiry.ts';
import { changePipelineHelpers } from './support/change-pipeline.ts';

interface Refusal {
  error: { code: string; message: string; details?: { guardrail?: string; numbers?: Record<string, unknown>; guardrails?: Array<{ id: string; soft: boolean }>; current?: string | null } };
}

/** The change pipeline end to end: guardrails, proposals, approvals, stale proposals, rejection, kill switch, expiry. */
describe('change pipeline', () => {
  let server: TestServer;
  let org: OrgWithTeam;
  let orgId = '';
  let accountId = '';
  const rule: ChangeActor = { type: 'rule', id: randomUUID(), label: 'Rule: pause losers' };
  const { api, owner, campaigns, freshCampaign, change, settled, budgetChange } = changePipelineHelpers(() => org);

  beforeAll(async () => {
    server = await startTestServer();
    org = await orgWithTeam(server, 'Pipeline Co');
    orgId = org.orgId;
    const meta = sandboxAccounts(server, 'meta').find((a) => a.name === 'Northwind Outdoor – Meta')!;
    const others = sandboxAccounts(server, 'meta').filter((a) => !a.isManager && a.id !== meta.id).slice(0, 2);
    const [account] = await connectAndAdd(org.team.owner, orgId, 'meta', [meta.id, ...others.map((a) => a.id)]);
    accountId = account!.id;
    const members = (await owner().get<{ items: Array<{ userId: string; role: string }> }>(api('/members'))).body.items;
    const member = members.find((m) => m.role === 'member')!;
    expect((await owner().put(api(`/members/${member.userId}/ad-accounts`), { adAccountIds: [accountId] })).status).toBe(200);
    await eventually(async () => {
      const overview = (await owner().get<{ connections: Connection[] }>(api('/connections'))).body;
      return overview.connections.flatMap((c) => c.accounts.filter((a) => a.selected)).every((a) => a.health.structureSyncedAt !== null);
    }, 120_000, 'structure sync');
    expect((await campaigns()).filter((c) => c.dailyBudgetMicros !== null).length).toBeGreaterThanOrEqual(6);
  }, 240_000);
  afterAll(async () => server?.close());

  it('refuses an API key’s 6× budget naming the guardrail and its numbers, and takes it once confirmed', async () => {
    const key = await createKey(org.team.owner, orgId, 'read_write', 'Bidder');
    const client = TestClient.withApiKey(server.url, key.secret);
    const campaign = await freshCampaign();
    const jump = campaign.dailyBudgetMicros! * 6;
    const refused = await client.post<Refusal>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [budgetChange(campaign, jump)] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('guardrail_refused');
    expect(refused.body.error.details).toMatchObject({ guardrail: 'budget_jump', numbers: { before: campaign.dailyBudgetMicros, after: jump, maxFactor: 5, ratio: 6 }, guardrails: [{ id: 'budget_jump', soft: true }] });
    expect(refused.body.error.message).toMatch(/is 6× the current/);

    const confirmed = await client.post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [budgetChange(campaign, jump)], confirm: ['budget_jump'] });
    expect(confirmed.status, confirmed.text).toBe(202);
    const applied = await settled(confirmed.body.items[0]!.id);
    expect(applied).toMatchObject({ state: 'applied', actorType: 'api_key', actorLabel: 'API key Bidder' });
    expect(applied.guardrails.find((g) => g.id === 'budget_jump')?.outcome).toBe('overridden');
  });

  it('turns a member’s new campaign into a proposal a manager approves; it then launches on the platform', async () => {
    const body = {
      adAccountId: accountId,
      name: `Member launch ${randomUUID().slice(0, 8)}`,
      objective: 'OUTCOME_LEADS',
      budget: { kind: 'daily', amountMicros: 25_000_000 },
      adGroup: { name: 'Hikers', countries: ['DE'], ageMin: 21, ageMax: 65 },
      ad: { name: 'Member ad', headline: 'Autumn boots', description: 'Waterproof boots for wet trails.', finalUrl: 'https://shop.example.com/autumn' },
    };
    const proposed = await org.team.member.client.post<{ proposal: CampaignChange }>(api('/campaigns'), body);
    expect(proposed.status, proposed.text).toBe(202);
    expect(proposed.body.proposal).toMatchObject({ state: 'proposed', field: 'campaign', campaignId: null, campaignName: body.name, actorType: 'user', stakeMicrosPerDay: 25_000_000 });
    const world = () => server.sandbox!.simulator.world().platforms.meta.campaigns;
    expect([...world().values()].some((c) => (c as unknown as { attrs: { name?: string } }).attrs.name === body.name)).toBe(false);

    // The member cannot approve; the manager sees it in the inbox and approves it.
    expect((await org.team.member.client.post(api('/proposals/approve'), { items: [{ changeId: proposed.body.proposal.id }] })).status).toBe(403);
    const inbox = (await org.team.manager.client.get<{ items: CampaignChange[] }>(api('/proposals?state=proposed'))).body.items;
    expect(inbox.map((c) => c.id)).toContain(proposed.body.proposal.id);
    const approved = await org.team.manager.client.post<DecisionResults>(api('/proposals/approve'), { items: [{ changeId: proposed.body.proposal.id }] });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.results[0]).toMatchObject({ ok: true, change: { state: 'pending', decidedBy: { type: 'user' } } });

    const launched = await eventually(async () => {
      const c = await change(proposed.body.proposal.id);
      return c.state === 'applied' ? c : c.state === 'failed' ? Promise.reject(new Error(c.message ?? 'failed')) : null;
    }, 60_000, 'launch');
    expect(launched.campaignId).toBeTruthy();
    const mirrored = (await campaigns()).find((c) => c.id === launched.campaignId)!;
    expect(world().get(mirrored.platformId)).toBeTruthy();
    expect(mirrored.name).toBe(body.name);
    // The approver was notified, and the approval is in the audit log.
    const notes = (await org.team.manager.client.get<{ items: Array<{ kind: string }> }>(api('/notifications'))).body.items;
    expect(notes.map((n) => n.kind)).toContain('change.proposed');
    const audit = await server.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, 'change.approved')));
    expect(audit.length).toBeGreaterThan(0);
    // It says where the approval came from.
    expect(audit.find((a) => a.targetId === proposed.body.proposal.id)).toMatchObject({ ip: expect.any(String), userAgent: expect.any(String) });
  });

  it('refuses to approve a stale proposal, with both values', async () => {
    const campaign = await freshCampaign();
    const [proposal] = await submitChanges(server.ctx, orgId, rule, [budgetChange(campaign, campaign.dailyBudgetMicros! + 1_000_000)], { reason: 'CPA under target' });
    expect(proposal).toMatchObject({ state: 'proposed', actorType: 'rule', reason: 'CPA under target', stale: null });
    // Someone changes the budget directly meanwhile.
    const direct = await owner().post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [budgetChange(campaign, campaign.dailyBudgetMicros! + 2_000_000)] });
    expect((await settled(direct.body.items[0]!.id)).state).toBe('applied');
    expect((await change(proposal!.id)).stale).toEqual({ current: String(campaign.dailyBudgetMicros! + 2_000_000) });
    const refused = await owner().post<DecisionResults>(api('/proposals/approve'), { items: [{ changeId: proposal!.id }] });
    expect(refused.body.results[0]).toMatchObject({ ok: false, error: { code: 'stale_proposal', details: { before: String(campaign.dailyBudgetMicros), current: String(campaign.dailyBudgetMicros! + 2_000_000) } } });
    expect((await change(proposal!.id)).state).toBe('proposed');
  });

  it('keeps the reason of a rejection on the change', async () => {
    const campaign = await freshCampaign();
    const [proposal] = await submitChanges(server.ctx, orgId, rule, [{ campaignId: campaign.id, action: 'pause', expected: { status: campaign.status } }]);
    const rejected = await org.team.admin.client.post<DecisionResults>(api('/proposals/reject'), { changeIds: [proposal!.id], reason: 'Black Friday week' });
    expect(rejected.body.results[0]).toMatchObject({ ok: true, change: { state: 'rejected', decisionNote: 'Black Friday week' } });
    expect(await change(proposal!.id)).toMatchObject({ state: 'rejected', decisionNote: 'Black Friday week', decidedBy: { type: 'user' } });
    const [audit] = await server.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, 'change.rejected'), eq(auditLog.targetId, proposal!.id)));
    expect(audit).toMatchObject({ ip: expect.any(String), userAgent: expect.any(String) });
    const again = await org.team.admin.client.post<DecisionResults>(api('/proposals/reject'), { changeIds: [proposal!.id], reason: 'twice' });
    expect(again.body.results[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('lists waiting, decided or all proposals by platform, each naming its object', async () => {
    const campaign = await freshCampaign();
    const [waiting] = await submitChanges(server.ctx, orgId, rule, [{ campaignId: campaign.id, action: 'pause', expected: { status: campaign.status } }]);
    const [group] = await server.ctx.db.select().from(adGroups).where(and(eq(adGroups.orgId, orgId), eq(adGroups.status, 'active'))).limit(1);
    const entity = await findEntity(server.ctx.db, orgId, 'ad_group', group!.id);
    const [onGroup] = await submitChanges(server.ctx, orgId, rule, [{ campaignId: entity!.campaignId, entity, action: 'pause', expected: { status: 'active' } }]);
    expect((await owner().post<DecisionResults>(api('/proposals/reject'), { changeIds: [onGroup!.id], reason: 'Still learning' })).body.results[0]?.ok).toBe(true);
    const other = await freshCampaign();
    const direct = await owner().post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [budgetChange(other, other.dailyBudgetMicros! + 1_000_000)] });
    expect(direct.status, direct.text).toBe(202);
    const ids = async (query: string) => (await owner().get<{ items: CampaignChange[] }>(api(`/proposals?limit=100&${query}`))).body.items;
    const idsOf = async (query: string) => (await ids(query)).map((c) => c.id);

    const waitingNow = await idsOf('');
    expect(waitingNow).toContain(waiting!.id);
    expect(waitingNow).not.toContain(onGroup!.id);
    const decided = await ids('state=decided');
    expect(decided.map((c) => c.id)).toContain(onGroup!.id);
    expect(decided.map((c) => c.id)).not.toContain(waiting!.id);
    expect(decided.every((c) => c.decidedAt !== null || ['rejected', 'expired', 'stopped'].includes(c.state))).toBe(true);
    // The rejected pause names the ad set, the waiting one its campaign.
    expect(decided.find((c) => c.id === onGroup!.id)).toMatchObject({ entityLevel: 'ad_group', entityName: group!.name, state: 'rejected' });
    const all = await idsOf('state=all');
    expect(all).toEqual(expect.arrayContaining([waiting!.id, onGroup!.id]));
    // A person's direct change was never a proposal.
    expect(all).not.toContain(direct.body.items[0]!.id);
    expect((await ids('state=all&platform=meta')).find((c) => c.id === waiting!.id)).toMatchObject({ entityLevel: 'campaign', entityName: campaign.name, platform: 'meta' });
    expect(await idsOf('state=all&platform=google_ads')).not.toEqual(expect.arrayContaining([waiting!.id]));
    expect(await idsOf('state=all&platform=google_ads')).not.toContain(onGroup!.id);
    const bad = await owner().get<Refusal>(api('/proposals?platform=myspace'));
    expect([bad.status, bad.body.error.message]).toEqual([400, expect.stringContaining('platform')]);
    expect((await owner().get<Refusal>(api('/proposals?state=later'))).status).toBe(400);
    await owner().post<DecisionResults>(api('/proposals/reject'), { changeIds: [waiting!.id], reason: 'cleanup' });
  });

  it('stops queued automated changes with the kill switch, refuses new ones while on, and lets people go on', async () => {
    const campaign = await freshCampaign();
    const [proposal] = await submitChanges(server.ctx, orgId, rule, [budgetChange(campaign, campaign.dailyBudgetMicros! + 1_000_000)]);
    const stop = await org.team.manager.client.post<{ stopped: boolean; stoppedChanges: number }>(api('/automation/stop'), {});
    expect(stop.status, stop.text).toBe(200);
    expect(stop.body.stopped).toBe(true);
    expect(stop.body.stoppedChanges).toBeGreaterThanOrEqual(1);
    expect((await change(proposal!.id)).state).toBe('stopped');
    await expect(submitChanges(server.ctx, orgId, { ...rule }, [budgetChange(campaign, campaign.dailyBudgetMicros! + 1_000_000)], { ruleMode: 'auto' })).rejects.toMatchObject({ code: 'guardrail_refused', details: { guardrail: 'kill_switch' } });
    const person = await owner().post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [budgetChange(campaign, campaign.dailyBudgetMicros! + 3_000_000)] });
    expect(person.status).toBe(202);
    expect((await owner().get<{ automation: { stopped: boolean } }>(api('/change-settings'))).body.automation.stopped).toBe(true);
    // A manager may stop but not start again.
    expect((await org.team.manager.client.post(api('/automation/resume'), {})).status).toBe(403);
    expect((await owner().post(api('/automation/resume'), {})).status).toBe(200);
  });

  it('expires proposals nobody decided in time', async () => {
    const campaign = await freshCampaign();
    const [proposal] = await submitChanges(server.ctx, orgId, { type: 'ai', id: null, label: 'Adloop AI' }, [{ campaignId: campaign.id, action: 'pause', expected: { status: campaign.status } }], { evidence: { cpa: 42 } });
    expect(proposal).toMatchObject({ state: 'proposed', actorType: 'ai', evidence: { cpa: 42 } });
    expect(Date.parse(proposal!.expiresAt!) - server.ctx.clock.now().getTime()).toBe(7 * 86_400_000);
    await server.ctx.db.update(campaignChanges).set({ expiresAt: new Date(server.ctx.clock.now().getTime() - 1000) }).where(and(eq(campaignChanges.orgId, orgId), eq(campaignChanges.id, proposal!.id)));
    expect(await expireDueProposals(server.ctx)).toBeGreaterThanOrEqual(1);
    expect((await change(proposal!.id)).state).toBe('expired');
  });

  it('keeps the approval policy and guardrail limits, for owners and admins only', async () => {
    const saved = await owner().put<{ guardrails: { budgetJumpPercent: number }; proposalTtlHours: number }>(api('/change-settings'), { guardrails: { budgetJumpPercent: 100, maxChangesPerEntityPerDay: 5, learningPhasePercent: 20 }, proposalTtlHours: 48 });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ guardrails: { budgetJumpPercent: 100 }, proposalTtlHours: 48 });
    expect((await org.team.manager.client.put(api('/change-settings'), { proposalTtlHours: 24 })).status).toBe(403);
    const campaign = await freshCampaign();
    const tripled = await owner().post<Refusal>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [budgetChange(campaign, campaign.dailyBudgetMicros! * 3)] });
    expect(tripled.status).toBe(422);
    expect(tripled.body.error.details?.numbers).toMatchObject({ maxFactor: 2 });
  });
});
