import { describe, expect, it } from 'vitest';
import { GOOGLE_ADS_CAPABILITIES } from './google-ads.adapter.ts';

describe('Google Ads capabilities', () => {
  it('takes budgets in steps of the currency’s minimum unit: cents, whole yen, fils', () => {
    const step = GOOGLE_ADS_CAPABILITIES.budgetStepMicros;
    expect(step('USD')).toBe(10_000);
    expect(step('EUR')).toBe(10_000);
    expect(step('JPY')).toBe(1_000_000);
    expect(step('KRW')).toBe(1_000_000);
    // Three-decimal currencies: micros reach a thousandth of a dinar.
    expect(step('KWD')).toBe(1_000);
    expect(step('BHD')).toBe(1_000);
  });

  it('keeps the daily minimum on a step', () => {
    for (const currency of ['USD', 'JPY', 'KWD']) {
      expect(GOOGLE_ADS_CAPABILITIES.minDailyBudgetMicros(currency) % GOOGLE_ADS_CAPABILITIES.budgetStepMicros(currency)).toBe(0);
    }
  });
});
