import { describe, expect, it } from 'vitest';
import { validateCampaignRow } from './campaign-row.ts';
import { scope } from './test-scope.ts';

const good = {
  account_id: 'act_1',
  name: 'Spring launch',
  objective: 'outcome_traffic',
  budget: '25.00',
  countries: 'us| ca',
  age_min: '18',
  description: 'New arrivals every week',
  final_url: 'https://example.com/spring',
};

describe('new campaign rows', () => {
  it('builds the wizard’s body: defaults for status, budget type and names, lists split on |', () => {
    expect(validateCampaignRow(scope, good)).toEqual({
      ok: true,
      value: {
        adAccountId: scope.accounts[0]!.id,
        name: 'Spring launch',
        objective: 'OUTCOME_TRAFFIC',
        status: 'paused',
        budget: { kind: 'daily', amountMicros: 25_000_000 },
        adGroup: { name: 'Spring launch', countries: ['US', 'CA'], ageMin: 18 },
        ad: { name: 'Spring launch', headline: '', description: 'New arrivals every week', finalUrl: 'https://example.com/spring' },
      },
      summary: 'Create "Spring launch" (OUTCOME_TRAFFIC, 25.00 USD a day, paused) in Shop US',
    });
  });

  it('reads keywords as search editors write them, where the platform takes keywords', () => {
    const row = { ...good, account_id: '123-456', objective: 'SEARCH', budget: '1500', headline: 'Brand', keywords: '[red shoes]|"blue shoes"|shoes' };
    expect(validateCampaignRow(scope, row)).toMatchObject({
      ok: true,
      value: { adGroup: { keywords: [{ text: 'red shoes', matchType: 'EXACT' }, { text: 'blue shoes', matchType: 'PHRASE' }, { text: 'shoes', matchType: 'BROAD' }] } },
    });
    expect(validateCampaignRow(scope, { ...good, keywords: 'shoes' })).toEqual({ ok: false, issues: [{ column: 'keywords', message: 'leave empty: Meta ad groups take no keywords' }] });
  });

  it('names every wrong cell of a row at once', () => {
    const result = validateCampaignRow(scope, { ...good, objective: 'SEARCH', budget: '0.5', countries: 'USA', final_url: 'example.com', start_date: '2026-02-30', age_max: '12', call_to_action: 'BUY' });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((i) => i.column)).toEqual(['objective', 'budget', 'start_date', 'countries', 'age_max', 'final_url', 'call_to_action']);
  });

  it('refuses an account the caller does not work on, and checks text limits, lifetime budgets and dates', () => {
    expect(validateCampaignRow({ accounts: scope.accounts.slice(1), campaigns: [] }, good)).toEqual({ ok: false, issues: [{ column: 'account_id', message: 'act_1 is not an ad account you work on in Adloop' }] });
    const jp = { ...good, account_id: '123-456', objective: 'SEARCH', budget: '1500', headline: '春のセール春のセール春のセール春の' };
    expect(validateCampaignRow(scope, jp)).toEqual({ ok: false, issues: [{ column: 'headline', message: "is longer than Google Ads's 30 characters" }] });
    expect(validateCampaignRow(scope, { ...good, budget_type: 'lifetime', budget: '500' })).toEqual({ ok: false, issues: [{ column: 'start_date', message: 'is needed with a lifetime budget' }] });
    expect(validateCampaignRow(scope, { ...good, start_date: '2026-07-01', end_date: '2026-06-01' })).toEqual({ ok: false, issues: [{ column: 'end_date', message: 'is before start_date' }] });
  });
});
