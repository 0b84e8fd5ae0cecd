import { describe, expect, it } from 'vitest';
import { createSimClock, DAY_MS, HOUR_MS } from './sim-clock.ts';
import { createSimulator, type Simulator } from './simulator.ts';
import { addDays } from '@adloop/engine';
import { hoursOfLocalDay, localDayAt, localHourOf } from './time-zone.ts';
import { addAnomaly, changeBudgetAmount, changeStatus } from './world-mutations.ts';
import { valueAt } from './timeline.ts';
import type { ReportRow } from './report.types.ts';
import type { Campaign } from './world.types.ts';

const START = Date.parse('2026-06-15T12:00:00Z');

function setup(seed = 11): { sim: Simulator; campaign: Campaign; timeZone: string } {
  const sim = createSimulator({ seed, clock: createSimClock({ start: START }) });
  const campaign = [...sim.world().platforms.google.campaigns.values()].find((c) => valueAt(c.status, START) === 'ENABLED');
  if (!campaign) throw new Error('no enabled campaign');
  const timeZone = sim.world().platforms.google.accounts.get(campaign.accountId)?.timeZone ?? 'UTC';
  return { sim, campaign, timeZone };
}

function campaignDays(sim: Simulator, c: Campaign, since: string, until: string): ReportRow[] {
  return sim.engine.report({ platform: 'google', accountId: c.accountId, since, until, level: 'campaign', grain: 'day', campaignIds: new Set([c.id]) });
}

function sum(rows: ReportRow[], pick: (r: ReportRow) => number): number {
  return rows.reduce((s, r) => s + pick(r), 0);
}

describe('simulator', () => {
  it('seeds accounts in USD, EUR and JPY with at least 180 days of history', () => {
    const { sim, campaign, timeZone } = setup();
    const currencies = new Set([...sim.world().platforms.meta.accounts.values()].map((a) => a.currency));
    expect([...currencies]).toEqual(expect.arrayContaining(['USD', 'EUR', 'JPY']));
    const today = localDayAt(timeZone, START);
    const rows = campaignDays(sim, campaign, addDays(today, -200), addDays(today, -1));
    expect(rows.length).toBeGreaterThanOrEqual(170);
    expect(rows[0]?.day && rows[0].day <= addDays(today, -180)).toBe(true);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = setup(3);
    const b = setup(3);
    const today = localDayAt(a.timeZone, START);
    expect(campaignDays(a.sim, a.campaign, addDays(today, -30), today)).toEqual(campaignDays(b.sim, b.campaign, addDays(today, -30), today));
    const c = setup(4);
    expect(c.campaign.id).not.toBe(a.campaign.id);
  });

  it('doubling the budget roughly doubles spend but not conversions', () => {
    const base = setup();
    const doubled = setup();
    const budgetId = doubled.campaign.budgetId ?? '';
    const budget = doubled.sim.world().platforms.google.budgets.get(budgetId);
    const current = budget ? valueAt(budget.amountMicros, START) : 0;
    changeBudgetAmount(doubled.sim.world().platforms.google, budgetId, current * 2, START);
    base.sim.clock.advance(28 * DAY_MS);
    doubled.sim.clock.advance(28 * DAY_MS);
    const from = addDays(localDayAt(base.timeZone, START), 1);
    const until = addDays(from, 20);
    const a = campaignDays(base.sim, base.campaign, from, until);
    const b = campaignDays(doubled.sim, doubled.campaign, from, until);
    const spendRatio = sum(b, (r) => r.metrics.spendMicros) / sum(a, (r) => r.metrics.spendMicros);
    const convRatio = sum(b, (r) => r.metrics.conversions) / Math.max(1, sum(a, (r) => r.metrics.conversions));
    expect(spendRatio).toBeGreaterThan(1.85);
    expect(spendRatio).toBeLessThan(2.15);
    expect(convRatio).toBeGreaterThan(1);
    expect(convRatio).toBeLessThan(1.9);
  });

  it('a paused campaign spends nothing from the pause on', () => {
    const { sim, campaign, timeZone } = setup();
    changeStatus(sim.world().platforms.google, 'campaign', campaign.id, 'PAUSED', START);
    sim.clock.advance(3 * DAY_MS);
    const from = addDays(localDayAt(timeZone, START), 1);
    expect(sum(campaignDays(sim, campaign, from, addDays(from, 1)), (r) => r.metrics.spendMicros)).toBe(0);
  });

  it('shows an injected tracking outage in the labelled window only', () => {
    const { sim, campaign, timeZone } = setup();
    const start = START + DAY_MS;
    addAnomaly(sim.world(), {
      id: 'a1', kind: 'tracking_outage', platform: 'google', accountId: campaign.accountId, campaignId: campaign.id,
      start, end: start + 3 * DAY_MS, magnitude: 0, origin: 'injected',
    });
    sim.clock.advance(10 * DAY_MS);
    const rows = sim.engine.report({
      platform: 'google', accountId: campaign.accountId, since: addDays(localDayAt(timeZone, START), -10), until: addDays(localDayAt(timeZone, START), 8),
      level: 'campaign', grain: 'hour', campaignIds: new Set([campaign.id]),
    });
    const inside = rows.filter((r) => hourOf(r, timeZone) >= start && hourOf(r, timeZone) < start + 3 * DAY_MS);
    const outside = rows.filter((r) => hourOf(r, timeZone) < start - DAY_MS);
    expect(inside.length).toBeGreaterThan(50);
    expect(sum(inside, (r) => r.metrics.conversions)).toBe(0);
    expect(sum(outside, (r) => r.metrics.conversions)).toBeGreaterThan(0);
    expect(sum(inside, (r) => r.metrics.spendMicros)).toBeGreaterThan(0);
  });

  it('restates recent conversions upward as they mature and shows new hours as time passes', () => {
    const { sim, timeZone } = setup();
    const today = localDayAt(timeZone, START);
    const read = (since: string, until: string): ReportRow[] => [...sim.world().platforms.google.accounts.keys()].flatMap((accountId) =>
      sim.engine.report({ platform: 'google', accountId, since, until, level: 'ad', grain: 'hour' }));
    const before = sum(read(addDays(today, -2), addDays(today, -1)), (r) => r.metrics.conversions);
    const spendBefore = sum(read(today, today), (r) => r.metrics.spendMicros);
    sim.clock.advance(4 * DAY_MS);
    const after = sum(read(addDays(today, -2), addDays(today, -1)), (r) => r.metrics.conversions);
    const spendAfter = sum(read(today, today), (r) => r.metrics.spendMicros);
    expect(after).toBeGreaterThan(before);
    expect(spendAfter).toBeGreaterThan(spendBefore);
  });
});

/** Start instant of a report row's local hour. */
function hourOf(row: ReportRow, timeZone: string): number {
  const utcHour = hoursOfLocalDay(timeZone, row.day ?? '').find((h) => localHourOf(timeZone, h).hour === row.hour);
  return (utcHour ?? 0) * HOUR_MS;
}
