import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rules as rulesTable } from '@adloop/db';
import type { RuleJob, RuleRunSummary } from '@adloop/contracts';
import type { TestServer } from '../setup/server.ts';
import { eventually } from '../setup/connect-helpers.ts';
import type { OrgWithTeam } from '../setup/org-helpers.ts';
import { openEventStream } from '../setup/sse.ts';
import { rulesTick } from '../../apps/server/src/modules/rules/index.ts';
import { runRulesOfOrg } from '../../apps/server/src/modules/rules/scheduler.ts';
import { NOT_RECORDED } from '../../apps/server/src/modules/rules/runner.ts';
import { LOOSE, setUpRuleRuns } from './support/rule-runs.ts';

/**
 * Rules in the background, through the real server and the Meta sandbox: the 15-minute tick runs due
 * rules once, open pages hear of rule changes and runs, a backtest replays the stored history.
 */
describe('rule runs', () => {
  const { state, api, owner, take, createRule, runNow, finished, spareAdSets, detail, ruleChanges } = setUpRuleRuns();
  let server: TestServer;
  let org: OrgWithTeam;
  beforeAll(() => {
    ({ server, org } = state);
  });

  it('runs due rules from the 15-minute tick, once per due time', async () => {
    const chosen = take(1);
    const rule = await createRule('Scheduled', 'notify', [{ type: 'notify', channels: ['in_app'] }], chosen.map((c) => c.id));
    await owner().post(api(`/rules/${rule.id}/enable`), {});
    const [row] = await server.ctx.db.select().from(rulesTable).where(eq(rulesTable.id, rule.id));
    expect(row!.nextRunAt).not.toBeNull();
    expect(row!.nextRunAt!.getUTCMinutes() % 15).toBe(0);
    // Due now: two ticks at once claim it once.
    await server.ctx.db.update(rulesTable).set({ nextRunAt: new Date(server.clock.now().getTime() - 60_000) }).where(eq(rulesTable.id, rule.id));
    const claimed = await Promise.all([rulesTick(server.ctx), rulesTick(server.ctx)]);
    expect(claimed[0] + claimed[1]).toBeGreaterThanOrEqual(1);
    const runs = await eventually(async () => {
      const items = (await owner().get<{ items: RuleRunSummary[] }>(api(`/rules/${rule.id}/runs`))).body.items;
      return items.length > 0 && items.every((r) => r.outcome !== 'running') ? items : null;
    }, 60_000, 'the scheduled run');
    expect(runs.map((r) => r.trigger)).toEqual(['schedule']);
    // The tick's runs tell the approvers together once written: the bell links to this run.
    expect(runs[0]!.notified).toBe(1);
    const told = await eventually(async () => {
      const items = (await owner().get<{ items: { kind: string; title: string; link: string | null }[] }>(api('/notifications'))).body.items;
      return items.find((n) => n.kind === 'rule.matched' && n.link?.endsWith(`?run=${runs[0]!.id}`)) ?? null;
    }, 20_000, 'the scheduled run’s notification');
    expect(told.title).toBe('Rule “Scheduled” matched 1 object');
    const [after] = await server.ctx.db.select().from(rulesTable).where(eq(rulesTable.id, rule.id));
    expect(after!.nextRunAt!.getTime()).toBeGreaterThan(server.clock.now().getTime());
  });

  it('records a tick’s objects as failed, and counts its runs again, when its changes cannot be written', async () => {
    const chosen = take(1);
    const rule = await createRule('Unwritten', 'propose', [{ type: 'pause' }], chosen.map((c) => c.id));
    expect((await owner().post(api(`/rules/${rule.id}/enable`), {})).status).toBe(200);
    // The database refuses every new change while the tick writes its batch.
    await server.ctx.db.execute(sql.raw(`CREATE FUNCTION refuse_changes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'changes refused'; END $$`));
    await server.ctx.db.execute(sql.raw('CREATE TRIGGER refuse_changes BEFORE INSERT ON campaign_changes FOR EACH ROW EXECUTE FUNCTION refuse_changes()'));
    try {
      expect(await runRulesOfOrg(server.ctx, org.orgId, [rule.id])).toBe(1);
    } finally {
      await server.ctx.db.execute(sql.raw('DROP TRIGGER refuse_changes ON campaign_changes'));
      await server.ctx.db.execute(sql.raw('DROP FUNCTION refuse_changes()'));
    }
    const [run] = (await owner().get<{ items: RuleRunSummary[] }>(api(`/rules/${rule.id}/runs`))).body.items;
    expect(run).toMatchObject({ trigger: 'schedule', outcome: 'ok', matched: 1, proposed: 0, acted: 0 });
    const { entities } = await detail(rule.id, run!.id);
    expect(entities).toHaveLength(1);
    expect(entities[0]).toMatchObject({ id: chosen[0]!.id, outcome: 'failed', explanation: NOT_RECORDED, changeIds: [] });
    expect(await ruleChanges(rule.id)).toEqual([]);
  });

  it('tells open pages over live updates when a rule is saved, switched, run now or by the schedule (its run written) and deleted', async () => {
    const stream = await openEventStream(owner(), api('/events'));
    try {
      expect(stream.status).toBe(200);
      const ruleEvent = (ruleId: string, what: string) => stream.waitFor((e) => e.event === 'rule' && (e.data as { ruleIds: string[] }).ruleIds.includes(ruleId), 30_000, what);
      // A notify rule changes nothing: an ad set another test used will do.
      const chosen = await spareAdSets(3);
      const rule = await createRule('Live', 'notify', [{ type: 'notify', channels: ['in_app'] }], [chosen[0]!.id], { level: 'ad_group' });
      expect((await ruleEvent(rule.id, 'created')).data).toEqual({ type: 'rule', ruleIds: [rule.id] });
      const seen = stream.events.length;
      await owner().post(api(`/rules/${rule.id}/enable`), {});
      await stream.waitFor((e) => stream.events.indexOf(e) >= seen && e.event === 'rule', 30_000, 'enabled');
      // Run now (a background job): the hint comes once its run is written.
      const beforeNow = stream.events.length;
      const now = await runNow(rule.id);
      await stream.waitFor((e) => stream.events.indexOf(e) >= beforeNow && e.event === 'rule', 30_000, 'run now');
      expect((await owner().get<{ items: RuleRunSummary[] }>(api(`/rules/${rule.id}/runs`))).body.items.map((r) => r.id)).toContain(now.id);
      const beforeRun = stream.events.length;
      await server.ctx.db.update(rulesTable).set({ nextRunAt: new Date(server.clock.now().getTime() - 60_000) }).where(eq(rulesTable.id, rule.id));
      expect(await rulesTick(server.ctx)).toBeGreaterThanOrEqual(1);
      await stream.waitFor((e) => stream.events.indexOf(e) >= beforeRun && e.event === 'rule' && (e.data as { ruleIds: string[] }).ruleIds.includes(rule.id), 60_000, 'the scheduled run');
      // The hint comes once the run is written: reading the history now finds it finished.
      const runs = (await owner().get<{ items: RuleRunSummary[] }>(api(`/rules/${rule.id}/runs`))).body.items;
      expect(runs.map((r) => `${r.trigger}:${r.outcome === 'running' ? 'running' : 'finished'}`).sort()).toEqual(['manual:finished', 'schedule:finished']);
      const beforeDelete = stream.events.length;
      expect((await owner().delete(api(`/rules/${rule.id}`))).status).toBe(204);
      await stream.waitFor((e) => stream.events.indexOf(e) >= beforeDelete && e.event === 'rule', 30_000, 'deleted');
    } finally {
      stream.close();
    }
  });

  it('backtests a rule over the stored history through the API', async () => {
    const definition = { scope: { level: 'campaign' }, when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', window: { kind: 'yesterday' }, operator: 'gt', compare: { kind: 'value', value: 1 } }] }, then: [{ type: 'pause' }], schedule: { frequency: 'daily', at: '09:00' }, limits: LOOSE };
    const asked = await org.team.viewer.client.post<RuleJob>(api('/rules/backtest'), { definition, days: 7 });
    expect(asked.status, asked.text).toBe(202);
    expect(asked.body).toMatchObject({ kind: 'backtest', state: 'queued', progress: 0, backtest: null });
    const job = await finished(org.team.viewer.client, asked.body.id);
    expect(job).toMatchObject({ state: 'done', progress: 1, error: null });
    const result = job.backtest!;
    expect(result.days.length).toBeGreaterThanOrEqual(7);
    expect(result.evaluations).toBeGreaterThan(0);
    expect(result.fires).toBeGreaterThan(0);
    expect(result.entities.length).toBe(result.entitiesAffected);
    expect(result.method.length).toBeGreaterThan(20);
    // A member without accounts replays nothing, and cannot read a backtest of accounts they do not see.
    const mine = await org.team.member.client.post<RuleJob>(api('/rules/backtest'), { definition, days: 7 });
    expect((await finished(org.team.member.client, mine.body.id)).backtest!.fires).toBe(0);
    expect((await org.team.member.client.get(api(`/rules/jobs/${asked.body.id}`))).status).toBe(404);
    const bad = await owner().post<{ error: { details: { issues: { field: string }[] } } }>(api('/rules/backtest'), { definition, days: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0]!.field).toBe('days');
  }, 120_000);
});
