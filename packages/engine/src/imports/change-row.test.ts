import { describe, expect, it } from 'vitest';
import { validateChangeRow } from './change-row.ts';
import { scope } from './test-scope.ts';

const SUMMER_US = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const BRAND = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

describe('change rows', () => {
  it('finds the campaign by id, platform id or name and takes the mirror’s value as expected', () => {
    expect(validateChangeRow(scope, { campaign_id: SUMMER_US, action: 'Pause' })).toEqual({
      ok: true,
      value: { campaignId: SUMMER_US, adAccountId: scope.accounts[0]!.id, action: 'pause', field: 'status', expected: { status: 'active' } },
      summary: 'Pause "Summer sale" (active → paused)',
    });
    const budget = validateChangeRow(scope, { campaign_platform_id: 'c2', platform: 'google_ads', action: 'set_daily_budget', amount: '4500' });
    expect(budget).toMatchObject({ ok: true, value: { campaignId: BRAND, amountMicros: 4_500_000_000, expected: { dailyBudgetMicros: 3_000_000_000 } }, summary: 'Daily budget of "Brand": 3000 → 4500 JPY' });
    expect(validateChangeRow(scope, { campaign_name: 'Brand', action: 'enable', expected: 'paused' })).toMatchObject({ ok: true, value: { expected: { status: 'paused' } } });
  });

  it('asks for platform and account when a name or platform id is not unique', () => {
    expect(validateChangeRow(scope, { campaign_name: 'Summer sale', action: 'pause' })).toEqual({ ok: false, issues: [{ column: 'campaign_name', message: '"Summer sale" matches 2 campaigns: add platform and account_id, or use campaign_id' }] });
    expect(validateChangeRow(scope, { campaign_name: 'Summer sale', account_id: 'act_1', action: 'pause' }).ok).toBe(true);
  });

  it('finds nothing outside the caller’s accounts, the same answer as for a campaign that does not exist', () => {
    const narrowed = { accounts: scope.accounts.slice(1), campaigns: scope.campaigns.slice(1) };
    expect(validateChangeRow(narrowed, { campaign_id: SUMMER_US, action: 'pause' })).toEqual({ ok: false, issues: [{ column: 'campaign_id', message: `${SUMMER_US} is not a campaign you can change` }] });
    expect(validateChangeRow(narrowed, { campaign_name: 'x', account_id: 'act_1', action: 'pause' })).toEqual({ ok: false, issues: [{ column: 'account_id', message: 'act_1 is not an ad account you work on in Adloop' }] });
  });

  it('applies the platform’s rules per cell: minimum, steps, decimals, lifetime budgets, frozen statuses', () => {
    const issues = (values: Record<string, string>) => {
      const result = validateChangeRow(scope, values);
      return result.ok ? [] : result.issues;
    };
    expect(issues({ campaign_id: SUMMER_US, action: 'set_daily_budget', amount: '0.50' })).toEqual([{ column: 'amount', message: "is below Meta's minimum daily budget of 1.00 USD" }]);
    expect(issues({ campaign_id: BRAND, action: 'set_daily_budget', amount: '4500.5' })).toEqual([{ column: 'amount', message: expect.stringMatching(/JPY has no decimals/) }]);
    expect(issues({ campaign_id: BRAND, action: 'set_lifetime_budget', amount: '9000' })).toEqual([{ column: 'action', message: 'Google Ads campaigns have no lifetime budget' }]);
    expect(issues({ campaign_id: SUMMER_US, action: 'set_lifetime_budget', amount: '90' })).toEqual([{ column: 'action', message: '"Summer sale" has no lifetime budget at campaign level' }]);
    expect(issues({ campaign_id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', action: 'enable' })).toEqual([{ column: 'action', message: 'a removed campaign cannot be paused or enabled' }]);
    expect(issues({ campaign_id: SUMMER_US, action: 'pause', amount: '5' })).toEqual([{ column: 'amount', message: 'leave empty: pause takes no amount' }]);
    expect(issues({ campaign_id: SUMMER_US, action: 'stop' })).toEqual([{ column: 'action', message: 'must be one of pause, enable, set_daily_budget, set_lifetime_budget' }]);
    expect(issues({ campaign_id: SUMMER_US, action: 'set_daily_budget', amount: '20.00' })).toEqual([{ column: 'amount', message: '"Summer sale" already has this budget: nothing to change' }]);
    expect(issues({ campaign_id: BRAND, action: 'pause' })).toEqual([{ column: 'action', message: '"Brand" is already paused: nothing to change' }]);
  });
});

describe('change rows of an account Adloop cannot reach now', () => {
  it('say why on the row', () => {
    const blocked = { ...scope, accounts: scope.accounts.map((a, i) => (i === 0 ? { ...a, unavailable: 'the connection needs to be reconnected first' } : a)) };
    expect(validateChangeRow(blocked, { campaign_id: SUMMER_US, action: 'pause' })).toEqual({ ok: false, issues: [{ column: 'campaign_id', message: 'the connection needs to be reconnected first' }] });
    expect(validateChangeRow(blocked, { campaign_name: 'x', account_id: 'act_1', action: 'pause' })).toEqual({ ok: false, issues: [{ column: 'account_id', message: 'the connection needs to be reconnected first' }] });
  });
});
