import { describe, expect, it } from 'vitest';
import { stakePerDay } from './stake.ts';

describe('stake per day', () => {
  it('is a daily budget’s move, or the daily budget a status change or launch starts or stops', () => {
    expect(stakePerDay({ field: 'daily_budget', before: '100000000', after: '70000000', dailyBudgetMicros: 100000000 })).toBe(30000000);
    expect(stakePerDay({ field: 'status', before: 'active', after: 'paused', dailyBudgetMicros: 50000000 })).toBe(50000000);
    expect(stakePerDay({ field: 'campaign', before: null, after: 'active', dailyBudgetMicros: 20000000 })).toBe(20000000);
    expect(stakePerDay({ field: 'lifetime_budget', before: '1', after: '2', dailyBudgetMicros: null })).toBeNull();
  });
});
