import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
// The engine before the contracts (the contracts' campaign dates use the engine, the engine's rule templates the contracts).
import { backtestRule, stepsOf } from '../../apps/server/src/modules/rules/backtest/index.ts';
import { RuleDefinition } from '@adloop/contracts';
import { adAccounts, campaigns, platformConnections, ruleRunEntities } from '@adloop/db';
import type { MetricsRow } from '@adloop/platforms';
import { campaignMetricsRow } from '../setup/metrics-rows.ts';
import { createMetricsRepository } from '../../apps/server/src/modules/metrics/metrics.repository.ts';
import { insertRule } from '../../apps/server/src/modules/rules/rules.repository.ts';
import { runRule } from '../../apps/server/src/modules/rules/runner.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser } from '../setup/auth-helpers.ts';

/**
 * A backtest is the live path replayed: the rule run live at each of its scheduled times (a manual
 * clock stepping over stored history) fires on the same objects at the same times as the backtest
 * of the same window reports.
 */
const NOW = new Date('2026-11-20T15:00:00Z');
const HISTORY_DAYS = 12;
const BACKTEST_DAYS = 2;
const UNIT = 1_000_000;

/** A deterministic spread of numbers per campaign, day and hour (busier afternoons, a few bad days). */
function hourOf(seed: number, day: number, hour: number): { spend: number; clicks: number; conversions: number } {
  const h = Math.imul(seed * 7919 + day * 104_729 + hour * 1_299_709, 2_654_435_761) >>> 0;
  const busy = hour >= 12 && hour <= 20 ? 2 : 1;
  const spend = ((h % 900) / 100 + 0.5) * busy * (1 + (seed % 3));
  const clicks = 1 + ((h >>> 10) % 12) * busy;
  const conversions = (h >>> 20) % 9 === 0 ? 1 : 0;
  return { spend: Math.round(spend * 100) / 100, clicks, conversions };
}

const ZONES = ['Europe/Berlin', 'America/New_York'] as const;

