import { and, eq, sql } from 'drizzle-orm';
import { adAccounts, platformConnections } from '@adloop/db';
import type { CampaignRow } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { accountHealth } from '../connections/connections.service.ts';
import { kpiChange, partialDayOf, previousPeriod, toKpis } from '@adloop/engine';
import { orgSettings, resolveRange, rowsOf } from './report-scope.ts';
import { counterpartNumbers } from './same-hours.ts';
import { presentRow, tableQuery, type CampaignFilters, type TableRow } from './campaign-table.queries.ts';

interface EntityAgg {
  entity_id: string;
  impressions: string;
  clicks: string;
  spend: string;
  conversions: number;
  value: string;
}

const aggToKpis = (a: EntityAgg | undefined) =>
  toKpis({ impressions: Number(a?.impressions ?? 0), clicks: Number(a?.clicks ?? 0), spendMicros: Number(a?.spend ?? 0), conversions: Number(a?.conversions ?? 0), conversionValueMicros: Number(a?.value ?? 0) });

export async function campaignDetail(ctx: AppContext, orgId: string, campaignId: string, query: { since?: string | undefined; until?: string | undefined; granularity: 'day' | 'hour' }) {
  const [found] = rowsOf<{ id: string; ad_account_id: string; platform_id: string; time_zone: string }>(
    await ctx.db.execute(sql`SELECT c.id, c.ad_account_id, c.platform_id, a.time_zone FROM campaigns c JOIN ad_accounts a ON a.id = c.ad_account_id AND a.org_id = c.org_id WHERE c.org_id = ${orgId}::uuid AND c.id = ${campaignId}::uuid`),
  );
  if (!found) throw notFound('Campaign');
  const range = resolveRange(query, found.time_zone, ctx.clock.now());
  const filters: CampaignFilters = { sort: 'name', dir: 'asc', accountId: found.ad_account_id };
  // Sorted by name, amounts in the campaign's own currency: no conversion factors needed.
  const rows = rowsOf<TableRow>(await ctx.db.execute(tableQuery(orgId, range, {}, filters, null, null))).filter((r) => r.id === campaignId);
  const campaign = rows[0];
  if (!campaign) throw notFound('Campaign');
  const present = presentRow(campaign);
  const previous = await previousNumbers(ctx, orgId, found, range);

  const series =
    query.granularity === 'day'
      ? rowsOf<{ at: string; impressions: string; clicks: string; spend: string; conversions: number }>(
          await ctx.db.execute(sql`
            SELECT to_char(date, 'YYYY-MM-DD') AS at, impressions::text, clicks::text, spend_micros::text AS spend, conversions
            FROM metrics_daily WHERE org_id = ${orgId}::uuid AND ad_account_id = ${found.ad_account_id}::uuid AND level = 'campaign'
              AND entity_id = ${found.platform_id} AND date BETWEEN ${range.since}::date AND ${range.until}::date
            ORDER BY date`),
        )
      : rowsOf<{ at: string; impressions: string; clicks: string; spend: string; conversions: number }>(
          await ctx.db.execute(sql`
            SELECT to_char(date, 'YYYY-MM-DD') || 'T' || lpad(hour::text, 2, '0') || ':00' AS at, impressions::text, clicks::text, spend_micros::text AS spend, conversions
            FROM metrics_hourly WHERE org_id = ${orgId}::uuid AND ad_account_id = ${found.ad_account_id}::uuid AND level = 'campaign'
              AND entity_id = ${found.platform_id} AND date BETWEEN ${range.since}::date AND ${range.until}::date
            ORDER BY date, hour`),
        );

  const levelAgg = async (level: 'ad_group' | 'ad') =>
    new Map(
      rowsOf<EntityAgg>(
        await ctx.db.execute(sql`
          SELECT entity_id, sum(impressions)::text AS impressions, sum(clicks)::text AS clicks, sum(spend_micros)::text AS spend,
                 sum(conversions)::float8 AS conversions, sum(conversion_value_micros)::text AS value
          FROM metrics_daily WHERE org_id = ${orgId}::uuid AND ad_account_id = ${found.ad_account_id}::uuid AND level = ${level}
            AND campaign_id = ${found.platform_id} AND date BETWEEN ${range.since}::date AND ${range.until}::date
          GROUP BY entity_id`),
      ).map((r) => [r.entity_id, r]),
    );
  const groupNumbers = await levelAgg('ad_group');
  const adNumbers = await levelAgg('ad');
  const groups = rowsOf<{ id: string; platform_id: string; name: string; status: CampaignRow['status']; daily_budget_micros: string | null }>(
    await ctx.db.execute(sql`SELECT id, platform_id, name, status, daily_budget_micros FROM ad_groups WHERE org_id = ${orgId}::uuid AND ad_account_id = ${found.ad_account_id}::uuid AND campaign_platform_id = ${found.platform_id} ORDER BY name`),
  );
  const adRows = rowsOf<{ id: string; platform_id: string; name: string; status: CampaignRow['status']; ad_group_platform_id: string }>(
    await ctx.db.execute(sql`SELECT id, platform_id, name, status, ad_group_platform_id FROM ads WHERE org_id = ${orgId}::uuid AND ad_account_id = ${found.ad_account_id}::uuid AND campaign_platform_id = ${found.platform_id} ORDER BY name`),
  );
  const [account] = await ctx.db.select().from(adAccounts).where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.id, found.ad_account_id)));
  const [connection] = await ctx.db.select().from(platformConnections).where(and(eq(platformConnections.orgId, orgId), eq(platformConnections.id, account!.connectionId)));
  const health = accountHealth(ctx, connection!, account!, undefined);
  return {
    campaign: present,
    range,
    previousRange: previous.range,
    previousTotals: previous.kpis,
    change: kpiChange(present.metrics, previous.kpis),
    comparedThrough: previous.comparedThrough,
    series: series.map((p) => ({ at: p.at, impressions: Number(p.impressions), clicks: Number(p.clicks), spendMicros: Number(p.spend), conversions: Number(p.conversions) })),
    adGroups: groups.map((g) => ({ id: g.id, platformId: g.platform_id, name: g.name, status: g.status, dailyBudgetMicros: g.daily_budget_micros === null ? null : Number(g.daily_budget_micros), metrics: aggToKpis(groupNumbers.get(g.platform_id)) })),
    ads: adRows.map((a) => ({ id: a.id, platformId: a.platform_id, name: a.name, status: a.status, adGroupPlatformId: a.ad_group_platform_id, metrics: aggToKpis(adNumbers.get(a.platform_id)) })),
    health: { state: health.state, summary: health.summary },
  };
}

