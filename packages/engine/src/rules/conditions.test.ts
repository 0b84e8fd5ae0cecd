import type { RuleCondition } from '@adloop/contracts';
import { describe, expect, it } from 'vitest';
import { judgeCondition, judgeTree } from './conditions.ts';
import { facts, NOW, totals } from './fixtures.test-helpers.ts';
import type { FactsView } from './metrics.ts';
import type { EntityFacts } from './types.ts';

const KEY = 'last_days:3:false:all';
const SKIP = 'last_days:3:false:skip';
const view = (over: Partial<EntityFacts> = {}, v: Partial<FactsView> = {}): FactsView => ({ entity: facts(over), now: NOW, basisRate: 1, basisCurrency: 'USD', dayShare: 0.5, ...v });
const cond = (c: Partial<RuleCondition> & Pick<RuleCondition, 'metric' | 'operator' | 'compare'>): RuleCondition => ({
  kind: 'condition',
  window: { kind: 'last_days', days: 3, includeToday: false },
  ...c,
});
const judge = (c: RuleCondition, v: FactsView) => judgeCondition(c, '0', v, {});

describe('a condition on one object', () => {
  it('compares sums and ratios with a number: money in major units, ratios as decimals', () => {
    const v = view({ metrics: { [KEY]: totals({ spend: 120, impressions: 10_000, clicks: 150, conversions: 3 }) } });
    expect(judge(cond({ metric: 'spend', operator: 'gt', compare: { kind: 'value', value: 100 } }), v)).toMatchObject({ held: true, value: 120, against: 'above $100.00' });
    expect(judge(cond({ metric: 'ctr', operator: 'lt', compare: { kind: 'value', value: 0.02 } }), v)).toMatchObject({ held: true, value: 0.015 });
    expect(judge(cond({ metric: 'cpc', operator: 'lte', compare: { kind: 'value', value: 0.8 } }), v).held).toBe(true);
    expect(judge(cond({ metric: 'cpm', operator: 'eq', compare: { kind: 'value', value: 12 } }), v).held).toBe(true);
    expect(judge(cond({ metric: 'conversion_rate', skipLastDay: false, operator: 'eq', compare: { kind: 'value', value: 0.02 } }), v).held).toBe(true);
    expect(judge(cond({ metric: 'spend', operator: 'gt', compare: { kind: 'value', value: 120 } }), v).held).toBe(false);
    expect(judge(cond({ metric: 'spend', operator: 'gte', compare: { kind: 'value', value: 120 } }), v).held).toBe(true);
  });

  it('reads the window with the last day left out for conversion metrics', () => {
    const v = view({ metrics: { [KEY]: totals({ spend: 100, conversions: 1 }), [SKIP]: totals({ spend: 100, conversions: 4 }) } });
    expect(judge(cond({ metric: 'cpa', operator: 'gt', compare: { kind: 'value', value: 40 } }), v)).toMatchObject({ held: false, value: 25, window: 'the last 3 days (yesterday left out)' });
  });

  it('counts CPA with spend and no conversions as above any threshold, and says so', () => {
    const v = view({ metrics: { [SKIP]: totals({ spend: 80 }) } });
    expect(judge(cond({ metric: 'cpa', operator: 'gt', compare: { kind: 'value', value: 40 } }), v)).toMatchObject({ held: true, value: 'no conversions' });
    expect(judge(cond({ metric: 'cpa', operator: 'lt', compare: { kind: 'value', value: 40 } }), v).held).toBe(false);
    expect(judge(cond({ metric: 'cpa', operator: 'between', compare: { kind: 'range', min: 0, max: 1000 } }), v).held).toBe(false);
    const idle = view({ metrics: { [SKIP]: totals({}) } });
    expect(judge(cond({ metric: 'cpa', operator: 'gt', compare: { kind: 'value', value: 40 } }), idle)).toMatchObject({ held: false, value: null });
  });

  it('never holds on frequency (reach is not stored) and says why', () => {
    const v = view({ metrics: { [KEY]: totals({ impressions: 1000 }) } });
    expect(judge(cond({ metric: 'frequency', operator: 'gt', compare: { kind: 'value', value: 0 } }), v)).toMatchObject({ held: false, value: 'not reported for this object' });
    expect(judge(cond({ metric: 'frequency', operator: 'neq', compare: { kind: 'value', value: 3 } }), v).held).toBe(false);
  });

  it('compares in the organisation’s currency when the rule says so', () => {
    const v = view({ currency: 'EUR', toOrgRate: 1.1, metrics: { [KEY]: totals({ spend: 100 }) } }, { basisRate: 1.1, basisCurrency: 'USD' });
    const verdict = judge(cond({ metric: 'spend', operator: 'gt', compare: { kind: 'value', value: 105 } }), v);
    expect(verdict.held).toBe(true);
    expect(verdict.value).toBeCloseTo(110);
  });

  it('takes ranges inclusively, lists of statuses, and text on names', () => {
    const v = view({ metrics: { [KEY]: totals({ spend: 50 }) } });
    expect(judge(cond({ metric: 'spend', operator: 'between', compare: { kind: 'range', min: 50, max: 60 } }), v).held).toBe(true);
    expect(judge(cond({ metric: 'spend', operator: 'not_between', compare: { kind: 'range', min: 50, max: 60 } }), v).held).toBe(false);
    expect(judge(cond({ metric: 'status', operator: 'in', compare: { kind: 'list', values: ['active', 'paused'] } }), v).held).toBe(true);
    expect(judge(cond({ metric: 'status', operator: 'not_in', compare: { kind: 'list', values: ['active'] } }), v).held).toBe(false);
    expect(judge(cond({ metric: 'status', operator: 'eq', compare: { kind: 'text', value: 'active' } }), v).held).toBe(true);
    expect(judge(cond({ metric: 'name', operator: 'contains', compare: { kind: 'text', value: 'prospecting' } }), v).held).toBe(true);
    expect(judge(cond({ metric: 'name', operator: 'neq', compare: { kind: 'text', value: 'Prospecting US' } }), v).held).toBe(false);
    expect(judge(cond({ metric: 'clicks', operator: 'in', compare: { kind: 'list', values: [0, 1] } }), v).held).toBe(true);
  });

  it('compares with another metric over the same window, times a factor', () => {
    const v = view({ metrics: { [SKIP]: totals({ spend: 100, clicks: 50, conversions: 1 }) } });
    const c = cond({ metric: 'cpa', operator: 'gt', compare: { kind: 'metric', metric: 'cpc', factor: 40 } });
    const values: Record<string, unknown> = {};
    const verdict = judgeCondition(c, '0', v, values as Record<string, number>);
    expect(verdict).toMatchObject({ held: true, value: 100, against: 'above 40 × CPC' });
    expect(values).toEqual({ 'cpa(the last 3 days (yesterday left out))': 100, 'cpc(the last 3 days (yesterday left out))': 2 });
  });

  it('compares with the previous period in %, and not at all when the previous value is zero', () => {
    const c = cond({ metric: 'spend', operator: 'gt', compare: { kind: 'previous_period', pct: 50 } });
    const up = view({ metrics: { [KEY]: totals({ spend: 160 }) }, previous: { [KEY]: totals({ spend: 100 }) } });
    expect(judge(c, up)).toMatchObject({ held: true, value: 60 });
    const flat = view({ metrics: { [KEY]: totals({ spend: 140 }) }, previous: { [KEY]: totals({ spend: 100 }) } });
    expect(judge(c, flat).held).toBe(false);
    const fromZero = view({ metrics: { [KEY]: totals({ spend: 140 }) }, previous: { [KEY]: totals({}) } });
    expect(judge(c, fromZero)).toMatchObject({ held: false, value: null });
    const down = cond({ metric: 'ctr', operator: 'lt', compare: { kind: 'previous_period', pct: -30 } });
    const fell = view({ metrics: { [KEY]: totals({ impressions: 1000, clicks: 10 }) }, previous: { [KEY]: totals({ impressions: 1000, clicks: 20 }) } });
    expect(judge(down, fell)).toMatchObject({ held: true, value: -50 });
  });

  it('compares with the siblings’ average times a factor', () => {
    const c = cond({ metric: 'spend', operator: 'gt', compare: { kind: 'parent_average', factor: 2 } });
    expect(judge(c, view({ metrics: { [KEY]: totals({ spend: 300 }) }, parentAverage: { [KEY]: totals({ spend: 100 }) } })).held).toBe(true);
    expect(judge(c, view({ metrics: { [KEY]: totals({ spend: 150 }) }, parentAverage: { [KEY]: totals({ spend: 100 }) } })).held).toBe(false);
    expect(judge(c, view({ metrics: { [KEY]: totals({ spend: 150 }) } })).held).toBe(false);
  });

  it('reads settings: budget, days since created, and budget pacing from today’s spend', () => {
    const v = view({ metrics: { today: totals({ spend: 60 }) } }, { dayShare: 0.5 });
    expect(judge(cond({ metric: 'budget', operator: 'eq', compare: { kind: 'value', value: 100 } }), v).held).toBe(true);
    expect(judge(cond({ metric: 'days_since_created', operator: 'gte', compare: { kind: 'value', value: 151 } }), v)).toMatchObject({ held: true, value: 151 });
    expect(judge(cond({ metric: 'budget_pacing', operator: 'gt', compare: { kind: 'value', value: 1.1 } }), v)).toMatchObject({ held: true, value: 1.2, window: 'today so far' });
    const noBudget = view({ dailyBudgetMicros: null, lifetimeBudgetMicros: null, metrics: { today: totals({ spend: 60 }) } });
    expect(judge(cond({ metric: 'budget_pacing', operator: 'gt', compare: { kind: 'value', value: 0 } }), noBudget).held).toBe(false);
    expect(judge(cond({ metric: 'budget', operator: 'gt', compare: { kind: 'value', value: 0 } }), noBudget).held).toBe(false);
  });
});

describe('a tree of conditions', () => {
  it('follows AND and OR groups and judges every condition for the record', () => {
    const v = view({ metrics: { [KEY]: totals({ spend: 50, impressions: 100 }) } });
    const spendAbove = (n: number): RuleCondition => cond({ metric: 'spend', operator: 'gt', compare: { kind: 'value', value: n } });
    const tree = judgeTree({ kind: 'all', conditions: [spendAbove(10), { kind: 'any', conditions: [spendAbove(100), spendAbove(20)] }] }, v);
    expect(tree.held).toBe(true);
    expect(tree.verdicts.map((x) => [x.path, x.held])).toEqual([
      ['0', true],
      ['1.0', false],
      ['1.1', true],
    ]);
    expect(judgeTree({ kind: 'all', conditions: [spendAbove(10), spendAbove(100)] }, v).held).toBe(false);
    expect(judgeTree({ kind: 'any', conditions: [spendAbove(100), spendAbove(200)] }, v).held).toBe(false);
  });
});