describe('backtest against live runs', () => {
  let server: TestServer;
  let orgId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await signUpVerifiedUser(server, { organizationName: 'Replay Co' });
    orgId = owner.orgId!;
    const db = server.ctx.db;
    const [connection] = await db.insert(platformConnections).values({ orgId, platform: 'meta' }).returning();
    const metrics = createMetricsRepository(db);
    let seed = 1;
    for (const zone of ZONES) {
      const [account] = await db
        .insert(adAccounts)
        .values({ orgId, connectionId: connection!.id, platform: 'meta', platformAccountId: `act_${zone}`, name: zone, currency: 'USD', timeZone: zone, selected: true, nextSyncAt: new Date('2099-01-01T00:00:00Z'), metricsSyncedAt: NOW })
        .returning();
      for (let c = 0; c < 3; c++, seed++) {
        const pid = `c-${seed}`;
        await db.insert(campaigns).values({ id: randomUUID(), orgId, adAccountId: account!.id, platformId: pid, name: `Campaign ${seed}`, status: 'active', rawStatus: 'ACTIVE', currency: 'USD', dailyBudgetMicros: 100 * UNIT, syncedAt: NOW });
        const rows: MetricsRow[] = [];
        // Hourly rows in the account's zone up to the hour in progress at NOW, and their daily totals.
        const hourMs = 3_600_000;
        const totals = new Map<string, { spend: number; clicks: number; conversions: number }>();
        for (let t = NOW.getTime() - HISTORY_DAYS * 24 * hourMs; t <= NOW.getTime(); t += hourMs) {
          const parts = Object.fromEntries(
            new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(t)).map((p) => [p.type, p.value]),
          );
          const date = `${parts.year}-${parts.month}-${parts.day}`;
          const hour = Number(parts.hour);
          const n = hourOf(seed, Math.floor(t / (24 * hourMs)), hour);
          const row = (h: number | null, v: typeof n) =>
            campaignMetricsRow({ campaign: pid, date, hour: h, currency: 'USD', spendMicros: Math.round(v.spend * UNIT), impressions: v.clicks * 40, clicks: v.clicks, conversions: v.conversions, conversionValueMicros: v.conversions * 60 * UNIT });
          rows.push(row(hour, n));
          const day = totals.get(date) ?? { spend: 0, clicks: 0, conversions: 0 };
          day.spend += Math.round(n.spend * UNIT) / UNIT;
          day.clicks += n.clicks;
          day.conversions += n.conversions;
          totals.set(date, day);
        }
        for (const [date, v] of totals) {
          rows.push({ level: 'campaign', entityPlatformId: pid, campaignPlatformId: pid, date, hour: null, timeBasis: 'account', impressions: v.clicks * 40, clicks: v.clicks, spend: { micros: Math.round(v.spend * UNIT), currency: 'USD' }, conversions: v.conversions, conversionValue: { micros: v.conversions * 60 * UNIT, currency: 'USD' } });
        }
        await metrics.upsert(orgId, account!.id, rows, NOW);
      }
    }
  }, 120_000);
  afterAll(async () => server?.close());

  /** Runs `definition` live at each of its times over the last BACKTEST_DAYS, then backtests them: both lists of fires. */
  async function liveAndReplayed(definition: RuleDefinition, name: string) {
    const db = server.ctx.db;
    const rule = await insertRule(db, orgId, { name, mode: 'notify', status: 'enabled', definition });
    const from = new Date(NOW.getTime() - BACKTEST_DAYS * 86_400_000);
    const steps = stepsOf(definition, from, NOW, 'UTC');
    for (const step of steps) {
      server.clock.set(step);
      const run = await runRule(server.ctx, rule, 'schedule', step);
      expect(run.outcome, run.message ?? '').toBe('ok');
    }
    const live = (await db.select().from(ruleRunEntities).where(and(eq(ruleRunEntities.orgId, orgId), eq(ruleRunEntities.ruleId, rule.id))))
      .filter((r) => r.outcome === 'notified')
      .map((r) => `${r.entityId}@${r.createdAt.toISOString()}`)
      .sort();
    const replayed: string[] = [];
    const result = await backtestRule(server.ctx, orgId, definition, BACKTEST_DAYS, NOW, null, (fire) => replayed.push(`${fire.entityId}@${fire.at.toISOString()}`));
    return { steps, live, replayed: replayed.sort(), result };
  }

  it('agrees on rules of complete days, where unchanged objects that did not match are not asked again', async () => {
    const definition = RuleDefinition.parse({
      scope: { level: 'campaign' },
      when: {
        kind: 'any',
        conditions: [
          { kind: 'condition', metric: 'cpa', window: { kind: 'last_days', days: 3 }, operator: 'gt', compare: { kind: 'value', value: 100 } },
          { kind: 'condition', metric: 'ctr', window: { kind: 'yesterday' }, operator: 'lt', compare: { kind: 'previous_period', pct: -10 } },
        ],
      },
      then: [{ type: 'notify', channels: ['in_app'] }],
      limits: { cooldownHours: 10, skipLearning: false },
      schedule: { frequency: 'hourly' },
    });
    const { steps, live, replayed, result } = await liveAndReplayed(definition, 'Complete days');
    expect(live.length).toBeGreaterThan(2);
    expect(live.length).toBeLessThan(steps.length * 6);
    expect(replayed).toEqual(live);
    expect(result.fires).toBe(live.length);
  }, 600_000);

  it('replays its own pauses: a paused object is not acted on again, and its later spend leaves the estimate', async () => {
    const definition = RuleDefinition.parse({
      scope: { level: 'campaign' },
      when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'cpa', window: { kind: 'last_days', days: 3 }, operator: 'gt', compare: { kind: 'value', value: 60 } }] },
      then: [{ type: 'pause' }],
      limits: { cooldownHours: 1, skipLearning: false },
      schedule: { frequency: 'hourly' },
    });
    const fires: { entityId: string; at: Date }[] = [];
    const result = await backtestRule(server.ctx, orgId, definition, 7, NOW, null, (f) => fires.push(f));
    expect(result.fires).toBeGreaterThan(0);
    // Paused by the rule, out of its scope (active objects) from then on: one pause each.
    expect(new Set(fires.map((f) => f.entityId)).size).toBe(fires.length);
    expect(result.entities.every((e) => e.fires === 1 && e.actions.length === 1)).toBe(true);
    const firstDay = result.days.find((d) => d.fires > 0)!;
    const later = result.days.filter((d) => d.date > firstDay.date);
    expect(later.length).toBeGreaterThan(0);
    for (const d of later) expect(d.spendWithRule!).toBeLessThan(d.spend);
    for (const d of result.days.filter((x) => x.date < firstDay.date)) expect(d.spendWithRule).toBe(d.spend);
    expect(result.method).toMatch(/paused/);
  }, 120_000);

  it('leaves out unchanged objects that did not match or had nothing to change, deciding exactly as when every object is asked each step', async () => {
    const when = (extra: unknown[]) => ({
      kind: 'all',
      conditions: [{ kind: 'condition', metric: 'cpa', window: { kind: 'last_days', days: 3 }, operator: 'gt', compare: { kind: 'value', value: 60 } }, ...extra],
    });
    const rule = (extra: unknown[]) =>
      RuleDefinition.parse({ scope: { level: 'campaign', statuses: ['active', 'paused'] }, when: when(extra), then: [{ type: 'pause' }], limits: { cooldownHours: 1, skipLearning: false }, schedule: { frequency: 'hourly' } });
    // A condition reading the clock (in a group that changes nothing) makes the replay ask every object at every step.
    const cpa = { kind: 'condition', metric: 'cpa', window: { kind: 'last_days', days: 3 }, operator: 'gt', compare: { kind: 'value', value: 60 } };
    const age = { kind: 'condition', metric: 'days_since_created', operator: 'gte', compare: { kind: 'value', value: 0 } };
    const everyStep = await backtestRule(server.ctx, orgId, rule([{ kind: 'any', conditions: [age, cpa] }]), 7, NOW, null);
    const settled = await backtestRule(server.ctx, orgId, rule([]), 7, NOW, null);
    expect(settled.fires).toBeGreaterThan(0);
    // Paused objects stay in scope with nothing left to change: one pause each either way.
    expect(settled.entities.every((e) => e.fires === 1)).toBe(true);
    expect({ ...settled, method: '' }).toEqual({ ...everyStep, method: '' });
  }, 120_000);

  it('fires on the same objects at the same times as the rule run live over the same hours', async () => {
    const definition = RuleDefinition.parse({
      scope: { level: 'campaign' },
      when: {
        kind: 'any',
        conditions: [
          { kind: 'condition', metric: 'spend', window: { kind: 'today' }, operator: 'gt', compare: { kind: 'parent_average', factor: 1.3 } },
          { kind: 'condition', metric: 'cpa', window: { kind: 'last_days', days: 3 }, operator: 'gt', compare: { kind: 'value', value: 120 } },
          { kind: 'condition', metric: 'clicks', window: { kind: 'last_hours', hours: 6 }, operator: 'gt', compare: { kind: 'previous_period', pct: 40 } },
        ],
      },
      then: [{ type: 'notify', channels: ['in_app'], message: 'Worth a look' }],
      limits: { cooldownHours: 5, skipLearning: false },
      schedule: { frequency: 'hourly' },
    });
    const { steps, live, replayed, result } = await liveAndReplayed(definition, 'Replay');

    // The rule must both fire and hold back (cooldown, no match) for the comparison to mean something.
    expect(live.length).toBeGreaterThan(5);
    expect(live.length).toBeLessThan(steps.length * 6);
    expect(replayed).toEqual(live);
    expect(result.evaluations).toBe(steps.length);
    expect(result.fires).toBe(live.length);
    expect(result.entitiesAffected).toBe(new Set(live.map((k) => k.split('@')[0])).size);
    expect(result.days.reduce((sum, d) => sum + d.fires, 0)).toBe(live.length);
    expect(result.days.every((d) => d.spendWithRule === d.spend)).toBe(true);
  }, 600_000);
});
