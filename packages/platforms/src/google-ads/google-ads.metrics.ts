import type { MetricsApi, MetricsLevel, MetricsRow } from '../types.ts';
import { searchAll, num, str } from './google-ads.search.ts';
import type { GoogleAdsConfig } from './google-ads.http.ts';

const LEVEL: Record<MetricsLevel, { resource: string; idField: string; idPath: string }> = {
  campaign: { resource: 'campaign', idField: 'campaign.id', idPath: 'campaign.id' },
  ad_group: { resource: 'ad_group', idField: 'ad_group.id', idPath: 'adGroup.id' },
  ad: { resource: 'ad_group_ad', idField: 'ad_group_ad.ad.id', idPath: 'adGroupAd.ad.id' },
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Metrics by day or hour through searchStream. Google reports in the account's time zone;
 * cost is already in micros; conversions are fractional.
 */
export function createGoogleMetrics(config: GoogleAdsConfig): MetricsApi {
  return {
    async pull(tokens, account, request) {
      if (!DATE.test(request.since) || !DATE.test(request.until)) throw new Error('since/until must be YYYY-MM-DD');
      const level = LEVEL[request.level];
      const hourly = request.granularity === 'hour';
      const fields = [
        level.idField,
        ...(request.level === 'campaign' ? [] : ['campaign.id']),
        'segments.date',
        ...(hourly ? ['segments.hour'] : []),
        'metrics.impressions',
        'metrics.clicks',
        'metrics.cost_micros',
        'metrics.conversions',
        'metrics.conversions_value',
      ];
      const query = `SELECT ${fields.join(', ')} FROM ${level.resource} WHERE segments.date BETWEEN '${request.since}' AND '${request.until}'`;
      const rows = await searchAll(config, tokens, account.platformAccountId, query, account.managerId);
      return rows.map(
        (row): MetricsRow => ({
          level: request.level,
          entityPlatformId: str(row, level.idPath),
          campaignPlatformId: str(row, 'campaign.id'),
          date: str(row, 'segments.date'),
          hour: hourly ? num(row, 'segments.hour') : null,
          timeBasis: 'account',
          impressions: num(row, 'metrics.impressions'),
          clicks: num(row, 'metrics.clicks'),
          spend: { micros: Math.round(num(row, 'metrics.costMicros')), currency: account.currency },
          conversions: num(row, 'metrics.conversions'),
          conversionValue: { micros: Math.round(num(row, 'metrics.conversionsValue') * 1_000_000), currency: account.currency },
        }),
      );
    },
  };
}
