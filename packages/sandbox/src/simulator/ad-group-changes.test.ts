import { addDays } from '@adloop/engine';
import { describe, expect, it } from 'vitest';
import { adGroupFields } from '../control/mutation-fields.ts';
import { createMutationLog } from '../control/mutation-log.ts';
import { learningStage } from './learning-phase.ts';
import { createSimClock, DAY_MS } from './sim-clock.ts';
import { createSimulator } from './simulator.ts';
import { localDayAt } from './time-zone.ts';
import { valueAt } from './timeline.ts';
import { addAdGroup, addBudget, changeBudgetAmount, changeStatus } from './world-mutations.ts';

const START = Date.parse('2026-06-15T12:00:00Z');

/** A Meta campaign of the seed given ad-set budgets: its campaign budget dropped, each ad set a budget of its own. */
function withAdSetBudgets() {
  const sim = createSimulator({ seed: 5, clock: createSimClock({ start: START }) });
  const world = sim.world().platforms.meta;
  const campaign = [...world.campaigns.values()].find((c) => valueAt(c.status, START) === 'ENABLED');
  if (!campaign) throw new Error('no enabled campaign');
  const anchor = sim.world().anchor;
  campaign.budgetId = null;
  const groups = [...world.adGroups.values()].filter((g) => g.campaignId === campaign.id);
  for (const g of groups) g.budgetId = addBudget(world, { id: `${g.id}-own`, accountId: g.accountId, name: 'own', amountMicros: 30_000_000 }, anchor).id;
  campaign.revision += 1;
  const zone = world.accounts.get(campaign.accountId)?.timeZone ?? 'UTC';
  const spendOf = (groupId: string, day: string) => sim.engine.report({
    platform: 'meta', accountId: campaign.accountId, since: day, until: day, level: 'adGroup', grain: 'total', campaignIds: new Set([campaign.id]), adGroupIds: new Set([groupId]),
  }).reduce((s, r) => s + r.metrics.spendMicros, 0);
  return { sim, world, campaign, groups, zone, spendOf };
}

describe('ad-group changes in the simulator', () => {
  it("a paused ad group stops spending from the change on, and an ad set's own budget drives its spend", () => {
    const { world, groups, zone, spendOf } = withAdSetBudgets();
    const [first, second] = groups;
    if (!first || !second) throw new Error('two ad groups expected');
    const today = localDayAt(zone, START);
    const day = addDays(today, -3);
    const before = spendOf(first.id, day);
    expect(before).toBeGreaterThan(0);
    changeStatus(world, 'adGroup', first.id, 'PAUSED', START - 5 * DAY_MS);
    changeBudgetAmount(world, second.budgetId ?? '', 60_000_000, START - 5 * DAY_MS);
    expect(spendOf(first.id, day)).toBe(0);
    expect(spendOf(first.id, addDays(today, -10))).toBeGreaterThan(0);
    const doubled = spendOf(second.id, day);
    const was = spendOf(second.id, addDays(today, -10));
    expect(doubled / was).toBeGreaterThan(1.5);
  });

  it('an ad set learns after creation and after a significant budget change, not after a small one, and only while delivering', () => {
    const { sim, world, campaign, groups } = withAdSetBudgets();
    const old = groups[0];
    if (!old) throw new Error('no ad group');
    expect(learningStage(world, sim.engine, old, START)?.status).toBe('SUCCESS');
    changeBudgetAmount(world, old.budgetId ?? '', 33_000_000, START - DAY_MS);
    expect(learningStage(world, sim.engine, old, START)?.status).toBe('SUCCESS');
    changeBudgetAmount(world, old.budgetId ?? '', 60_000_000, START - DAY_MS);
    expect(learningStage(world, sim.engine, old, START)).toMatchObject({ status: 'LEARNING', lastSignificantEdit: START - DAY_MS });
    expect(learningStage(world, sim.engine, old, START + 8 * DAY_MS)?.status).toBe('SUCCESS');
    const fresh = addAdGroup(world, { id: 'fresh', campaignId: campaign.id, name: 'Fresh', status: 'ENABLED', budgetId: null, attrs: {} }, START);
    if (!fresh) throw new Error('not added');
    expect(learningStage(world, sim.engine, fresh, START + DAY_MS)?.status).toBe('LEARNING');
    changeStatus(world, 'adGroup', fresh.id, 'PAUSED', START + DAY_MS);
    expect(learningStage(world, sim.engine, fresh, START + DAY_MS)).toBeNull();
  });

  it('the change log records each changed field once with old and new values, and new objects as created', () => {
    const { world, groups } = withAdSetBudgets();
    const group = groups[0];
    if (!group) throw new Error('no ad group');
    const log = createMutationLog();
    const snap = () => new Map([...world.adGroups.values()].map((g) => [`ad_group|${g.id}`, { account: g.accountId, level: 'ad_group' as const, id: g.id, fields: adGroupFields(world, g, START) }]));
    const before = snap();
    group.name = 'Renamed';
    group.attrs.bid_amount = 250;
    changeBudgetAmount(world, group.budgetId ?? '', 45_000_000, START);
    addAdGroup(world, { id: 'new-one', campaignId: group.campaignId, name: 'New', status: 'PAUSED', budgetId: null, attrs: {} }, START);
    log.record('meta', before, snap(), START, 'POST /77');
    const entries = log.list({ platform: 'meta' }).map((m) => [m.id, m.field, m.old, m.new]);
    expect(entries).toEqual([
      [group.id, 'name', before.get(`ad_group|${group.id}`)?.fields.name, 'Renamed'],
      [group.id, 'daily_budget', 30_000_000, 45_000_000],
      [group.id, 'bid', null, 2_500_000],
      ['new-one', 'created', null, 'New'],
    ]);
    expect(log.list({ platform: 'google' })).toEqual([]);
    expect(log.list({ platform: 'meta', since: 3 }).map((m) => m.seq)).toEqual([4]);
  });
});
