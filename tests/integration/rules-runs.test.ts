import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { adGroups, campaignChanges, campaigns as campaignsTable, rules as rulesTable } from '@adloop/db';
import type { BacktestResult, CampaignChange, CampaignRow, Connection, DryRunResult, Rule, RuleEntityOutcome, RuleRunSummary } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { orgWithTeam, type OrgWithTeam } from '../setup/org-helpers.ts';
import { rulesTick } from '../../apps/server/src/modules/rules/index.ts';
import { resumePaused } from '../../apps/server/src/modules/rules/resume.ts';

type RuleRunDetail = RuleRunSummary & { entities: RuleEntityOutcome[]; entitiesNextCursor: string | null };

/** One entry of the sandbox's change log (GET /control/mutations). */
interface Mutation { seq: number; account: string; level: string; id: string; field: string; old: unknown; new: unknown }

const always = { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', window: { kind: 'last_days', days: 3, includeToday: false }, operator: 'gte', compare: { kind: 'value', value: 0 } }] };
const LOOSE = { cooldownHours: 0, skipLearning: false, overrideHours: 72 };

/**
 * Rules run against the Meta sandbox's simulated market through the real server: what they pause is
 * what the numbers say, once; proposals go through the approval inbox; the platform's change log
 * matches the runs' changes; the kill switch, a person's override and oscillation stop them.
 */
describe('rule runs', () => {
  let server: TestServer;
  let org: OrgWithTeam;
  let orgId = '';
  const sandboxIds = new Set<string>();
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const owner = () => org.team.owner.client;
  let pool: CampaignRow[] = [];
  const take = (n: number) => pool.splice(0, n);

  const createRule = async (name: string, mode: string, then: unknown[], entityIds: string[], extra: { when?: unknown; limits?: Record<string, unknown>; statuses?: string[]; level?: string } = {}) => {
    const response = await owner().post<Rule>(api('/rules'), {
      name,
      mode,
      definition: { scope: { level: extra.level ?? 'campaign', entityIds, statuses: extra.statuses ?? ['active', 'paused'] }, when: extra.when ?? always, then, limits: { ...LOOSE, ...extra.limits } },
    });
    expect(response.status, response.text).toBe(201);
    return response.body;
  };
  const runNow = async (ruleId: string) => {
    // Runs are told apart by their start: the test's clock moves on a second per run, as time would.
    server.clock.advance(1_000);
    const response = await owner().post<RuleRunSummary>(api(`/rules/${ruleId}/run`), {});
    expect(response.status, response.text).toBe(200);
    return response.body;
  };
  const detail = async (ruleId: string, runId: string) => (await owner().get<RuleRunDetail>(api(`/rules/${ruleId}/runs/${runId}?limit=500`))).body;
  const change = async (id: string) => (await owner().get<CampaignChange>(api(`/campaign-changes/${id}`))).body;
  const settle = () =>
    eventually(async () => {
      const open = await server.ctx.db.select({ id: campaignChanges.id }).from(campaignChanges).where(and(eq(campaignChanges.orgId, orgId), eq(campaignChanges.state, 'pending')));
      return open.length === 0;
    }, 60_000, 'pending changes to settle');
  const ruleChanges = (ruleId: string) => server.ctx.db.select().from(campaignChanges).where(and(eq(campaignChanges.orgId, orgId), eq(campaignChanges.actorType, 'rule'), eq(campaignChanges.actorId, ruleId)));
  const logSeq = async () => (await platformLog(0)).reduce((max, m) => Math.max(max, m.seq), 0);
  const platformLog = async (since: number): Promise<Mutation[]> => {
    const response = await fetch(`${server.sandbox!.urls.control}/control/mutations?platform=meta&since=${since}`);
    return ((await response.json()) as { mutations: Mutation[] }).mutations.filter((m) => sandboxIds.has(m.account));
  };
  const campaignsNow = async () => (await owner().get<{ items: CampaignRow[] }>(api('/campaigns?limit=200'))).body.items;

  beforeAll(async () => {
    server = await startTestServer();
    org = await orgWithTeam(server, 'Rule Runs Co');
    orgId = org.orgId;
    const accounts = sandboxAccounts(server, 'meta').filter((a) => !a.isManager);
    accounts.forEach((a) => sandboxIds.add(a.id));
    await connectAndAdd(org.team.owner, orgId, 'meta', accounts.map((a) => a.id));
    await eventually(async () => {
      const overview = (await owner().get<{ connections: Connection[] }>(api('/connections'))).body;
      const accounts = overview.connections.flatMap((c) => c.accounts.filter((a) => a.selected));
      return accounts.length > 0 && accounts.every((a) => a.health.structureSyncedAt !== null && a.health.metricsSyncedAt !== null);
    }, 180_000, 'structure and metrics sync');
    pool = (await campaignsNow()).filter((c) => c.status === 'active');
    expect(pool.length).toBeGreaterThanOrEqual(9);
  }, 300_000);
  afterAll(async () => server?.close());

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
    const [after] = await server.ctx.db.select().from(rulesTable).where(eq(rulesTable.id, rule.id));
    expect(after!.nextRunAt!.getTime()).toBeGreaterThan(server.clock.now().getTime());
  });

  it('backtests a rule over the stored history through the API', async () => {
    const definition = { scope: { level: 'campaign' }, when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', window: { kind: 'yesterday' }, operator: 'gt', compare: { kind: 'value', value: 1 } }] }, then: [{ type: 'pause' }], schedule: { frequency: 'daily', at: '09:00' }, limits: LOOSE };
    const result = await org.team.viewer.client.post<BacktestResult>(api('/rules/backtest'), { definition, days: 7 });
    expect(result.status, result.text).toBe(200);
    expect(result.body.days.length).toBeGreaterThanOrEqual(7);
    expect(result.body.evaluations).toBeGreaterThan(0);
    expect(result.body.fires).toBeGreaterThan(0);
    expect(result.body.entities.length).toBe(result.body.entitiesAffected);
    expect(result.body.method.length).toBeGreaterThan(20);
    const none = await org.team.member.client.post<BacktestResult>(api('/rules/backtest'), { definition, days: 7 });
    expect(none.body.fires).toBe(0);
    const bad = await owner().post<{ error: { details: { issues: { field: string }[] } } }>(api('/rules/backtest'), { definition, days: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0]!.field).toBe('days');
  }, 120_000);
});
