import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { adAccounts, aiUsage, auditLog, billingAccounts, campaigns, copyGenerations, platformConnections } from '@adloop/db';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser } from '../setup/auth-helpers.ts';
import { runRetention, searchAuditArchive } from '../../apps/server/src/modules/privacy/index.ts';
import { rowsOf } from '../../apps/server/src/modules/metrics/report-scope.ts';
import { seedReportData } from './support/report-data.ts';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-03-11T09:00:00Z');
const TODAY = '2026-03-11';
const dayBefore = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString().slice(0, 10);

/** The first and last day of an organisation's rows in each metrics table. */
async function metricsSpan(server: TestServer, orgId: string): Promise<Record<string, { first: string | null; last: string | null; n: number }>> {
  const out: Record<string, { first: string | null; last: string | null; n: number }> = {};
  for (const table of ['metrics_daily', 'metrics_account_daily', 'metrics_org_daily']) {
    const [row] = rowsOf<{ first: string | null; last: string | null; n: number }>(await server.ctx.db.execute(
      sql`SELECT min(date)::text AS first, max(date)::text AS last, count(*)::int AS n FROM ${sql.raw(table)} WHERE org_id = ${orgId}::uuid`,
    ));
    out[table] = row!;
  }
  return out;
}

/** The daily retention rules at their edges, with the clock set by hand. */
describe('privacy: retention', () => {
  let server: TestServer;
  let freeOrg: string;
  let agencyOrg: string;
  let enterpriseOrg: string;

  beforeAll(async () => {
    server = await startTestServer();
    server.clock.set(NOW);
    freeOrg = (await signUpVerifiedUser(server, { organizationName: 'Free Keep' })).orgId!;
    agencyOrg = (await signUpVerifiedUser(server, { organizationName: 'Agency Keep' })).orgId!;
    enterpriseOrg = (await signUpVerifiedUser(server, { organizationName: 'Enterprise Keep' })).orgId!;
    for (const [orgId, planId] of [[agencyOrg, 'agency'], [enterpriseOrg, 'enterprise']] as const) {
      await server.ctx.db.insert(billingAccounts).values({ orgId, stripeCustomerId: `cus_test_${orgId.slice(0, 8)}`, planId, status: 'active' })
        .onConflictDoUpdate({ target: billingAccounts.orgId, set: { planId, status: 'active' } });
    }
    const account = (name: string) => [{ name, platform: 'meta' as const, currency: 'USD', campaigns: 1 }];
    await seedReportData(server.ctx.db, freeOrg, { today: TODAY, days: 40, now: NOW, accounts: account('Free') });
    await seedReportData(server.ctx.db, agencyOrg, { today: TODAY, days: 760, now: NOW, accounts: account('Agency') });
    await seedReportData(server.ctx.db, enterpriseOrg, { today: TODAY, days: 800, now: NOW, accounts: account('Enterprise') });
  }, 240_000);
  afterAll(async () => server?.close());

  it("metrics beyond the plan's history go, the day at the edge stays; no plan keeps more than two years", async () => {
    expect((await metricsSpan(server, freeOrg)).metrics_daily!.first).toBe(dayBefore(40));
    const counts = await runRetention(server.ctx);
    expect(counts['metrics_daily.partitions']).toBeGreaterThan(0);
    const free = await metricsSpan(server, freeOrg);
    for (const span of Object.values(free)) expect(span).toMatchObject({ first: dayBefore(30), last: dayBefore(1), n: 30 });
    for (const orgId of [agencyOrg, enterpriseOrg]) {
      const spans = await metricsSpan(server, orgId);
      for (const [table, span] of Object.entries(spans)) {
        expect(span.first, `${table} of ${orgId}`).toBe(dayBefore(730));
        expect(span.last, table).toBe(dayBefore(1));
      }
    }
    // A second run the same day finds nothing more to drop.
    const again = await runRetention(server.ctx);
    expect(Object.entries(again).filter(([key, n]) => key.startsWith('metrics') && n > 0)).toEqual([]);
    // A day later, one more day goes.
    server.clock.set(new Date(NOW.getTime() + DAY));
    await runRetention(server.ctx);
    expect((await metricsSpan(server, freeOrg)).metrics_daily).toMatchObject({ first: dayBefore(29), n: 29 });
    server.clock.set(NOW);
  });

  let old: { id: number } | undefined;
  let edge: { id: number } | undefined;
  let fresh: { id: number } | undefined;

  it('audit rows move to the compressed archive after 90 days and are still found there', async () => {
    const at = (days: number) => new Date(NOW.getTime() - days * DAY);
    const base = { orgId: freeOrg, actorType: 'user', actorLabel: 'someone@example.test', targetType: 'rule' } as const;
    [old, edge, fresh] = await server.ctx.db.insert(auditLog).values([
      { ...base, action: 'retention.old', createdAt: at(91) },
      { ...base, action: 'retention.edge', createdAt: new Date(at(90).getTime() + 60_000) },
      { ...base, action: 'retention.fresh', createdAt: at(10) },
    ]).returning({ id: auditLog.id });
    const counts = await runRetention(server.ctx);
    expect(counts.audit_archived).toBeGreaterThanOrEqual(1);
    const hot = await server.ctx.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.orgId, freeOrg));
    const hotIds = new Set(hot.map((r) => r.id));
    expect(hotIds.has(old!.id)).toBe(false);
    expect(hotIds.has(edge!.id)).toBe(true);
    expect(hotIds.has(fresh!.id)).toBe(true);
    const [archived] = await searchAuditArchive(server.ctx.db, { id: old!.id });
    expect(archived).toMatchObject({ id: old!.id, orgId: freeOrg, action: 'retention.old', actorLabel: 'someone@example.test' });
    const byRange = await searchAuditArchive(server.ctx.db, { orgId: freeOrg, from: at(100), to: at(80) });
    expect(byRange.map((r) => r.action)).toEqual(['retention.old']);
    // Two minutes later the edge row is past 90 days too.
    server.clock.set(new Date(NOW.getTime() + 2 * 60_000));
    await runRetention(server.ctx);
    expect((await searchAuditArchive(server.ctx.db, { id: edge!.id })).map((r) => r.action)).toEqual(['retention.edge']);
    server.clock.set(NOW);
  });

  it('AI history is kept 90 days', async () => {
    const at = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY + ms);
    const usage = (createdAt: Date) => ({ orgId: agencyOrg, feature: 'copy' as const, provider: 'test', model: 'm', status: 'settled' as const, month: '2025-12', createdAt });
    const generation = (createdAt: Date) => ({ orgId: agencyOrg, source: 'template', status: 'ready' as const, platforms: ['meta'], brief: {}, brandVoice: {}, prompt: {}, result: {}, createdAt, updatedAt: createdAt });
    await server.ctx.db.insert(aiUsage).values([usage(at(90, -60_000)), usage(at(90, 60_000))] as (typeof aiUsage.$inferInsert)[]);
    await server.ctx.db.insert(copyGenerations).values([generation(at(90, -60_000)), generation(at(90, 60_000))] as (typeof copyGenerations.$inferInsert)[]);
    const counts = await runRetention(server.ctx);
    expect(counts).toMatchObject({ ai_usage: 1, copy_generations: 1 });
    expect(await server.ctx.db.select().from(aiUsage).where(eq(aiUsage.orgId, agencyOrg))).toHaveLength(1);
    expect(await server.ctx.db.select().from(copyGenerations).where(eq(copyGenerations.orgId, agencyOrg))).toHaveLength(1);
  });

  it("a disconnected platform's data goes 90 days after it was disconnected, however recently the row was updated", async () => {
    const [connection] = await server.ctx.db.select().from(platformConnections).where(eq(platformConnections.orgId, freeOrg));
    const disconnectedAt = new Date(NOW.getTime() - 89 * DAY);
    // A later update (a token check, say) moves updated_at, not the disconnection.
    await server.ctx.db.update(platformConnections).set({ status: 'disconnected', disconnectedAt, updatedAt: NOW }).where(eq(platformConnections.id, connection!.id));
    await runRetention(server.ctx);
    expect(await server.ctx.db.select().from(adAccounts).where(eq(adAccounts.orgId, freeOrg))).toHaveLength(1);
    expect((await metricsSpan(server, freeOrg)).metrics_daily!.n).toBeGreaterThan(0);
    server.clock.set(new Date(disconnectedAt.getTime() + 90 * DAY + 60_000));
    await server.ctx.db.update(platformConnections).set({ updatedAt: server.clock.now() }).where(eq(platformConnections.id, connection!.id));
    const counts = await runRetention(server.ctx);
    expect(counts.platform_connections).toBe(1);
    expect(await server.ctx.db.select().from(adAccounts).where(eq(adAccounts.orgId, freeOrg))).toEqual([]);
    expect(await server.ctx.db.select().from(campaigns).where(eq(campaigns.orgId, freeOrg))).toEqual([]);
    const spans = await metricsSpan(server, freeOrg);
    expect(spans.metrics_daily!.n).toBe(0);
    expect(spans.metrics_account_daily!.n).toBe(0);
    expect(spans.metrics_org_daily!.n).toBe(0);
    expect((await metricsSpan(server, agencyOrg)).metrics_org_daily!.n).toBeGreaterThan(0);
    // Other organisations' connections stay.
    expect((await server.ctx.db.select().from(adAccounts).where(eq(adAccounts.orgId, agencyOrg))).length).toBe(1);
    server.clock.set(NOW);
  });

  it("an organisation's broken platform connections go 90 days after its subscription ended; working ones and one made after the end stay", async () => {
    const endedAt = new Date(NOW.getTime() - 89 * DAY);
    await server.ctx.db.update(billingAccounts).set({ status: 'canceled', currentPeriodEnd: endedAt }).where(eq(billingAccounts.orgId, enterpriseOrg));
    await server.ctx.db.update(platformConnections).set({ createdAt: new Date(endedAt.getTime() - 30 * DAY) }).where(eq(platformConnections.orgId, enterpriseOrg));
    const [later] = await server.ctx.db.insert(platformConnections).values({ orgId: enterpriseOrg, platform: 'tiktok', createdAt: new Date(endedAt.getTime() + DAY) }).returning();
    expect((await runRetention(server.ctx)).platform_connections).toBe(0);
    expect(await server.ctx.db.select().from(adAccounts).where(eq(adAccounts.orgId, enterpriseOrg))).toHaveLength(1);
    server.clock.set(new Date(endedAt.getTime() + 90 * DAY + 60_000));
    // Still syncing on the Free plan: kept. Once it needs reconnecting and nobody does, it goes.
    expect((await runRetention(server.ctx)).platform_connections).toBe(0);
    expect(await server.ctx.db.select().from(adAccounts).where(eq(adAccounts.orgId, enterpriseOrg))).toHaveLength(1);
    await server.ctx.db.update(platformConnections).set({ status: 'needs_reconnection' }).where(eq(platformConnections.orgId, enterpriseOrg));
    expect((await runRetention(server.ctx)).platform_connections).toBe(1);
    expect(await server.ctx.db.select().from(adAccounts).where(eq(adAccounts.orgId, enterpriseOrg))).toEqual([]);
    expect((await metricsSpan(server, enterpriseOrg)).metrics_daily!.n).toBe(0);
    const left = await server.ctx.db.select({ id: platformConnections.id }).from(platformConnections).where(eq(platformConnections.orgId, enterpriseOrg));
    expect(left.map((c) => c.id)).toEqual([later!.id]);
    // A live subscription keeps everything (the Agency organisation is active).
    expect((await server.ctx.db.select().from(adAccounts).where(eq(adAccounts.orgId, agencyOrg))).length).toBe(1);
    server.clock.set(NOW);
  });

  // Last: this moves the clock two years on, past every other rule.
  it('archived audit rows are deleted two years after the event', async () => {
    server.clock.set(new Date(NOW.getTime() - 91 * DAY + 731 * DAY));
    await runRetention(server.ctx);
    expect(await searchAuditArchive(server.ctx.db, { id: old!.id })).toEqual([]);
    expect((await searchAuditArchive(server.ctx.db, { id: edge!.id })).length).toBe(1);
    server.clock.set(NOW);
  });
});