/** The campaign's numbers over the previous period, cut to the same hours when the range ends today. */
async function previousNumbers(ctx: AppContext, orgId: string, found: { ad_account_id: string; platform_id: string }, range: { since: string; until: string }) {
  const previous = previousPeriod(range);
  const { timeZone } = await orgSettings(ctx.db, orgId);
  const cut = partialDayOf(range, timeZone, ctx.clock.now());
  const [agg] = rowsOf<EntityAgg>(
    await ctx.db.execute(sql`
      SELECT entity_id, sum(impressions)::text AS impressions, sum(clicks)::text AS clicks, sum(spend_micros)::text AS spend,
             sum(conversions)::float8 AS conversions, sum(conversion_value_micros)::text AS value
      FROM metrics_daily WHERE org_id = ${orgId}::uuid AND ad_account_id = ${found.ad_account_id}::uuid AND level = 'campaign'
        AND entity_id = ${found.platform_id} AND date BETWEEN ${previous.since}::date AND ${previous.until}::date
        AND date <> ${cut?.counterpart ?? '0001-01-01'}::date
      GROUP BY entity_id`),
  );
  const totals = { impressions: Number(agg?.impressions ?? 0), clicks: Number(agg?.clicks ?? 0), spendMicros: Number(agg?.spend ?? 0), conversions: Number(agg?.conversions ?? 0), conversionValueMicros: Number(agg?.value ?? 0) };
  if (cut) {
    for (const row of await counterpartNumbers(ctx.db, orgId, cut, { campaign: { adAccountId: found.ad_account_id, platformId: found.platform_id } })) {
      totals.impressions += row.impressions;
      totals.clicks += row.clicks;
      totals.spendMicros += row.spend;
      totals.conversions += row.conversions;
      totals.conversionValueMicros += row.value;
    }
  }
  return { range: previous, kpis: toKpis(totals), comparedThrough: cut ? { date: cut.counterpart, time: cut.through } : null };
}
