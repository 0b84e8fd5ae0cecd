import { currentValue } from '../../simulator/timeline.ts';
import type { MetricTotals } from '../../simulator/report.types.ts';
import type { Account, Ad, AdGroup, Budget, Campaign, JsonValue } from '../../simulator/world.types.ts';
import { googleStatus, micros, WEEKDAY_NAMES } from './google-words.ts';

/** Everything one result row can draw its fields from. */
export interface RowContext {
  customer: Account;
  client?: { account: Account; level: number };
  campaign?: Campaign;
  budget?: Budget;
  adGroup?: AdGroup;
  ad?: Ad;
  segments: { date?: string; hour?: number; weekday?: number };
  metrics?: MetricTotals;
}

export type FieldCategory = 'ATTRIBUTE' | 'SEGMENT' | 'METRIC';
export type FieldType = 'INT64' | 'DOUBLE' | 'STRING' | 'ENUM' | 'BOOLEAN' | 'DATE' | 'RESOURCE_NAME' | 'REPEATED';

export interface FieldDef {
  category: FieldCategory;
  type: FieldType;
  get(row: RowContext): JsonValue | undefined;
}

const attr = (type: FieldType, get: FieldDef['get']): FieldDef => ({ category: 'ATTRIBUTE', type, get });
const text = (value: JsonValue | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
const cid = (r: RowContext): string => r.customer.id;
const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

function metric(type: FieldType, get: (m: MetricTotals) => JsonValue): FieldDef {
  return { category: 'METRIC', type, get: (r) => (r.metrics ? get(r.metrics) : undefined) };
}

/** The GAQL fields the sandbox understands, by snake_case name. */
export const FIELDS: Record<string, FieldDef> = {
  'customer.resource_name': attr('RESOURCE_NAME', (r) => `customers/${cid(r)}`),
  'customer.id': attr('INT64', (r) => r.customer.id),
  'customer.descriptive_name': attr('STRING', (r) => r.customer.name),
  'customer.currency_code': attr('STRING', (r) => r.customer.currency),
  'customer.time_zone': attr('STRING', (r) => r.customer.timeZone),
  'customer.manager': attr('BOOLEAN', (r) => r.customer.isManager),
  'customer.test_account': attr('BOOLEAN', () => true),
  'customer.status': attr('ENUM', () => 'ENABLED'),
  'customer_client.resource_name': attr('RESOURCE_NAME', (r) => r.client && `customers/${cid(r)}/customerClients/${r.client.account.id}`),
  'customer_client.client_customer': attr('RESOURCE_NAME', (r) => r.client && `customers/${r.client.account.id}`),
  'customer_client.id': attr('INT64', (r) => r.client?.account.id),
  'customer_client.descriptive_name': attr('STRING', (r) => r.client?.account.name),
  'customer_client.manager': attr('BOOLEAN', (r) => r.client?.account.isManager),
  'customer_client.level': attr('INT64', (r) => (r.client ? String(r.client.level) : undefined)),
  'customer_client.currency_code': attr('STRING', (r) => r.client?.account.currency),
  'customer_client.time_zone': attr('STRING', (r) => r.client?.account.timeZone),
  'customer_client.status': attr('ENUM', (r) => (r.client ? 'ENABLED' : undefined)),
  'customer_client.hidden': attr('BOOLEAN', (r) => (r.client ? false : undefined)),
  'customer_client.test_account': attr('BOOLEAN', (r) => (r.client ? true : undefined)),
  'campaign.resource_name': attr('RESOURCE_NAME', (r) => r.campaign && `customers/${cid(r)}/campaigns/${r.campaign.id}`),
  'campaign.id': attr('INT64', (r) => r.campaign?.id),
  'campaign.name': attr('STRING', (r) => r.campaign?.name),
  'campaign.status': attr('ENUM', (r) => r.campaign && googleStatus(currentValue(r.campaign.status))),
  'campaign.serving_status': attr('ENUM', (r) => r.campaign && (currentValue(r.campaign.status) === 'ENABLED' ? 'SERVING' : 'NONE')),
  'campaign.advertising_channel_type': attr('ENUM', (r) => text(r.campaign?.attrs.advertisingChannelType)),
  'campaign.bidding_strategy_type': attr('ENUM', (r) => text(r.campaign?.attrs.biddingStrategyType)),
  'campaign.target_cpa.target_cpa_micros': attr('INT64', (r) => (r.campaign && typeof r.campaign.attrs.targetCpaMicros === 'number' ? micros(r.campaign.attrs.targetCpaMicros) : undefined)),
  'campaign.target_roas.target_roas': attr('DOUBLE', (r) => (r.campaign && typeof r.campaign.attrs.targetRoas === 'number' ? r.campaign.attrs.targetRoas : undefined)),
  'campaign.contains_eu_political_advertising': attr('ENUM', (r) => text(r.campaign?.attrs.containsEuPoliticalAdvertising)),
  'campaign.campaign_budget': attr('RESOURCE_NAME', (r) => r.campaign?.budgetId ? `customers/${cid(r)}/campaignBudgets/${r.campaign.budgetId}` : undefined),
  'campaign.start_date_time': attr('STRING', (r) => text(r.campaign?.attrs.startDateTime)),
  'campaign.end_date_time': attr('STRING', (r) => text(r.campaign?.attrs.endDateTime)),
  'campaign_budget.resource_name': attr('RESOURCE_NAME', (r) => r.budget && `customers/${cid(r)}/campaignBudgets/${r.budget.id}`),
  'campaign_budget.id': attr('INT64', (r) => r.budget?.id),
  'campaign_budget.name': attr('STRING', (r) => r.budget?.name),
  'campaign_budget.amount_micros': attr('INT64', (r) => r.budget && micros(currentValue(r.budget.amountMicros))),
  'campaign_budget.status': attr('ENUM', (r) => r.budget && googleStatus(currentValue(r.budget.status))),
  'campaign_budget.delivery_method': attr('ENUM', (r) => text(r.budget?.attrs.deliveryMethod)),
  'campaign_budget.explicitly_shared': attr('BOOLEAN', (r) => r.budget?.attrs.explicitlyShared ?? undefined),
  'campaign_budget.period': attr('ENUM', (r) => (r.budget ? 'DAILY' : undefined)),
  'ad_group.resource_name': attr('RESOURCE_NAME', (r) => r.adGroup && `customers/${cid(r)}/adGroups/${r.adGroup.id}`),
  'ad_group.id': attr('INT64', (r) => r.adGroup?.id),
  'ad_group.name': attr('STRING', (r) => r.adGroup?.name),
  'ad_group.status': attr('ENUM', (r) => r.adGroup && googleStatus(currentValue(r.adGroup.status))),
  'ad_group.campaign': attr('RESOURCE_NAME', (r) => r.adGroup && `customers/${cid(r)}/campaigns/${r.adGroup.campaignId}`),
  'ad_group.type': attr('ENUM', (r) => text(r.adGroup?.attrs.type)),
  'ad_group.cpc_bid_micros': attr('INT64', (r) => (r.adGroup ? micros(Number(r.adGroup.attrs.cpcBidMicros ?? 0)) : undefined)),
  'ad_group_ad.resource_name': attr('RESOURCE_NAME', (r) => r.ad && `customers/${cid(r)}/adGroupAds/${r.ad.adGroupId}~${r.ad.id}`),
  'ad_group_ad.status': attr('ENUM', (r) => r.ad && googleStatus(currentValue(r.ad.status))),
  'ad_group_ad.ad_group': attr('RESOURCE_NAME', (r) => r.ad && `customers/${cid(r)}/adGroups/${r.ad.adGroupId}`),
  'ad_group_ad.ad.id': attr('INT64', (r) => r.ad?.id),
  'ad_group_ad.ad.name': attr('STRING', (r) => r.ad?.name),
  'ad_group_ad.ad.resource_name': attr('RESOURCE_NAME', (r) => r.ad && `customers/${cid(r)}/ads/${r.ad.id}`),
  'ad_group_ad.ad.type': attr('ENUM', (r) => text(r.ad?.attrs.type)),
  'ad_group_ad.ad.final_urls': attr('REPEATED', (r) => r.ad?.attrs.finalUrls ?? undefined),
  'ad_group_ad.ad.responsive_search_ad.headlines': attr('REPEATED', (r) => assetList(r.ad?.attrs.headlines)),
  'ad_group_ad.ad.responsive_search_ad.descriptions': attr('REPEATED', (r) => assetList(r.ad?.attrs.descriptions)),
  'ad_group_ad.ad.responsive_search_ad.path1': attr('STRING', (r) => text(r.ad?.attrs.path1)),
  'ad_group_ad.ad.responsive_search_ad.path2': attr('STRING', (r) => text(r.ad?.attrs.path2)),
  'segments.date': { category: 'SEGMENT', type: 'DATE', get: (r) => r.segments.date },
  'segments.hour': { category: 'SEGMENT', type: 'INT64', get: (r) => r.segments.hour },
  'segments.day_of_week': { category: 'SEGMENT', type: 'ENUM', get: (r) => (r.segments.weekday === undefined ? undefined : WEEKDAY_NAMES[r.segments.weekday]) },
  'metrics.impressions': metric('INT64', (m) => String(m.impressions)),
  'metrics.clicks': metric('INT64', (m) => String(m.clicks)),
  'metrics.cost_micros': metric('INT64', (m) => micros(m.spendMicros)),
  'metrics.conversions': metric('DOUBLE', (m) => m.conversions),
  'metrics.conversions_value': metric('DOUBLE', (m) => m.conversionValue),
  'metrics.all_conversions': metric('DOUBLE', (m) => m.conversions),
  'metrics.ctr': metric('DOUBLE', (m) => ratio(m.clicks, m.impressions)),
  'metrics.average_cpc': metric('DOUBLE', (m) => ratio(m.spendMicros, m.clicks)),
  'metrics.average_cpm': metric('DOUBLE', (m) => ratio(m.spendMicros * 1000, m.impressions)),
  'metrics.cost_per_conversion': metric('DOUBLE', (m) => ratio(m.spendMicros, m.conversions)),
};

function assetList(value: JsonValue | undefined): JsonValue | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((v) => (typeof v === 'string' ? { text: v } : v));
}

/** Which resources' fields each FROM resource can select (itself first). */
export const RESOURCES: Record<string, { attributed: string[]; metrics: boolean }> = {
  customer: { attributed: ['customer'], metrics: true },
  customer_client: { attributed: ['customer_client', 'customer'], metrics: false },
  campaign_budget: { attributed: ['campaign_budget', 'customer'], metrics: false },
  campaign: { attributed: ['campaign', 'campaign_budget', 'customer'], metrics: true },
  ad_group: { attributed: ['ad_group', 'campaign', 'customer'], metrics: true },
  ad_group_ad: { attributed: ['ad_group_ad', 'ad_group', 'campaign', 'customer'], metrics: true },
};

/** The resource a field belongs to (`ad_group_ad.ad.id` → `ad_group_ad`). */
export function resourceOf(field: string): string {
  return field.split('.')[0] ?? '';
}
