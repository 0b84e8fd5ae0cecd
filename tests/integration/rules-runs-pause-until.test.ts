import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { adGroups, campaigns as campaignsTable } from '@adloop/db';
import type { CampaignChange } from '@adloop/contracts';
import type { TestServer } from '../setup/server.ts';
import { resumePaused } from '../../apps/server/src/modules/rules/resume.ts';
import { setUpRuleRuns } from './support/rule-runs.ts';

/**
 * A rule's timed pause through the real server and the Meta sandbox: the rule enables the object again
 * when its time comes, unless a person decided on it since.
 */
describe('rule runs', () => {
  const { state, api, owner, take, createRule, runNow, detail, settle, ruleChanges, campaignsNow, spareAdSets } = setUpRuleRuns();
  let server: TestServer;
  let orgId: string;
  beforeAll(() => {
    ({ server, orgId } = state);
  });

  it('pauses until a time with a label, then enables the object again as the rule', async () => {
    const [target] = take(1);
    const until = new Date(server.clock.now().getTime() + 2 * 3_600_000).toISOString();
    const rule = await createRule('Nap', 'automatic', [{ type: 'pause_until', until }, { type: 'label', label: 'napping' }], [target!.id]);
    const summary = await runNow(rule.id);
    expect(summary.acted, JSON.stringify(await detail(rule.id, summary.id))).toBe(1);
    await settle();
    const [pause] = await ruleChanges(rule.id);
    expect(pause).toMatchObject({ state: 'applied', field: 'status', after: 'paused' });
    const [row] = await server.ctx.db.select().from(campaignsTable).where(eq(campaignsTable.id, target!.id));
    expect(row!.labels).toContain('napping');
    const queued = await server.ctx.db.execute(sql`SELECT start_after FROM pgboss.job WHERE name = 'rules.resume' AND data->>'changeId' = ${pause!.id}`);
    const jobs = (queued as unknown as { rows: { start_after: Date | string }[] }).rows;
    expect(jobs.length).toBe(1);
    expect(new Date(jobs[0]!.start_after).toISOString()).toBe(new Date(until).toISOString());
    // Its time comes: the rule enables it again, once.
    server.clock.advance(60_000);
    expect(await resumePaused(server.ctx, orgId, rule.id, pause!.id)).toBe(true);
    await settle();
    expect((await campaignsNow()).find((c) => c.id === target!.id)?.status).toBe('active');
    const changes = await ruleChanges(rule.id);
    expect(changes.map((c) => [c.field, c.after, c.state])).toEqual([['status', 'paused', 'applied'], ['status', 'active', 'applied']]);
    expect(await resumePaused(server.ctx, orgId, rule.id, pause!.id)).toBe(false);
  });

  it('does not end a pause a person decided on since, and a person’s change of another object does not hold it back', async () => {
    const chosen = await spareAdSets(2);
    expect(chosen.length).toBe(2);
    const [kept, other] = chosen as [typeof chosen[number], typeof chosen[number]];
    const until = new Date(server.clock.now().getTime() + 3_600_000).toISOString();
    const rule = await createRule('Nap two', 'automatic', [{ type: 'pause_until', until }], [kept.id, other.id], { level: 'ad_group' });
    expect((await runNow(rule.id)).acted).toBe(2);
    await settle();
    const pauses = await ruleChanges(rule.id);
    const pauseOf = (id: string) => pauses.find((c) => c.entityId === id && c.field === 'status')!;
    // The owner enables one of them and pauses it again: it is paused, but by the person's decision.
    for (const [action, status] of [['enable', 'paused'], ['pause', 'active']] as const) {
      server.clock.advance(60_000);
      const response = await owner().post<{ items: CampaignChange[] }>(api('/campaign-changes'), { idempotencyKey: randomUUID(), changes: [{ target: { level: 'ad_group', id: kept.id }, action, expected: { status } }] });
      expect(response.status, response.text).toBe(202);
      await settle();
    }
    // The job runs at the pause's end; the test calls it a minute on (numbers older than the clock's hour read as stale).
    server.clock.advance(60_000);
    expect(await resumePaused(server.ctx, orgId, rule.id, pauseOf(kept.id).id)).toBe(false);
    expect(await resumePaused(server.ctx, orgId, rule.id, pauseOf(other.id).id)).toBe(true);
    await settle();
    const statusOf = async (id: string) => (await server.ctx.db.select({ status: adGroups.status }).from(adGroups).where(eq(adGroups.id, id)))[0]?.status;
    expect(await statusOf(kept.id)).toBe('paused');
    expect(await statusOf(other.id)).toBe('active');
  });
});
