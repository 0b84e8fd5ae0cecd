import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { rules as rulesTable } from '@adloop/db';
import type { CampaignChange, Rule } from '@adloop/contracts';
import type { TestServer } from '../setup/server.ts';
import type { OrgWithTeam } from '../setup/org-helpers.ts';
import { setUpRuleRuns } from './support/rule-runs.ts';

/**
 * What stops a rule's run through the real server and the Meta sandbox: the kill switch, a person's
 * override and oscillation between rules.
 */
describe('rule runs', () => {
  const { state, api, owner, take, createRule, runNow, detail, change, settle, ruleChanges, logSeq, platformLog, campaignsNow } = setUpRuleRuns();
  let server: TestServer;
  let org: OrgWithTeam;
  beforeAll(() => {
    ({ server, org } = state);
  });

  it('skips the whole run with the kill switch on and sends nothing', async () => {
    const chosen = take(1);
    const rule = await createRule('Blocked', 'automatic', [{ type: 'pause' }], chosen.map((c) => c.id));
    expect((await org.team.manager.client.post(api('/automation/stop'), {})).status).toBe(200);
    try {
      const since = await logSeq();
      const summary = await runNow(rule.id);
      expect(summary).toMatchObject({ outcome: 'skipped', acted: 0, proposed: 0 });
      expect(summary.message).toMatch(/kill switch|stopped/i);
      const run = await detail(rule.id, summary.id);
      expect(run.entities.map((e) => [e.outcome, e.skipReason])).toEqual([['skipped', 'kill_switch']]);
      expect(await ruleChanges(rule.id)).toEqual([]);
      expect((await platformLog(since)).filter((m) => m.id === chosen[0]!.platformId)).toEqual([]);
    } finally {
      expect((await owner().post(api('/automation/resume'), {})).status).toBe(200);
    }
  });

  it('leaves an object alone after a person changed what the rule changed (manual override)', async () => {
    const [target] = take(1);
    const rule = await createRule('Pause it', 'automatic', [{ type: 'pause' }], [target!.id], { limits: { cooldownHours: 0, overrideHours: 48 } });
    const first = await runNow(rule.id);
    expect(first.acted).toBe(1);
    await settle();
    // A minute later the owner turns it back on.
    server.clock.advance(60_000);
    const enabled = await owner().post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [{ campaignId: target!.id, action: 'enable', expected: { status: 'paused' } }] });
    expect(enabled.status, enabled.text).toBe(202);
    await settle();
    expect((await change(enabled.body.items[0]!.id)).state).toBe('applied');
    const second = await runNow(rule.id);
    expect(second.acted).toBe(0);
    const outcome = (await detail(rule.id, second.id)).entities[0]!;
    expect(outcome).toMatchObject({ outcome: 'skipped', skipReason: 'override' });
    expect(outcome.explanation.length).toBeGreaterThan(10);
    expect((await ruleChanges(rule.id)).length).toBe(1);
    expect((await campaignsNow()).find((c) => c.id === target!.id)?.status).toBe('active');
  });

  it('stops a rule that would undo another rule’s change (oscillation) and tells the admins', async () => {
    const [target] = take(1);
    const pauser = await createRule('Pauser', 'automatic', [{ type: 'pause' }], [target!.id]);
    const enabler = await createRule('Enabler', 'automatic', [{ type: 'enable' }], [target!.id]);
    expect(enabler.conflicts.map((c) => c.ruleId)).toContain(pauser.id);
    expect((await runNow(pauser.id)).acted).toBe(1);
    await settle();
    await owner().post(api(`/rules/${enabler.id}/enable`), {});
    const since = await logSeq();
    const flip = await runNow(enabler.id);
    expect(flip.acted).toBe(0);
    expect(flip.message).toMatch(/Stopped/);
    expect((await detail(enabler.id, flip.id)).entities[0]).toMatchObject({ outcome: 'skipped', skipReason: 'oscillation' });
    const stopped = (await owner().get<Rule>(api(`/rules/${enabler.id}`))).body;
    expect(stopped.status).toBe('stopped');
    expect(stopped.stopReason).toMatch(/undo/);
    await settle();
    expect((await platformLog(since)).filter((m) => m.id === target!.platformId)).toEqual([]);
    const notes = (await org.team.admin.client.get<{ items: Array<{ kind: string; title: string }> }>(api('/notifications'))).body.items;
    expect(notes.find((n) => n.kind === 'rule.stopped')?.title).toMatch(/Enabler/);
    const [row] = await server.ctx.db.select().from(rulesTable).where(eq(rulesTable.id, enabler.id));
    expect(row!.nextRunAt).toBeNull();
  });
});
