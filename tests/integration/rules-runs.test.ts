import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { adGroups } from '@adloop/db';
import type { CampaignRow, Rule, RuleRunSummary } from '@adloop/contracts';
import type { TestServer } from '../setup/server.ts';
import type { OrgWithTeam } from '../setup/org-helpers.ts';
import { setUpRuleRuns, type RuleRunDetail } from './support/rule-runs.ts';

/**
 * Rules run against the Meta sandbox's simulated market through the real server: what they pause is
 * what the numbers say, once; the platform's change log matches the runs' changes; a cooldown and a
 * guardrail hold them back.
 */
describe('rule runs', () => {
  const { state, api, owner, createRule, runNow, detail, change, settle, ruleChanges, logSeq, platformLog } = setUpRuleRuns();
  let server: TestServer;
  let org: OrgWithTeam;
  let orgId: string;
  let pool: CampaignRow[];
  beforeAll(() => {
    ({ server, org, orgId, pool } = state);
  });

  it('pauses exactly the ad sets whose spend crosses the threshold, once; the platform’s log matches the run’s changes', async () => {
    const chosen = (await server.ctx.db.select().from(adGroups).where(and(eq(adGroups.orgId, orgId), eq(adGroups.status, 'active')))).sort((a, b) => a.platformId.localeCompare(b.platformId)).slice(0, 8);
    expect(chosen.length).toBe(8);
    // Spend over the last 3 complete days in each account's zone, read from the metrics store.
    const spend = new Map<string, number>();
    for (const c of chosen) {
      const result = await server.ctx.db.execute(sql`
        SELECT coalesce(sum(m.spend_micros), 0)::bigint AS spend
        FROM metrics_daily m JOIN ad_accounts a ON a.id = m.ad_account_id
        WHERE m.org_id = ${orgId} AND m.ad_account_id = ${c.adAccountId} AND m.level = 'ad_group' AND m.entity_id = ${c.platformId}
          AND m.date >= (now() AT TIME ZONE a.time_zone)::date - 3 AND m.date <= (now() AT TIME ZONE a.time_zone)::date - 1`);
      spend.set(c.id, Number((result as unknown as { rows: { spend: string }[] }).rows[0]!.spend) / 1_000_000);
    }
    const sorted = [...spend.values()].sort((a, b) => a - b);
    const threshold = (sorted[3]! + sorted[4]!) / 2;
    const expected = chosen.filter((c) => spend.get(c.id)! > threshold).map((c) => c.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(chosen.length);

    const when = { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', window: { kind: 'last_days', days: 3, includeToday: false }, operator: 'gt', compare: { kind: 'value', value: threshold } }] };
    const rule = await createRule('Stop-loss', 'automatic', [{ type: 'pause' }], chosen.map((c) => c.id), { when, limits: { cooldownHours: 24 }, level: 'ad_group' });
    const since = await logSeq();
    const first = await runNow(rule.id);
    expect(first).toMatchObject({ outcome: 'ok', trigger: 'manual', examined: chosen.length, acted: expected.length, proposed: 0 });
    const run = await detail(rule.id, first.id);
    expect(run.entities.filter((e) => e.outcome === 'acted').map((e) => e.id).sort()).toEqual(expected);
    for (const e of run.entities) {
      expect(Object.keys(e.values).length, JSON.stringify(e)).toBeGreaterThan(0);
      expect(e.conditions[0]?.held).toBe(expected.includes(e.id));
      expect(e.outcome).toBe(expected.includes(e.id) ? 'acted' : 'no_match');
      expect(e.changeIds.length).toBe(expected.includes(e.id) ? 1 : 0);
    }
    await settle();

    // The platform's change log: one pause per expected campaign, each one of the run's changes.
    const byPlatformId = new Map(chosen.map((c) => [c.platformId, c.id]));
    const logged = (await platformLog(since)).filter((m) => byPlatformId.has(m.id));
    expect(logged.map((m) => `${byPlatformId.get(m.id)}|${m.field}|${String(m.old)}|${String(m.new)}`).sort()).toEqual(expected.map((id) => `${id}|status|active|paused`));
    const changeIds = run.entities.flatMap((e) => e.changeIds);
    for (const id of changeIds) expect(await change(id)).toMatchObject({ state: 'applied', actorType: 'rule', actorId: rule.id, field: 'status', after: 'paused' });
    expect((await ruleChanges(rule.id)).map((c) => c.id).sort()).toEqual([...changeIds].sort());

    // The second run: still over the threshold, but already paused: nothing to do, no second pause.
    const again = await logSeq();
    const second = await runNow(rule.id);
    expect(second).toMatchObject({ outcome: 'ok', acted: 0 });
    const secondRun = await detail(rule.id, second.id);
    for (const id of expected) expect(secondRun.entities.find((e) => e.id === id)).toMatchObject({ outcome: 'skipped', skipReason: 'no_change' });
    await settle();
    expect((await platformLog(again)).filter((m) => byPlatformId.has(m.id))).toEqual([]);
    expect((await ruleChanges(rule.id)).length).toBe(expected.length);

    // The rule's history: both runs, newest first, with the list's counts.
    const runs = (await org.team.viewer.client.get<{ items: RuleRunSummary[] }>(api(`/rules/${rule.id}/runs`))).body.items;
    expect(runs.map((r) => r.id)).toEqual([second.id, first.id]);
    const listed = (await owner().get<Rule>(api(`/rules/${rule.id}`))).body;
    expect(listed.lastRun?.id).toBe(second.id);
    expect(listed.actionsToday).toBe(expected.length);
    // Entities page by cursor, acted first.
    const page1 = (await owner().get<RuleRunDetail>(api(`/rules/${rule.id}/runs/${first.id}?limit=2`))).body;
    expect(page1.entities.length).toBe(2);
    expect(page1.entities[0]!.outcome).toBe('acted');
    const seen = [...page1.entities];
    let cursor = page1.entitiesNextCursor;
    while (cursor) {
      const next = (await owner().get<RuleRunDetail>(api(`/rules/${rule.id}/runs/${first.id}?limit=2&cursor=${cursor}`))).body;
      seen.push(...next.entities);
      cursor = next.entitiesNextCursor;
    }
    expect(seen.map((e) => e.id).sort()).toEqual(chosen.map((c) => c.id).sort());
    expect((await owner().get(api(`/rules/${rule.id}/runs/${randomUUID()}`))).status).toBe(404);
    // A member with no accounts assigned reads the run, but none of the objects.
    const memberView = await org.team.member.client.get<RuleRunDetail>(api(`/rules/${rule.id}/runs/${first.id}`));
    expect(memberView.status).toBe(200);
    expect(memberView.body).toMatchObject({ id: first.id, entities: [], entitiesNextCursor: null });
  });

  it('does not act twice on one object within the cooldown', async () => {
    const index = pool.findIndex((c) => c.dailyBudgetMicros !== null && c.dailyBudgetMicros >= 50_000_000);
    expect(index).toBeGreaterThanOrEqual(0);
    const [target] = pool.splice(index, 1);
    const rule = await createRule('Trim budget', 'automatic', [{ type: 'change_budget', direction: 'lower', by: { unit: 'percent', value: 10 } }], [target!.id], { limits: { cooldownHours: 0.05 } });
    const since = await logSeq();
    const first = await runNow(rule.id);
    expect(first.acted, JSON.stringify(await detail(rule.id, first.id))).toBe(1);
    await settle();
    const [lowered] = await ruleChanges(rule.id);
    expect(lowered).toMatchObject({ state: 'applied', field: 'daily_budget', before: String(target!.dailyBudgetMicros), after: String(Math.round((target!.dailyBudgetMicros! * 0.9) / 10_000) * 10_000) });
    const second = await runNow(rule.id);
    expect((await detail(rule.id, second.id)).entities[0]).toMatchObject({ outcome: 'skipped', skipReason: 'cooldown' });
    // After the cooldown (3 minutes) it may act again.
    server.clock.advance(4 * 60_000);
    const third = await runNow(rule.id);
    expect(third.acted).toBe(1);
    await settle();
    const logged = (await platformLog(since)).filter((m) => m.id === target!.platformId);
    expect(logged.map((m) => m.field)).toEqual(['daily_budget', 'daily_budget']);
    expect((await ruleChanges(rule.id)).length).toBe(2);
  });

  it('records a guardrail’s refusal as the object’s skip reason and sends nothing', async () => {
    const index = pool.findIndex((c) => c.dailyBudgetMicros !== null);
    const [target] = pool.splice(index, 1);
    // Ten times the budget: past the budget-jump guardrail, which a rule can never confirm.
    const amount = Math.round((target!.dailyBudgetMicros! * 10) / 1_000_000);
    const rule = await createRule('Jump', 'automatic', [{ type: 'set_budget', amount }], [target!.id]);
    const since = await logSeq();
    const summary = await runNow(rule.id);
    expect(summary).toMatchObject({ outcome: 'ok', acted: 0, skipped: 1 });
    const outcome = (await detail(rule.id, summary.id)).entities[0]!;
    expect(outcome).toMatchObject({ outcome: 'skipped', skipReason: 'guardrail', changeIds: [] });
    expect(outcome.explanation).toMatch(/guardrail/i);
    expect(await ruleChanges(rule.id)).toEqual([]);
    expect((await platformLog(since)).filter((m) => m.id === target!.platformId)).toEqual([]);
  });
});
