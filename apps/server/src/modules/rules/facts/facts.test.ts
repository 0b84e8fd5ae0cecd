import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { adAccounts, adGroups, campaigns, organizations, platformConnections, type DbHandle } from '@adloop/db';
import { RuleDefinition, type RuleDefinitionInput } from '@adloop/contracts';
import { emptyMemory, evaluateRule, windowKey } from '@adloop/engine';
import type { MetricsRow } from '@adloop/platforms';
import { openTestDatabase } from '../../../../../../tests/setup/db.ts';
import { testConfig } from '../../../platform/config.ts';
import { ManualClock } from '../../../platform/clock.ts';
import type { AppContext } from '../../../platform/context.ts';
import { createMetricsRepository } from '../../metrics/metrics.repository.ts';
import { loadFacts, loadFactsForRules } from './index.ts';

// 10:30 UTC is 11:30 in Berlin: today's hours 0–11 have begun.
const NOW = new Date('2026-11-20T10:30:00Z');
const ZONE = 'Europe/Berlin';
const UNIT = 1_000_000;
const DAYS = ['2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'];
const TODAY = '2026-11-20';

const row = (level: 'campaign' | 'ad_group', entity: string, campaign: string, date: string, hour: number | null, spendUnits: number, conversions = 0): MetricsRow => ({
  level,
  entityPlatformId: entity,
  campaignPlatformId: campaign,
  date,
  hour,
  timeBasis: 'account',
  impressions: spendUnits * 100,
  clicks: spendUnits * 10,
  spend: { micros: spendUnits * UNIT, currency: 'EUR' },
  conversions,
  conversionValue: { micros: conversions * 50 * UNIT, currency: 'EUR' },
});
/** Spend on a day = its day of month (13 … 19) × factor; one conversion a day. */
const dayOf = (date: string) => Number(date.slice(8));

const definition = (input: Partial<RuleDefinitionInput> & { level: 'campaign' | 'ad_group' }) =>
  RuleDefinition.parse({
    scope: { level: input.level, ...(input.scope ?? {}) },
    when: input.when ?? {
      kind: 'all',
      conditions: [
        { kind: 'condition', metric: 'spend', window: { kind: 'last_days', days: 3 }, skipLastDay: false, operator: 'gt', compare: { kind: 'value', value: 0 } },
        { kind: 'condition', metric: 'spend', window: { kind: 'today' }, operator: 'gt', compare: { kind: 'parent_average', factor: 1 } },
        { kind: 'condition', metric: 'cpa', window: { kind: 'last_days', days: 3 }, operator: 'gt', compare: { kind: 'previous_period', pct: 10 } },
      ],
    },
    then: [{ type: 'pause' }],
  });

