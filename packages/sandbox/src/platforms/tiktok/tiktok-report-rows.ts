import type { MetricTotals, ReportRow } from '../../simulator/report.types.ts';
import type { Account, PlatformWorld } from '../../simulator/world.types.ts';
import { majorString } from './tiktok-money.ts';

type Strings = Record<string, string>;

const fixed = (n: number, digits = 2): string => n.toFixed(digits);
const ratio = (num: number, den: number, scale = 1): string => (den > 0 ? fixed((num / den) * scale) : '0.00');

/** Performance metrics (all returned as strings; money in the advertiser currency's major unit). */
const PERFORMANCE: Record<string, (m: MetricTotals, currency: string) => string> = {
  spend: (m, c) => majorString(m.spendMicros, c),
  impressions: (m) => String(m.impressions),
  clicks: (m) => String(m.clicks),
  ctr: (m) => ratio(m.clicks, m.impressions, 100),
  cpc: (m) => ratio(m.spendMicros / 1e6, m.clicks),
  cpm: (m) => ratio(m.spendMicros / 1e6, m.impressions, 1000),
  reach: (m) => String(Math.round(m.impressions * 0.8)),
  frequency: (m) => (m.impressions > 0 ? '1.25' : '0.00'),
  conversion: (m) => String(m.conversions),
  cost_per_conversion: (m) => ratio(m.spendMicros / 1e6, m.conversions),
  conversion_rate: (m) => ratio(m.conversions, m.clicks, 100),
  complete_payment: (m) => String(m.conversions),
  total_complete_payment_rate: (m) => fixed(m.conversionValue),
  complete_payment_roas: (m) => ratio(m.conversionValue, m.spendMicros / 1e6),
};

/** Attribute metrics: "-" where they do not apply to the row's level (e.g. adgroup_name on a campaign row). */
const ATTRIBUTES = ['advertiser_name', 'currency', 'campaign_name', 'campaign_id', 'objective_type', 'adgroup_name', 'adgroup_id', 'ad_name', 'ad_text'];

export const REPORT_METRICS: readonly string[] = [...Object.keys(PERFORMANCE), ...ATTRIBUTES];

function attributes(world: PlatformWorld, account: Account, row: ReportRow): Strings {
  const campaign = row.campaignId ? world.campaigns.get(row.campaignId) : undefined;
  const group = row.adGroupId ? world.adGroups.get(row.adGroupId) : undefined;
  const ad = row.adId ? world.ads.get(row.adId) : undefined;
  return {
    advertiser_name: account.name, currency: account.currency,
    campaign_name: campaign?.name ?? '-', campaign_id: campaign?.id ?? '-', objective_type: String(campaign?.attrs.objective_type ?? '-'),
    adgroup_name: group?.name ?? '-', adgroup_id: group?.id ?? '-', ad_name: ad?.name ?? '-', ad_text: ad ? String(ad.attrs.ad_text ?? '-') : '-',
  };
}

export function renderMetrics(world: PlatformWorld, account: Account, row: ReportRow, metrics: readonly string[]): Strings {
  const attrs = metrics.some((m) => ATTRIBUTES.includes(m)) ? attributes(world, account, row) : {};
  const out: Strings = {};
  for (const name of metrics) out[name] = PERFORMANCE[name]?.(row.metrics, account.currency) ?? attrs[name] ?? '-';
  return out;
}

/** `stat_time_day` / `stat_time_hour` values: datetimes in the advertiser's time zone. */
export function timeValue(row: ReportRow): string {
  const hour = row.hour === null ? '00' : String(row.hour).padStart(2, '0');
  return `${row.day ?? ''} ${hour}:00:00`;
}
