import { beforeAll, describe, expect, it } from 'vitest';
import type { CampaignChange, DryRunResult } from '@adloop/contracts';
import type { TestServer } from '../setup/server.ts';
import type { OrgWithTeam } from '../setup/org-helpers.ts';
import { always, LOOSE, setUpRuleRuns } from './support/rule-runs.ts';

/**
 * Rules that do not act on their own, through the real server and the Meta sandbox: proposals go
 * through the approval inbox, notify mode only tells, a dry run only previews.
 */
describe('rule runs', () => {
  const { state, api, owner, take, createRule, runNow, detail, change, settle, ruleChanges, logSeq, platformLog } = setUpRuleRuns();
  let server: TestServer;
  let org: OrgWithTeam;
  beforeAll(() => {
    ({ server, org } = state);
  });

  it('sends a propose-mode rule’s changes to the approval inbox; approved, they are applied', async () => {
    const chosen = take(2);
    const rule = await createRule('Propose pauses', 'propose', [{ type: 'pause' }], chosen.map((c) => c.id));
    const summary = await runNow(rule.id);
    expect(summary).toMatchObject({ outcome: 'ok', proposed: 2, acted: 0 });
    const run = await detail(rule.id, summary.id);
    const ids = run.entities.flatMap((e) => e.changeIds);
    expect(ids.length).toBe(2);
    const inbox = (await org.team.manager.client.get<{ items: CampaignChange[] }>(api('/proposals?state=proposed&limit=100'))).body.items;
    for (const id of ids) expect(inbox.find((c) => c.id === id)).toMatchObject({ actorType: 'rule', actorId: rule.id, field: 'status', after: 'paused' });
    const since = await logSeq();
    const approved = await org.team.manager.client.post<{ results: { ok: boolean }[] }>(api('/proposals/approve'), { items: ids.map((changeId) => ({ changeId })) });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.results.every((r) => r.ok)).toBe(true);
    await settle();
    for (const id of ids) expect((await change(id)).state).toBe('applied');
    const byPlatformId = new Map(chosen.map((c) => [c.platformId, c.id]));
    expect((await platformLog(since)).filter((m) => byPlatformId.has(m.id)).map((m) => `${m.field}:${String(m.new)}`)).toEqual(['status:paused', 'status:paused']);
  });

  it('notifies approvers in notify mode without changing anything', async () => {
    const chosen = take(2);
    const rule = await createRule('Tell me', 'notify', [{ type: 'notify', channels: ['in_app', 'email'], message: 'Spend check.' }], chosen.map((c) => c.id), { limits: { cooldownHours: 24 } });
    const summary = await runNow(rule.id);
    expect(summary).toMatchObject({ outcome: 'ok', notified: 2, acted: 0, proposed: 0 });
    expect(await ruleChanges(rule.id)).toEqual([]);
    const notes = (await org.team.manager.client.get<{ items: Array<{ kind: string; title: string; body: string }> }>(api('/notifications'))).body.items;
    const note = notes.find((n) => n.kind === 'rule.matched' && n.title.includes('Tell me'));
    expect(note?.body).toContain('Spend check.');
    const email = await server.waitForEmail(org.team.manager.email, /Tell me/);
    expect(email.text).toContain('Spend check.');
    // Within its cooldown, the next run does not tell again.
    const again = await runNow(rule.id);
    expect(again.notified).toBe(0);
  });

  it('previews what a rule would do without doing it (dry run)', async () => {
    const chosen = take(1);
    const since = await logSeq();
    const preview = await org.team.member.client.post<DryRunResult>(api('/rules/dry-run'), { mode: 'automatic', definition: { scope: { level: 'campaign', entityIds: chosen.map((c) => c.id) }, when: always, then: [{ type: 'pause' }], limits: LOOSE } });
    expect(preview.status, preview.text).toBe(200);
    // The member has no accounts assigned: they see nothing.
    expect(preview.body.examined).toBe(0);
    const full = await owner().post<DryRunResult>(api('/rules/dry-run'), { mode: 'automatic', definition: { scope: { level: 'campaign', entityIds: chosen.map((c) => c.id) }, when: always, then: [{ type: 'pause' }], limits: LOOSE } });
    expect(full.body).toMatchObject({ examined: 1, matched: 1, skipped: null });
    expect(full.body.entities.map((e) => e.outcome)).toEqual(['acted']);
    expect(full.body.sentence).toMatch(/pause/i);
    const bad = await owner().post<{ error: { details: { issues: { field: string }[] } } }>(api('/rules/dry-run'), { definition: { scope: { level: 'campaign' }, when: always, then: [{ type: 'pause', extra: 1 }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0]!.field).toMatch(/^definition\.then\.0/);
    await settle();
    expect((await platformLog(since)).filter((m) => chosen.some((c) => c.platformId === m.id))).toEqual([]);
  });
});