describe('rule facts from the metrics store', () => {
  let handle: DbHandle;
  let ctx: AppContext;
  let orgId: string;
  let accountId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    handle = await openTestDatabase();
    const db = handle.db;
    ctx = { db, dbHandle: handle, config: testConfig(), clock: new ManualClock(NOW), sandboxUrls: null } as unknown as AppContext;
    const [org] = await db.insert(organizations).values({ name: 'Facts Co', reportingCurrency: 'EUR' }).returning();
    orgId = org!.id;
    const [connection] = await db.insert(platformConnections).values({ orgId, platform: 'meta' }).returning();
    const [account] = await db
      .insert(adAccounts)
      .values({ orgId, connectionId: connection!.id, platform: 'meta', platformAccountId: 'act_1', name: 'Berlin', currency: 'EUR', timeZone: ZONE, selected: true, metricsSyncedAt: new Date(NOW.getTime() - 10 * 60_000) })
      .returning();
    accountId = account!.id;
    for (const [key, name, status] of [['c1', 'Winter sale', 'active'], ['c2', 'Brand', 'active'], ['c3', 'Old', 'paused']] as const) {
      const [c] = await db.insert(campaigns).values({ id: randomUUID(), orgId, adAccountId: accountId, platformId: key, name, status, rawStatus: status, currency: 'EUR', dailyBudgetMicros: 50 * UNIT, syncedAt: NOW, labels: key === 'c1' ? ['sale'] : [] }).returning();
      ids[key] = c!.id;
    }
    for (const key of ['g1', 'g2']) {
      const [g] = await db.insert(adGroups).values({ orgId, adAccountId: accountId, platformId: key, campaignPlatformId: 'c1', name: `Set ${key}`, status: 'active', isLearning: key === 'g2', syncedAt: NOW }).returning();
      ids[key] = g!.id;
    }
    const rows: MetricsRow[] = [];
    for (const date of DAYS) {
      rows.push(row('campaign', 'c1', 'c1', date, null, dayOf(date), 1), row('campaign', 'c2', 'c2', date, null, 2 * dayOf(date), 1));
      rows.push(row('ad_group', 'g1', 'c1', date, null, dayOf(date), 1), row('ad_group', 'g2', 'c1', date, null, 3 * dayOf(date), 1));
    }
    // Today: full-day daily rows as a sync writes them during the day, and hourly rows for c1 (1 a hour) only.
    rows.push(row('campaign', 'c1', 'c1', TODAY, null, 24), row('campaign', 'c2', 'c2', TODAY, null, 30));
    rows.push(row('ad_group', 'g1', 'c1', TODAY, null, 4), row('ad_group', 'g2', 'c1', TODAY, null, 8));
    for (let h = 0; h < 24; h++) rows.push(row('campaign', 'c1', 'c1', TODAY, h, 1));
    await createMetricsRepository(db).upsert(orgId, accountId, rows, NOW);
  }, 60_000);
  afterAll(async () => handle?.close());

  it('sums each window, its previous period and today (hourly rows up to now at campaign level)', async () => {
    const def = definition({ level: 'campaign' });
    const { entities, dataAsOf } = await loadFacts(ctx, orgId, def, NOW);
    expect(entities.map((e) => e.platformId)).toEqual(expect.arrayContaining(['c1', 'c2']));
    expect(entities).toHaveLength(2);
    expect(dataAsOf?.toISOString()).toBe(new Date(NOW.getTime() - 10 * 60_000).toISOString());
    const c1 = entities.find((e) => e.platformId === 'c1')!;
    const c2 = entities.find((e) => e.platformId === 'c2')!;
    const last3 = windowKey({ kind: 'last_days', days: 3, includeToday: false }, false);
    const last3Skip = windowKey({ kind: 'last_days', days: 3, includeToday: false }, true);
    const today = windowKey({ kind: 'today' }, false);
    expect(c1.metrics[last3]!.spendMicros).toBe((17 + 18 + 19) * UNIT);
    expect(c2.metrics[last3]!.spendMicros).toBe(2 * (17 + 18 + 19) * UNIT);
    // Conversions leave yesterday out: 17–18, and the period before: 15–16.
    expect(c1.metrics[last3Skip]!.spendMicros).toBe((17 + 18) * UNIT);
    expect(c1.metrics[last3Skip]!.conversions).toBe(2);
    expect(c1.previous[last3Skip]!.spendMicros).toBe((15 + 16) * UNIT);
    // c1: 12 hours begun (00:00–11:00 Berlin); c2 has no hourly rows: its daily row so far.
    expect(c1.metrics[today]!.spendMicros).toBe(12 * UNIT);
    expect(c2.metrics[today]!.spendMicros).toBe(30 * UNIT);
    // Campaigns of the account: the average of both.
    expect(c1.parentAverage[today]!.spendMicros).toBe(21 * UNIT);
    expect(c1).toMatchObject({ level: 'campaign', id: ids.c1, campaignId: ids.c1, parentKey: accountId, currency: 'EUR', timeZone: ZONE, labels: ['sale'], dailyBudgetMicros: 50 * UNIT, toOrgRate: 1, stale: false, status: 'active' });
  });

  it('reads ad groups with their campaign, learning state and today from the daily row', async () => {
    const def = definition({
      level: 'ad_group',
      when: {
        kind: 'all',
        conditions: [
          { kind: 'condition', metric: 'spend', window: { kind: 'today' }, operator: 'gt', compare: { kind: 'parent_average', factor: 1 } },
          { kind: 'condition', metric: 'spend', window: { kind: 'today' }, operator: 'gt', compare: { kind: 'previous_period', pct: 10 } },
        ],
      },
    });
    const { entities } = await loadFacts(ctx, orgId, def, NOW);
    expect(entities.map((e) => e.platformId).sort()).toEqual(['g1', 'g2']);
    const g2 = entities.find((e) => e.platformId === 'g2')!;
    const today = windowKey({ kind: 'today' }, false);
    expect(g2.metrics[today]!.spendMicros).toBe(8 * UNIT);
    expect(g2.parentAverage[today]!.spendMicros).toBe(6 * UNIT);
    // The same hours yesterday (00:00–11:30) without hourly rows: yesterday's total × 11.5 / 24.
    expect(g2.previous[today]!.spendMicros).toBeCloseTo((3 * 19 * UNIT * 11.5) / 24, 0);
    expect(g2).toMatchObject({ campaignId: ids.c1, parentKey: ids.c1, isLearning: true });
  });

  it('narrows to the scope and the caller’s accounts, and calls old numbers stale', async () => {
    const byName = await loadFacts(ctx, orgId, definition({ level: 'campaign', scope: { level: 'campaign', nameContains: 'winter' } }), NOW);
    expect(byName.entities.map((e) => e.platformId)).toEqual(['c1']);
    const paused = await loadFacts(ctx, orgId, definition({ level: 'campaign', scope: { level: 'campaign', statuses: ['paused'] } }), NOW);
    expect(paused.entities.map((e) => e.platformId)).toEqual(['c3']);
    expect((await loadFacts(ctx, orgId, definition({ level: 'campaign' }), NOW, { accountIds: [] })).entities).toEqual([]);
    const later = new Date(NOW.getTime() + 3 * 3_600_000);
    const stale = await loadFacts(ctx, orgId, definition({ level: 'campaign' }), later);
    expect(stale.entities.every((e) => e.stale)).toBe(true);
  });

  it('loads many rules in one pass each getting its own scope', async () => {
    const rules = [
      { id: 'a', definition: definition({ level: 'campaign' }) },
      { id: 'b', definition: definition({ level: 'campaign', scope: { level: 'campaign', labels: ['sale'] } }) },
      { id: 'c', definition: definition({ level: 'ad_group' }) },
    ];
    const loaded = await loadFactsForRules(ctx, orgId, rules, NOW);
    expect(loaded.get('a')!.entities).toHaveLength(2);
    expect(loaded.get('b')!.entities.map((e) => e.platformId)).toEqual(['c1']);
    expect(loaded.get('c')!.entities).toHaveLength(2);
    const single = await loadFacts(ctx, orgId, rules[0]!.definition, NOW);
    const key = windowKey({ kind: 'last_days', days: 3, includeToday: false }, false);
    expect(loaded.get('a')!.entities.find((e) => e.platformId === 'c1')!.metrics[key]).toEqual(single.entities.find((e) => e.platformId === 'c1')!.metrics[key]);
  });

  it('reads an account whose time zone is unknown without failing: its objects are skipped with time_zone, the others judged', async () => {
    const db = handle.db;
    const [connection] = await db.insert(platformConnections).values({ orgId, platform: 'meta' }).returning();
    const [account] = await db
      .insert(adAccounts)
      .values({ orgId, connectionId: connection!.id, platform: 'meta', platformAccountId: 'act_mars', name: 'Mars', currency: 'EUR', timeZone: 'Mars/Olympus_Mons', selected: true, metricsSyncedAt: new Date(NOW.getTime() - 10 * 60_000) })
      .returning();
    const [mars] = await db.insert(campaigns).values({ orgId, adAccountId: account!.id, platformId: 'm1', name: 'Red planet', status: 'active', rawStatus: 'active', currency: 'EUR', dailyBudgetMicros: 50 * UNIT, syncedAt: NOW }).returning();
    await db.insert(adGroups).values({ orgId, adAccountId: account!.id, platformId: 'mg1', campaignPlatformId: 'm1', name: 'Set on Mars', status: 'active', syncedAt: NOW });
    const rows: MetricsRow[] = [];
    for (const date of [...DAYS, TODAY]) rows.push(row('campaign', 'm1', 'm1', date, null, 5, 1), row('ad_group', 'mg1', 'm1', date, null, 5, 1));
    for (let h = 0; h < 12; h++) rows.push(row('campaign', 'm1', 'm1', TODAY, h, 1));
    await createMetricsRepository(db).upsert(orgId, account!.id, rows, NOW);
    try {
      // Hours of today and the last hours: the windows converted in the account's zone, at both levels.
      const when = {
        kind: 'all',
        conditions: [
          { kind: 'condition', metric: 'spend', window: { kind: 'last_hours', hours: 6 }, operator: 'gte', compare: { kind: 'value', value: 0 } },
          { kind: 'condition', metric: 'spend', window: { kind: 'today' }, operator: 'gte', compare: { kind: 'previous_period', pct: -100 } },
        ],
      } as const;
      const rules = [
        { id: 'campaigns', definition: definition({ level: 'campaign', when }) },
        { id: 'sets', definition: definition({ level: 'ad_group', when }) },
      ];
      const loaded = await loadFactsForRules(ctx, orgId, rules, NOW);
      for (const rule of rules) {
        const entities = loaded.get(rule.id)!.entities;
        expect(entities.some((e) => e.timeZone === 'Mars/Olympus_Mons')).toBe(true);
        expect(entities.some((e) => e.timeZone === ZONE)).toBe(true);
        const decision = evaluateRule(rule.definition, entities, emptyMemory(), { now: NOW, mode: 'propose', killSwitch: false, orgCurrency: 'EUR', budgetStep: () => ({ minMicros: 0, stepMicros: 10_000 }) });
        for (const d of decision.entities) {
          const zone = entities.find((e) => e.id === d.id)!.timeZone;
          if (zone === 'Mars/Olympus_Mons') expect(d).toMatchObject({ outcome: 'skipped', skipReason: 'time_zone' });
          else expect(d.skipReason).not.toBe('time_zone');
        }
      }
    } finally {
      await db.delete(campaigns).where(eq(campaigns.id, mars!.id));
      await db.delete(adAccounts).where(eq(adAccounts.id, account!.id));
    }
  });
});
