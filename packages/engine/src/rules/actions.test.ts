import type { RuleAction } from '@adloop/contracts';
import { describe, expect, it } from 'vitest';
import { nextAmount, planAction } from './actions.ts';
import { evalContext, facts } from './fixtures.test-helpers.ts';

const basis = { basisRate: 1, today: '2026-06-10' };
const plan = (action: RuleAction, over: Parameters<typeof facts>[0] = {}, ctxOver: Parameters<typeof evalContext>[0] = {}) => planAction(action, facts(over), evalContext(ctxOver), basis);
const raise = (value: number, unit: 'percent' | 'amount' = 'percent', bounds: { floor?: number; ceiling?: number } = {}): RuleAction => ({ type: 'change_budget', direction: 'raise', by: { unit, value }, ...bounds });
const lower = (value: number, unit: 'percent' | 'amount' = 'percent', bounds: { floor?: number; ceiling?: number } = {}): RuleAction => ({ type: 'change_budget', direction: 'lower', by: { unit, value }, ...bounds });

describe('budget and bid amounts', () => {
  const step = { minMicros: 1_000_000, stepMicros: 10_000 };

  it('raises and lowers by a percentage or an amount, on the platform’s step', () => {
    expect(nextAmount(100_000_000, { type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: 20 } }, step, basis)).toEqual({ toMicros: 120_000_000 });
    expect(nextAmount(100_000_000, { type: 'change_budget', direction: 'lower', by: { unit: 'amount', value: 12.345 } }, step, basis)).toEqual({ toMicros: 87_660_000 });
    expect(nextAmount(33_330_000, { type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: 10 } }, { minMicros: 1_000_000, stepMicros: 1_000_000 }, basis)).toEqual({ toMicros: 37_000_000 });
  });

  it('keeps within the floor, the ceiling and the platform’s minimum', () => {
    expect(nextAmount(90_000_000, { type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: 50 }, ceiling: 100 }, step, basis)).toEqual({ toMicros: 100_000_000 });
    expect(nextAmount(20_000_000, { type: 'change_budget', direction: 'lower', by: { unit: 'percent', value: 90 }, floor: 5 }, step, basis)).toEqual({ toMicros: 5_000_000 });
    expect(nextAmount(2_000_000, { type: 'change_budget', direction: 'lower', by: { unit: 'percent', value: 90 } }, step, basis)).toEqual({ toMicros: 1_000_000 });
    expect(nextAmount(50_000_000, { type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: 10 }, floor: 5.005, ceiling: 5.009 }, step, basis)).toEqual({
      unchanged: 'no amount the platform accepts lies between the floor and the ceiling',
    });
  });

  it('never turns a raise into a cut (or a cut into a raise) when the object is already past its bound', () => {
    expect(nextAmount(150_000_000, { type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: 10 }, ceiling: 100 }, step, basis)).toEqual({ unchanged: 'it is already at or above the ceiling' });
    expect(nextAmount(3_000_000, { type: 'change_budget', direction: 'lower', by: { unit: 'percent', value: 10 }, floor: 5 }, step, basis)).toEqual({ unchanged: 'it is already at or below the floor' });
    expect(nextAmount(100_000_000, { type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: 10 }, ceiling: 100 }, step, basis)).toEqual({ unchanged: 'it is already at that amount' });
  });

  it('converts amounts in the organisation’s currency to the account’s', () => {
    // 1 EUR = 1.25 USD (the organisation’s): $25 is €20.
    expect(nextAmount(100_000_000, { type: 'change_budget', direction: 'raise', by: { unit: 'amount', value: 25 } }, step, { basisRate: 1.25, today: '2026-06-10' })).toEqual({ toMicros: 120_000_000 });
  });
});

describe('planning an action on one object', () => {
  it('pauses an active object, and leaves a paused or removed one alone', () => {
    expect(plan({ type: 'pause' })).toEqual({ planned: { kind: 'status', action: 'pause', from: 'active' }, words: 'pause' });
    expect(plan({ type: 'pause' }, { status: 'paused' })).toEqual({ planned: null, unchanged: 'it is already paused' });
    expect(plan({ type: 'enable' }, { status: 'removed' })).toEqual({ planned: null, unchanged: 'it is removed' });
    expect(plan({ type: 'enable' }, { status: 'paused' })).toMatchObject({ planned: { kind: 'status', action: 'enable', from: 'paused' } });
  });

  it('pauses until the account’s next midnight, or a given time', () => {
    expect(plan({ type: 'pause_until', until: 'tomorrow' })).toMatchObject({ planned: { resumeAt: '2026-06-11T04:00:00.000Z' } });
    expect(plan({ type: 'pause_until', until: '2026-06-12T08:00:00+02:00' })).toMatchObject({ planned: { resumeAt: '2026-06-12T06:00:00.000Z' } });
  });

  it('changes the daily budget, else the lifetime one, and says so in the account’s money', () => {
    expect(plan(raise(10))).toEqual({ planned: { kind: 'budget', field: 'daily_budget', fromMicros: 100_000_000, toMicros: 110_000_000 }, words: 'daily budget $100.00 → $110.00' });
    expect(plan(lower(10), { dailyBudgetMicros: null, lifetimeBudgetMicros: 1_000_000_000 })).toMatchObject({ planned: { field: 'lifetime_budget', toMicros: 900_000_000 } });
    expect(plan(raise(10), { dailyBudgetMicros: null })).toEqual({ planned: null, unchanged: 'it has no budget of its own' });
    expect(plan({ type: 'set_budget', amount: 1500 }, { currency: 'JPY', dailyBudgetMicros: 1_000_000_000 }, { budgetStep: () => ({ minMicros: 100_000_000, stepMicros: 1_000_000 }) })).toMatchObject({
      planned: { toMicros: 1_500_000_000 },
      words: 'daily budget ¥1,000 → ¥1,500',
    });
  });

  it('changes bids on the currency’s smallest unit, and only sets one where there is none', () => {
    expect(plan({ type: 'change_bid', direction: 'raise', by: { unit: 'percent', value: 10 } }, { bidMicros: 1_234_567 })).toMatchObject({ planned: { kind: 'bid', toMicros: 1_360_000 } });
    expect(plan({ type: 'change_bid', direction: 'raise', by: { unit: 'percent', value: 10 } })).toEqual({ planned: null, unchanged: 'bid: it has no amount of its own to change' });
    expect(plan({ type: 'set_bid', amount: 2 })).toMatchObject({ planned: { kind: 'bid', fromMicros: null, toMicros: 2_000_000 }, words: 'bid none → $2.00' });
  });

  it('renames once, labels once, and always notifies', () => {
    expect(plan({ type: 'rename', prefix: '[LOW] ' })).toMatchObject({ planned: { kind: 'rename', to: '[LOW] Prospecting US' } });
    expect(plan({ type: 'rename', prefix: '[LOW] ' }, { name: '[LOW] Prospecting US' })).toEqual({ planned: null, unchanged: 'its name already reads so' });
    expect(plan({ type: 'label', label: 'dead' }, { labels: ['dead'] })).toMatchObject({ planned: null });
    expect(plan({ type: 'notify', channels: ['in_app', 'email'], message: 'Look' })).toEqual({
      planned: { kind: 'notify', channels: ['in_app', 'email'], message: 'Look' },
      words: 'notify (in the app, by email)',
    });
  });
});
