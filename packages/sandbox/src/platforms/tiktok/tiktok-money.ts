import type { Account } from '../../simulator/world.types.ts';

/**
 * Budgets are floats in the advertiser currency's major unit (50.0 = $50). The minimums are
 * TikTok's Help Center figures for USD; other currencies use this table (TikTok's Currency doc
 * has its own ranges, which the reference does not reproduce, so these are approximations).
 */
const MINIMUMS: Record<string, { campaignDaily: number; adGroupDaily: number }> = {
  USD: { campaignDaily: 50, adGroupDaily: 20 },
  EUR: { campaignDaily: 50, adGroupDaily: 20 },
  GBP: { campaignDaily: 50, adGroupDaily: 20 },
  JPY: { campaignDaily: 5000, adGroupDaily: 2000 },
};

export function minimumsFor(account: Account): { campaignDaily: number; adGroupDaily: number } {
  return MINIMUMS[account.currency] ?? { campaignDaily: 50, adGroupDaily: 20 };
}

function decimals(currency: string): number {
  return currency === 'JPY' || currency === 'KRW' ? 0 : 2;
}

/** Major-unit float for JSON (e.g. 50, 123.45). */
export function microsToMajor(micros: number, currency: string): number {
  return Number((micros / 1e6).toFixed(decimals(currency)));
}

/** Major-unit string for report metrics (e.g. "12.34", "1500"). */
export function majorString(micros: number, currency: string): string {
  return (micros / 1e6).toFixed(decimals(currency));
}

export function majorToMicros(major: number): number {
  return Math.round(major * 1e6);
}

/** Whether a float carries more decimals than the currency allows. */
export function hasTooManyDecimals(major: number, currency: string): boolean {
  const scale = 10 ** decimals(currency);
  return Math.abs(Math.round(major * scale) - major * scale) > 1e-6;
}
