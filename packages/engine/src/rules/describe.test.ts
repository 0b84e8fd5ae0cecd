import { describe, expect, it } from 'vitest';
import { describeRule } from './describe.ts';
import { ruleDef } from './fixtures.test-helpers.ts';

describe('the rule in one sentence', () => {
  it('says when, on what, under which conditions, what it does and its limits', () => {
    const def = ruleDef({
      scope: { level: 'campaign', platforms: ['meta'], nameContains: 'Prospecting' },
      when: {
        kind: 'all',
        conditions: [
          { kind: 'condition', metric: 'cpa', operator: 'gt', compare: { kind: 'value', value: 40 } },
          {
            kind: 'any',
            conditions: [
              { kind: 'condition', metric: 'ctr', window: { kind: 'yesterday' }, operator: 'lt', compare: { kind: 'value', value: 0.01 } },
              { kind: 'condition', metric: 'spend', window: { kind: 'today' }, operator: 'gt', compare: { kind: 'previous_period', pct: 50 } },
            ],
          },
        ],
      },
      then: [{ type: 'pause' }, { type: 'notify', channels: ['in_app', 'email'] }],
      limits: { minSpend: 100, maxMoneyPerDay: 300 },
    });
    expect(describeRule(def, 'propose', { currency: 'USD' })).toBe(
      'Every 15 minutes, for active campaigns on Meta whose name contains “Prospecting” where CPA over the last 3 days (yesterday left out) is above $40.00 and ' +
        '(CTR over yesterday is below 1 % or spend over today so far is up by more than 50 % on the period before): ' +
        'propose to pause them and tell the approvers (in the app and by email); only once they have $100.00 spent over the last 3 days; ' +
        'leaving objects in the learning phase alone; waiting 24 hours before acting on the same one again; at most 50 actions a run and 200 a day; moving at most $300.00 of budget a day.',
    );
  });

  it('words each mode, and says whose currency plain amounts are in', () => {
    const def = ruleDef({ then: [{ type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: 20 }, ceiling: 500 }], schedule: { frequency: 'daily', at: '09:00' } });
    expect(describeRule(def, 'automatic')).toMatch(/^Every day at 09:00, .*: raise their budget by 20 % \(no higher than 500\) automatically; .* \(amounts in each account’s currency\)\.$/);
    expect(describeRule(def, 'notify')).toMatch(/tell the approvers \(in the app\) that it would raise their budget/);
    expect(describeRule(ruleDef({ currencyBasis: 'organization', then: [{ type: 'pause' }] }), 'propose')).toMatch(/amounts in the organisation’s currency/);
  });
});
