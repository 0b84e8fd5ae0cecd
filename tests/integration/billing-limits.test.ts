import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { billingAccounts, copyGenerations, rules as rulesTable } from '@adloop/db';
import type { Connection, OverLimitList, Rule } from '@adloop/contracts';
import { runRulesOfOrg } from '../../apps/server/src/modules/rules/scheduler.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { joinAs } from '../setup/org-helpers.ts';
import { connectThroughConsent, sandboxAccounts } from '../setup/connect-helpers.ts';

interface LimitBody { error: { code: string; message: string; details: { metric: string; used: number; limit: number; upgradeUrl: string } } }

const definition = { scope: { level: 'campaign' }, when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', operator: 'gt', compare: { kind: 'value', value: 1 } }] }, then: [{ type: 'pause' }] };

/**
 * Plan limits over real sockets: each metered action refused one past the plan with 402 plan_limit
 * (metric, used, limit, upgradeUrl), and a downgrade over the new limits leaving the extra rules and
 * members read-only (403 plan_read_only, read-only rules not run) until the organisation chooses what
 * to keep.
 */
describe('plan limits', { timeout: 300_000 }, () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const setPlan = async (planId: string, status = 'active') => {
    await server.ctx.db.insert(billingAccounts).values({ orgId, stripeCustomerId: `cus_test_${orgId.slice(0, 8)}`, planId, status })
      .onConflictDoUpdate({ target: billingAccounts.orgId, set: { planId, status } });
  };
  /** Rules told apart by their creation time (the test clock stands still otherwise). */
  const createRule = async (name: string) => {
    server.clock.advance(1_000);
    return owner.client.post(api('/rules'), { name, definition });
  };
  const expectLimit = (res: { status: number; body: unknown; text: string }, metric: string, used: number, limit: number) => {
    expect(res.status, res.text).toBe(402);
    const body = res.body as LimitBody;
    expect(body.error.code).toBe('plan_limit');
    expect(body.error.details).toMatchObject({ metric, used, limit, upgradeUrl: '/settings/billing' });
    expect(body.error.message).toContain('Settings › Billing');
  };

  beforeAll(async () => {
    server = await startTestServer({ planLimitsEnforced: true });
    owner = await signUpVerifiedUser(server, { organizationName: 'Limits Co' });
    orgId = owner.orgId!;
  }, 600_000);
  afterAll(async () => server?.close());

  it('Free: the fourth rule is refused with the metric, used, limit and the upgrade path', async () => {
    for (const name of ['One', 'Two', 'Three']) expect((await createRule(name)).status).toBe(201);
    expectLimit(await createRule('Four'), 'rules', 3, 3);
    expect((await owner.client.get<{ items: Rule[] }>(api('/rules'))).body.items).toHaveLength(3);
  });

  it('Free: a second user (an invitation) is refused', async () => {
    expectLimit(await owner.client.post(api('/invitations'), { email: 'second@example.com', role: 'member' }), 'users', 1, 1);
  });

  it('Free: API keys need a plan with API access', async () => {
    const res = await owner.client.post(api('/api-keys'), { name: 'CI', scope: 'read' });
    expect(res.status, res.text).toBe(402);
    expect((res.body as LimitBody).error.details).toMatchObject({ metric: 'apiAccess', upgradeUrl: '/settings/billing' });
  });

  it('Free: the 51st AI generation of the month is refused before anything is sent', async () => {
    const at = server.clock.now();
    const row = { orgId, source: 'ai', status: 'ready' as const, platforms: ['google_ads'], brief: {}, brandVoice: {}, prompt: {}, result: {}, createdAt: at, updatedAt: at };
    await server.ctx.db.insert(copyGenerations).values(Array.from({ length: 50 }, () => row));
    const res = await owner.client.post(api('/copy/generations'), { brief: { product: 'Vitamin C serum', keywords: ['serum'], landingPage: 'https://lumen-skincare.example/serum' }, platforms: ['google_ads'], variations: 1 });
    expectLimit(res, 'aiGenerationsPerMonth', 50, 50);
  });

  it('Free: adding two ad accounts is refused (one included), adding one works', async () => {
    const ids = sandboxAccounts(server, 'google_ads').filter((a) => !a.isManager).slice(0, 2).map((a) => a.id);
    const connected = await connectThroughConsent(owner, orgId, 'google_ads', ids);
    const path = api(`/connections/${connected.connectionId}`);
    const accounts = (await owner.client.get<Connection>(path)).body.accounts.filter((a) => ids.includes(a.platformAccountId));
    expectLimit(await owner.client.put(`${path}/accounts`, { accountIds: accounts.map((a) => a.id) }), 'adAccounts', 0, 1);
    expect((await owner.client.put(`${path}/accounts`, { accountIds: [accounts[0]!.id] })).status).toBe(200);
  });

  it('Starter: the same actions pass (limits come from the plan in force)', async () => {
    await setPlan('starter');
    expect((await createRule('Four')).status).toBe(201);
    expect((await owner.client.post(api('/invitations'), { email: 'second@example.com', role: 'member' })).status).toBe(201);
  });

  it('a downgrade over the limits: the extra rules and members are read-only until the organisation chooses what to keep', async () => {
    await setPlan('pro');
    const member = await joinAs(server, owner, orgId, 'manager');
    for (const name of ['Five', 'Six']) expect((await createRule(name)).status).toBe(201);
    const all = (await server.ctx.db.select().from(rulesTable).where(eq(rulesTable.orgId, orgId))).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    expect(all).toHaveLength(6);

    await setPlan('free', 'active');
    const over = (await owner.client.get<OverLimitList>(api('/billing/over-limit'))).body;
    const ruleLimit = over.metrics.find((m) => m.metric === 'rules')!;
    expect(ruleLimit).toMatchObject({ limit: 3, used: 6, over: true, chosen: false });
    const readOnly = ruleLimit.items.filter((i) => !i.kept).map((i) => i.id).sort();
    // Until chosen: the most recently created are kept.
    expect(readOnly).toEqual(all.slice(0, 3).map((r) => r.id).sort());
    const oldest = all[0]!;
    const patch = await owner.client.patch(api(`/rules/${oldest.id}`), { name: 'Renamed', version: oldest.version });
    expect(patch.status, patch.text).toBe(403);
    expect((patch.body as LimitBody).error.code).toBe('plan_read_only');
    expect((await owner.client.post(api(`/rules/${oldest.id}/enable`), {})).status).toBe(403);
    // Nothing was deleted and the kept ones still edit.
    const newest = all[5]!;
    expect((await owner.client.patch(api(`/rules/${newest.id}`), { name: 'Still mine', version: newest.version })).status).toBe(200);

    // The member beyond one user may read, not write.
    expect((await member.client.get(api('/rules'))).status).toBe(200);
    const write = await member.client.post(api('/rules'), { name: 'Blocked', definition });
    expect(write.status, write.text).toBe(403);
    expect((write.body as LimitBody).error.code).toBe('plan_read_only');
    expect(over.metrics.find((m) => m.metric === 'users')).toMatchObject({ limit: 1, used: 2, over: true });

    // Choose the three oldest: they become writable, the newest read-only.
    const keep = all.slice(0, 3).map((r) => r.id);
    const bad = await owner.client.put(api('/billing/over-limit'), { metric: 'rules', keep: all.slice(0, 4).map((r) => r.id) });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('keep');
    const chosen = await owner.client.put<OverLimitList>(api('/billing/over-limit'), { metric: 'rules', keep });
    expect(chosen.status, chosen.text).toBe(200);
    expect(chosen.body.metrics.find((m) => m.metric === 'rules')!.items.filter((i) => i.kept).map((i) => i.id).sort()).toEqual([...keep].sort());
    expect((await owner.client.patch(api(`/rules/${oldest.id}`), { name: 'Renamed', version: oldest.version })).status).toBe(200);
    expect((await owner.client.patch(api(`/rules/${newest.id}`), { name: 'Now read-only', version: newest.version + 1 })).status).toBe(403);
  });

  it('a read-only rule does not run on the tick; a kept one does', async () => {
    const all = (await server.ctx.db.select().from(rulesTable).where(eq(rulesTable.orgId, orgId))).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    await server.ctx.db.update(rulesTable).set({ status: 'enabled' }).where(eq(rulesTable.orgId, orgId));
    const readOnly = all[5]!;
    const kept = all[0]!;
    expect(await runRulesOfOrg(server.ctx, orgId, [readOnly.id])).toBe(0);
    const [after] = await server.ctx.db.select().from(rulesTable).where(eq(rulesTable.id, readOnly.id));
    expect(after?.lastRunAt).toBeNull();
    expect(await runRulesOfOrg(server.ctx, orgId, [kept.id])).toBe(1);
  });

  it('upgrading again makes everything writable at once', async () => {
    await setPlan('pro');
    const over = (await owner.client.get<OverLimitList>(api('/billing/over-limit'))).body;
    expect(over.metrics.every((m) => !m.over && m.items.every((i) => i.kept))).toBe(true);
    const all = (await server.ctx.db.select().from(rulesTable).where(eq(rulesTable.orgId, orgId)));
    const newest = all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]!;
    expect((await owner.client.patch(api(`/rules/${newest.id}`), { name: 'Writable again', version: newest.version })).status).toBe(200);
  });
});
