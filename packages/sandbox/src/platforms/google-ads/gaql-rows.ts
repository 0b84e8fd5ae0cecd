import type { MetricsEngine } from '../../simulator/metrics-engine.ts';
import { addTotals, emptyTotals, type ReportLevel, type ReportRow, type TimeGrain } from '../../simulator/report.types.ts';
import { localHourOf, hoursOfLocalDay } from '../../simulator/time-zone.ts';
import type { Account, PlatformWorld } from '../../simulator/world.types.ts';
import { FIELDS, type RowContext } from './gaql-fields.ts';
import type { GaqlQuery } from './gaql.types.ts';

const LEVELS: Record<string, ReportLevel> = { customer: 'account', campaign: 'campaign', ad_group: 'adGroup', ad_group_ad: 'ad' };

/** Rows of the FROM resource without metrics: one per object. */
export function entityRows(world: PlatformWorld, customer: Account, from: string): RowContext[] {
  const base = { customer, segments: {} };
  const mine = <T extends { accountId: string }>(items: Iterable<T>): T[] => [...items].filter((i) => i.accountId === customer.id);
  switch (from) {
    case 'customer': return [base];
    case 'customer_client': {
      const clients = [...world.accounts.values()].filter((a) => a.managerId === customer.id);
      return [{ ...base, client: { account: customer, level: 0 } }, ...clients.map((account) => ({ ...base, client: { account, level: 1 } }))];
    }
    case 'campaign_budget': return mine(world.budgets.values()).map((budget) => ({ ...base, budget }));
    case 'campaign': return mine(world.campaigns.values()).map((campaign) => ({
      ...base, campaign, budget: campaign.budgetId ? world.budgets.get(campaign.budgetId) : undefined,
    }));
    case 'ad_group': return mine(world.adGroups.values()).map((adGroup) => ({ ...base, adGroup, campaign: world.campaigns.get(adGroup.campaignId) }));
    default: return mine(world.ads.values()).map((ad) => ({
      ...base, ad, adGroup: world.adGroups.get(ad.adGroupId), campaign: world.campaigns.get(ad.campaignId),
    }));
  }
}

function idsFilter(q: GaqlQuery, field: string): Set<string> | undefined {
  const c = q.where.find((w) => w.field === field && (w.operator === '=' || w.operator === 'IN'));
  return c ? new Set(c.values.map(String)) : undefined;
}

/** Rows with metrics: one per object and selected segment values, only where something happened (when segmented). */
export function metricRows(
  world: PlatformWorld, engine: MetricsEngine, customer: Account, q: GaqlQuery, range: [string, string],
): RowContext[] {
  const selected = new Set(q.select);
  const wants = { date: selected.has('segments.date'), hour: selected.has('segments.hour'), weekday: selected.has('segments.day_of_week') };
  const segmented = wants.date || wants.hour || wants.weekday;
  const grain: TimeGrain = wants.hour ? 'hour' : wants.date || wants.weekday ? 'day' : 'total';
  const report = engine.report({
    platform: 'google', accountId: customer.id, since: range[0], until: range[1], level: LEVELS[q.from] ?? 'account', grain,
    campaignIds: idsFilter(q, 'campaign.id'), adGroupIds: idsFilter(q, 'ad_group.id'), adIds: idsFilter(q, 'ad_group_ad.ad.id'),
  });
  const grouped = new Map<string, { row: ReportRow; segments: RowContext['segments'] }>();
  for (const r of report) {
    const segments: RowContext['segments'] = {};
    if (wants.date && r.day) segments.date = r.day;
    if (wants.hour && r.hour !== null) segments.hour = r.hour;
    if (wants.weekday && r.day) segments.weekday = weekdayOf(customer.timeZone, r.day);
    const key = `${r.campaignId}|${r.adGroupId}|${r.adId}|${segments.date}|${segments.hour}|${segments.weekday}`;
    const existing = grouped.get(key);
    if (existing) addTotals(existing.row.metrics, r.metrics);
    else grouped.set(key, { row: { ...r, metrics: { ...r.metrics } }, segments });
  }
  const byEntity = new Map(entityRows(world, customer, q.from).map((e) => [entityKey(e), e]));
  const rows: RowContext[] = [];
  for (const { row, segments } of grouped.values()) {
    const entity = byEntity.get(`${row.campaignId ?? ''}|${row.adGroupId ?? ''}|${row.adId ?? ''}`);
    if (entity) rows.push({ ...entity, segments, metrics: row.metrics });
  }
  if (!segmented) {
    const seen = new Set(rows.map(entityKey));
    for (const [key, entity] of byEntity) if (!seen.has(key)) rows.push({ ...entity, metrics: emptyTotals() });
  }
  return rows;
}

function entityKey(r: RowContext): string {
  return `${r.campaign?.id ?? ''}|${r.adGroup?.id ?? ''}|${r.ad?.id ?? ''}`;
}

function weekdayOf(timeZone: string, day: string): number {
  const hours = hoursOfLocalDay(timeZone, day);
  return localHourOf(timeZone, hours[0] ?? 0).weekday;
}

/** Whether the query selects anything that needs the metrics engine. */
export function needsMetrics(q: GaqlQuery): boolean {
  return q.select.some((f) => FIELDS[f]?.category !== 'ATTRIBUTE') || q.where.some((c) => FIELDS[c.field]?.category !== 'ATTRIBUTE');
}
