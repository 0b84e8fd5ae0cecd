import type { PlatformId } from './world.types.ts';

export type ReportLevel = 'account' | 'campaign' | 'adGroup' | 'ad';
export type TimeGrain = 'hour' | 'day' | 'total';

export interface ReportQuery {
  platform: PlatformId;
  accountId: string;
  /** Inclusive local days (`YYYY-MM-DD`, account time zone). */
  since: string;
  until: string;
  level: ReportLevel;
  grain: TimeGrain;
  campaignIds?: ReadonlySet<string>;
  adGroupIds?: ReadonlySet<string>;
  adIds?: ReadonlySet<string>;
}

/** Metrics as reported at the current simulated time (recent conversions not yet matured). */
export interface MetricTotals {
  impressions: number;
  clicks: number;
  spendMicros: number;
  conversions: number;
  conversionValue: number;
}

export interface ReportRow {
  accountId: string;
  campaignId: string | null;
  adGroupId: string | null;
  adId: string | null;
  day: string | null;
  hour: number | null;
  metrics: MetricTotals;
}

export function emptyTotals(): MetricTotals {
  return { impressions: 0, clicks: 0, spendMicros: 0, conversions: 0, conversionValue: 0 };
}

export function addTotals(into: MetricTotals, add: MetricTotals): void {
  into.impressions += add.impressions;
  into.clicks += add.clicks;
  into.spendMicros += add.spendMicros;
  into.conversions += add.conversions;
  into.conversionValue = Math.round((into.conversionValue + add.conversionValue) * 100) / 100;
}
