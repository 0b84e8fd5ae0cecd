import { z } from 'zod';
import { eachDay } from '@adloop/engine';
import type { AccountRef, MetricsApi, MetricsLevel, MetricsRequest, MetricsRow, TokenSet } from '../types.ts';
import { tiktokCall, type TikTokConfig } from './tiktok.http.ts';
import { majorToMicros, metricNumber } from './tiktok.money.ts';

const Report = z.object({
  list: z.array(z.object({ dimensions: z.record(z.string(), z.unknown()), metrics: z.record(z.string(), z.unknown()) })),
  page_info: z.object({ page: z.number(), total_page: z.number() }),
});

const LEVEL: Record<MetricsLevel, { dataLevel: string; idDimension: string }> = {
  campaign: { dataLevel: 'AUCTION_CAMPAIGN', idDimension: 'campaign_id' },
  ad_group: { dataLevel: 'AUCTION_ADGROUP', idDimension: 'adgroup_id' },
  ad: { dataLevel: 'AUCTION_AD', idDimension: 'ad_id' },
};
const METRICS = ['spend', 'impressions', 'clicks', 'conversion', 'total_complete_payment_rate', 'campaign_id'];

/**
 * report/integrated/get/ (BASIC): by day over the whole range, by hour one day per request (the
 * API's limit). Metrics are strings; "-" means no value. Times are in the advertiser's time zone.
 */
export function createTikTokMetrics(config: TikTokConfig): MetricsApi {
  async function pullRange(tokens: TokenSet, account: AccountRef, request: MetricsRequest, since: string, until: string): Promise<MetricsRow[]> {
    const level = LEVEL[request.level];
    const timeDimension = request.granularity === 'hour' ? 'stat_time_hour' : 'stat_time_day';
    const rows: MetricsRow[] = [];
    for (let page = 1, total = 1; page <= total; page++) {
      const data = Report.parse(
        await tiktokCall(config, 'report/integrated/get/', {
          params: {
            advertiser_id: account.platformAccountId, report_type: 'BASIC', data_level: level.dataLevel, dimensions: [level.idDimension, timeDimension],
            metrics: request.level === 'campaign' ? METRICS.filter((m) => m !== 'campaign_id') : METRICS, start_date: since, end_date: until, page, page_size: 1000,
          },
          accessToken: tokens.accessToken,
        }),
      );
      total = data.page_info.total_page;
      for (const item of data.list) {
        const stamp = String(item.dimensions[timeDimension] ?? '');
        rows.push({
          level: request.level,
          entityPlatformId: String(item.dimensions[level.idDimension] ?? ''),
          campaignPlatformId: String(request.level === 'campaign' ? item.dimensions.campaign_id : item.metrics.campaign_id),
          date: stamp.slice(0, 10),
          hour: request.granularity === 'hour' ? Number(stamp.slice(11, 13)) : null,
          timeBasis: 'account',
          impressions: metricNumber(item.metrics.impressions),
          clicks: metricNumber(item.metrics.clicks),
          spend: { micros: majorToMicros(item.metrics.spend), currency: account.currency },
          conversions: metricNumber(item.metrics.conversion),
          conversionValue: { micros: majorToMicros(item.metrics.total_complete_payment_rate), currency: account.currency },
        });
      }
    }
    return rows;
  }

  return {
    async pull(tokens, account, request) {
      if (request.granularity === 'day') return pullRange(tokens, account, request, request.since, request.until);
      const rows: MetricsRow[] = [];
      for (const day of eachDay(request.since, request.until)) rows.push(...(await pullRange(tokens, account, request, day, day)));
      return rows;
    },
  };
}
