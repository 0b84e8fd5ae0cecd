import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { adAccounts, adGroups, auditLog, campaignChanges } from '@adloop/db';
import type { CampaignChange, DecisionResults } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { orgWithTeam, type OrgWithTeam } from '../setup/org-helpers.ts';
import { findEntity, submitChanges, type ChangeActor } from '../../apps/server/src/modules/changes/index.ts';
import { changePipelineHelpers } from './support/change-pipeline.ts';

const DAY_MS = 86_400_000;

/**
 * Bulk approval: every proposal of a request checked on its own and approved together; the re-check at
 * approval sees an ad set's own status and learning phase, and counts the day's changes as asking does.
 */
describe('change pipeline approvals', () => {
  let server: TestServer;
  let org: OrgWithTeam;
  let orgId = '';
  const rule: ChangeActor = { type: 'rule', id: randomUUID(), label: 'Rule: scale winners' };
  const { api, owner, campaigns, freshCampaign, change, settled, budgetChange } = changePipelineHelpers(() => org);
  const approve = (items: Array<{ changeId: string; amountMicros?: number }>, extra: Record<string, unknown> = {}) => owner().post<DecisionResults>(api('/proposals/approve'), { items, ...extra });

  beforeAll(async () => {
    server = await startTestServer();
    org = await orgWithTeam(server, 'Approvals Co');
    orgId = org.orgId;
    const accounts = sandboxAccounts(server, 'meta').filter((a) => !a.isManager).slice(0, 3);
    await connectAndAdd(org.team.owner, orgId, 'meta', accounts.map((a) => a.id));
    await eventually(async () => (await campaigns()).filter((c) => c.dailyBudgetMicros !== null).length >= 6, 120_000, 'structure sync');
  }, 240_000);
  afterAll(async () => server?.close());

  it('approves a batch in one request: each proposal checked on its own, the others approved with one audit row each, and applied', async () => {
    const [a, b, c] = [await freshCampaign(), await freshCampaign(), await freshCampaign()];
    const proposed = await submitChanges(server.ctx, orgId, rule, [
      budgetChange(a, a.dailyBudgetMicros! + 1_000_000),
      { campaignId: a.id, action: a.status === 'active' ? 'pause' : 'enable', expected: { status: a.status } },
      budgetChange(b, b.dailyBudgetMicros! + 1_000_000),
      budgetChange(c, c.dailyBudgetMicros! + 1_000_000),
    ]);
    expect(proposed.map((p) => p.state)).toEqual(['proposed', 'proposed', 'proposed', 'proposed']);
    const [budgetA, statusA, budgetB, budgetC] = proposed.map((p) => p.id) as [string, string, string, string];
    // b's budget moves meanwhile: its proposal is stale.
    const direct = await owner().post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [budgetChange(b, b.dailyBudgetMicros! + 2_000_000)] });
    expect((await settled(direct.body.items[0]!.id)).state).toBe('applied');

    const missing = randomUUID();
    const answer = await approve([{ changeId: budgetA }, { changeId: budgetB }, { changeId: statusA }, { changeId: missing }, { changeId: budgetC, amountMicros: c.dailyBudgetMicros! + 3_000_000 }, { changeId: budgetA }, { changeId: budgetB }], { note: 'Go' });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.results.map((r) => [r.changeId, r.ok, r.error?.code ?? null])).toEqual([
      [budgetA, true, null],
      [budgetB, false, 'stale_proposal'],
      [statusA, true, null],
      [missing, false, 'not_found'],
      [budgetC, true, null],
      [budgetA, false, 'conflict'],
      [budgetB, false, 'stale_proposal'],
    ]);
    expect(answer.body.results[4]).toMatchObject({ change: { state: 'pending', after: String(c.dailyBudgetMicros! + 3_000_000), proposedAfter: String(c.dailyBudgetMicros! + 1_000_000), decisionNote: 'Go', decidedBy: { type: 'user' } } });
    expect((await change(budgetB)).state).toBe('proposed');

    const audit = await server.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, 'change.approved'), inArray(auditLog.targetId, [budgetA, budgetB, statusA, budgetC])));
    expect(audit.map((r) => r.targetId).sort()).toEqual([budgetA, statusA, budgetC].sort());
    expect(audit.every((r) => r.actorType === 'user' && r.ip !== null && r.userAgent !== null)).toBe(true);
    expect(audit.find((r) => r.targetId === budgetC)?.after).toMatchObject({ state: 'pending', after: String(c.dailyBudgetMicros! + 3_000_000) });
    // Each approved change gets its apply job in the approval's transaction: all of them land.
    for (const id of [budgetA, statusA, budgetC]) expect((await settled(id)).state, id).toBe('applied');
  }, 120_000);

  it('applies an edited approval after an undo brought the value back', async () => {
    const campaign = await freshCampaign();
    const start = campaign.dailyBudgetMicros!;
    const [proposal] = await submitChanges(server.ctx, orgId, rule, [budgetChange(campaign, start + 1_000_000)]);
    const direct = await owner().post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [budgetChange(campaign, start + 2_000_000)] });
    expect((await settled(direct.body.items[0]!.id)).state).toBe('applied');
    expect((await change(proposal!.id)).stale).toEqual({ current: String(start + 2_000_000) });
    const undo = await owner().post<CampaignChange>(api(`/campaign-changes/${direct.body.items[0]!.id}/undo`), { idempotencyKey: randomUUID() });
    expect(undo.status, undo.text).toBe(202);
    expect((await settled(undo.body.id)).state).toBe('applied');
    expect((await change(proposal!.id)).stale).toBeNull();

    const answer = await approve([{ changeId: proposal!.id, amountMicros: start + 3_000_000 }]);
    expect(answer.body.results[0], answer.text).toMatchObject({ ok: true, change: { state: 'pending', before: String(start), after: String(start + 3_000_000), proposedAfter: String(start + 1_000_000) } });
    expect(await settled(proposal!.id)).toMatchObject({ state: 'applied', current: String(start + 3_000_000) });
    expect((await campaigns()).find((c) => c.id === campaign.id)?.dailyBudgetMicros).toBe(start + 3_000_000);
  }, 120_000);

  it('checks an ad set’s own learning phase again at approval', async () => {
    // In a USD account: the amounts below are under Meta's minimum daily budget in yen (100 JPY).
    const [found] = await server.ctx.db.select({ group: adGroups }).from(adGroups)
      .innerJoin(adAccounts, eq(adAccounts.id, adGroups.adAccountId))
      .where(and(eq(adGroups.orgId, orgId), eq(adGroups.status, 'active'), eq(adAccounts.currency, 'USD'))).limit(1);
    const group = found?.group;
    expect(group, 'an active ad set in a USD account').toBeDefined();
    // The mirror shows an ad set with its own budget that is not learning (the seeded ad sets spend their campaign's).
    const budget = 20_000_000;
    await server.ctx.db.update(adGroups).set({ dailyBudgetMicros: budget, isLearning: false }).where(and(eq(adGroups.orgId, orgId), eq(adGroups.id, group!.id)));
    const entity = await findEntity(server.ctx.db, orgId, 'ad_group', group!.id);
    const raised = Math.round((budget * 1.5) / 10_000) * 10_000;
    const [proposal] = await submitChanges(server.ctx, orgId, rule, [{ campaignId: entity!.campaignId, entity, action: 'set_daily_budget', amountMicros: raised, expected: { dailyBudgetMicros: budget } }]);
    expect(proposal).toMatchObject({ state: 'proposed', entityLevel: 'ad_group' });
    // The next sync finds the ad set learning again: a 50 % raise would restart it.
    await server.ctx.db.update(adGroups).set({ isLearning: true }).where(and(eq(adGroups.orgId, orgId), eq(adGroups.id, group!.id)));

    const refused = await approve([{ changeId: proposal!.id }]);
    expect(refused.body.results[0], refused.text).toMatchObject({ ok: false, error: { code: 'guardrail_refused', details: { guardrail: 'learning_phase', guardrails: [{ id: 'learning_phase', soft: true }] } } });
    expect((await change(proposal!.id)).state).toBe('proposed');
    // An edited value within the learning limit passes, checked against the ad set's own budget.
    const gentle = Math.round((budget * 1.1) / 10_000) * 10_000;
    const edited = await approve([{ changeId: proposal!.id, amountMicros: gentle }]);
    expect(edited.body.results[0], edited.text).toMatchObject({ ok: true, change: { state: 'pending', after: String(gentle), proposedAfter: String(raised) } });
    expect((await change(proposal!.id)).guardrails.find((g) => g.id === 'learning_phase')).toMatchObject({ outcome: 'passed' });
    // (The platform's ad set has no budget of its own, so the apply ends refused; the approval is what is tested here.)
    await settled(proposal!.id);
  }, 120_000);

  it('counts the per-day change limit per UTC day, at approval as when the change was asked', async () => {
    const current = (await owner().get<{ guardrails: Record<string, number> }>(api('/change-settings'))).body.guardrails;
    expect((await owner().put(api('/change-settings'), { guardrails: { ...current, maxChangesPerEntityPerDay: 2 } })).status).toBe(200);
    try {
      const campaign = await freshCampaign();
      const [pause] = await submitChanges(server.ctx, orgId, rule, [{ campaignId: campaign.id, action: campaign.status === 'active' ? 'pause' : 'enable', expected: { status: campaign.status } }]);
      const [budget] = await submitChanges(server.ctx, orgId, rule, [budgetChange(campaign, campaign.dailyBudgetMicros! + 1_000_000)]);
      expect([pause!.state, budget!.state]).toEqual(['proposed', 'proposed']);
      // A third change today is past the limit when asked (the two proposals count): the owner confirms it.
      const rename = { campaignId: campaign.id, action: 'rename', name: `${campaign.name} (renamed)`, expected: { name: campaign.name } };
      const asked = await owner().post<{ error: { details: { guardrail: string; numbers: Record<string, number> } } }>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [rename] });
      expect(asked.status, asked.text).toBe(422);
      expect(asked.body.error.details).toMatchObject({ guardrail: 'changes_per_day', numbers: { changesToday: 2, max: 2 } });
      const confirmed = await owner().post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [rename], confirm: ['changes_per_day'] });
      expect(confirmed.status, confirmed.text).toBe(202);
      expect((await settled(confirmed.body.items[0]!.id)).state).toBe('applied');

      // Approving the pause counts the same day the same way: the budget proposal and the rename (asked at the same instant, not the pause itself).
      const refused = await approve([{ changeId: pause!.id }]);
      expect(refused.body.results[0], refused.text).toMatchObject({ ok: false, error: { code: 'guardrail_refused', details: { guardrail: 'changes_per_day', numbers: { changesToday: 2, max: 2 } } } });

      // Asked yesterday (UTC), they no longer count today.
      const yesterday = new Date(Math.floor(server.ctx.clock.now().getTime() / DAY_MS) * DAY_MS - 1);
      await server.ctx.db.update(campaignChanges).set({ createdAt: yesterday }).where(and(eq(campaignChanges.orgId, orgId), inArray(campaignChanges.id, [budget!.id, confirmed.body.items[0]!.id])));
      const approved = await approve([{ changeId: pause!.id }]);
      expect(approved.body.results[0], approved.text).toMatchObject({ ok: true, change: { state: 'pending' } });
      expect((await change(pause!.id)).guardrails.find((g) => g.id === 'changes_per_day')).toMatchObject({ outcome: 'passed', message: 'Change 1 of at most 2 today' });
      await settled(pause!.id);
      await owner().post(api('/proposals/reject'), { changeIds: [budget!.id], reason: 'cleanup' });
    } finally {
      await owner().put(api('/change-settings'), { guardrails: current });
    }
  }, 120_000);
});
