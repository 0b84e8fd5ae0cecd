import type { MetricsRow } from '@adloop/platforms';

/**
 * A campaign's numbers for a day (hour null) or an hour, as a platform adapter hands them to the
 * metrics store: tests seed the store with these (`createMetricsRepository(db).upsert`).
 */
export function campaignMetricsRow(input: {
  campaign: string;
  date: string;
  hour?: number | null;
  currency: string;
  spendMicros: number;
  impressions: number;
  clicks: number;
  conversions?: number;
  conversionValueMicros?: number;
}): MetricsRow {
  return {
    level: 'campaign',
    entityPlatformId: input.campaign,
    campaignPlatformId: input.campaign,
    date: input.date,
    hour: input.hour ?? null,
    timeBasis: 'account',
    impressions: input.impressions,
    clicks: input.clicks,
    spend: { micros: input.spendMicros, currency: input.currency },
    conversions: input.conversions ?? 0,
    conversionValue: { micros: input.conversionValueMicros ?? 0, currency: input.currency },
  };
}
