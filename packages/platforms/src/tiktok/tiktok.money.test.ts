import { describe, expect, it } from 'vitest';
import { classifyTikTokError } from './tiktok.http.ts';
import { TIKTOK_CAPABILITIES } from './tiktok.adapter.ts';
import { currencyDigits, majorToMicros, metricNumber, microsToMajor } from './tiktok.money.ts';

describe('TikTok money', () => {
  it('converts major-unit floats to integer micros without float drift', () => {
    expect(majorToMicros(50.1)).toBe(50_100_000);
    expect(majorToMicros('19.99')).toBe(19_990_000);
    expect(majorToMicros(5000)).toBe(5_000_000_000);
    expect(majorToMicros('-')).toBe(0);
  });

  it('rounds to the currency’s digits: JPY none, USD two, KWD three', () => {
    expect(currencyDigits('JPY')).toBe(0);
    expect(microsToMajor(5_000_400_000, 'JPY')).toBe(5000);
    expect(microsToMajor(50_125_000, 'USD')).toBe(50.13);
    expect(currencyDigits('KWD')).toBe(3);
    expect(microsToMajor(12_345_600, 'KWD')).toBe(12.346);
  });

  it('steps budgets by the currency’s ISO minor unit, the precision of the floats it sends: cents, whole yen, fils', () => {
    const step = TIKTOK_CAPABILITIES.budgetStepMicros;
    expect(step('USD')).toBe(10_000);
    expect(step('EUR')).toBe(10_000);
    expect(step('JPY')).toBe(1_000_000);
    expect(step('KWD')).toBe(1_000);
    expect(step('BHD')).toBe(1_000);
    for (const currency of ['USD', 'JPY', 'KWD']) {
      const micros = 56_789 * step(currency);
      expect(majorToMicros(microsToMajor(micros, currency))).toBe(micros);
      expect(majorToMicros(microsToMajor(micros + step(currency) / 2, currency))).not.toBe(micros + step(currency) / 2);
      expect(TIKTOK_CAPABILITIES.minDailyBudgetMicros(currency) % step(currency)).toBe(0);
    }
  });

  it('reads "-" metrics as zero', () => {
    expect(metricNumber('-')).toBe(0);
    expect(metricNumber('42')).toBe(42);
  });
});

describe('TikTok error classification', () => {
  it('maps envelope codes to kinds', () => {
    expect(classifyTikTokError(40100, 'Too many requests').kind).toBe('rate_limited');
    expect(classifyTikTokError(40105, 'Access token is incorrect or has been revoked.').kind).toBe('auth_expired');
    expect(classifyTikTokError(50000, 'System error').kind).toBe('transient');
    const invalid = classifyTikTokError(40002, 'budget: must be at least 50 USD');
    expect(invalid.kind).toBe('invalid_request');
    expect(invalid.details.field).toBe('budget');
  });
});
