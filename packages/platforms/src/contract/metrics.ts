/** Report pulls: one row of numbers per entity and day or hour. */
import type { TokenSet } from './access.ts';
import type { AccountRef, Money } from './common.ts';

export type MetricsLevel = 'campaign' | 'ad_group' | 'ad';

export interface MetricsRequest {
  level: MetricsLevel;
  granularity: 'day' | 'hour';
  /** Inclusive dates, YYYY-MM-DD, in the platform's time basis for the account. */
  since: string;
  until: string;
}

/** One row of numbers for one entity and one day (or hour). Missing platform values become 0. */
export interface MetricsRow {
  level: MetricsLevel;
  entityPlatformId: string;
  campaignPlatformId: string;
  /** YYYY-MM-DD in `timeBasis`. */
  date: string;
  /** 0–23 for hourly rows; null for daily rows. */
  hour: number | null;
  timeBasis: 'account' | 'utc';
  impressions: number;
  clicks: number;
  spend: Money;
  conversions: number;
  conversionValue: Money;
}

export interface MetricsApi {
  /** Pulls every row of the range, paging to the end. Throws `report_too_large` when the platform says so. */
  pull(tokens: TokenSet, account: AccountRef, request: MetricsRequest): Promise<MetricsRow[]>;
}
