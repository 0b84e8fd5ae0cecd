import { and, eq, sql } from 'drizzle-orm';
import { adAccounts, platformConnections } from '@adloop/db';
import type { CampaignRow } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { accountHealth } from '../connections/connections.service.ts';
import { emptyTotals, kpiChange, partialDayOf, previousPeriod, sumTotals, toKpis } from '@adloop/engine';
import { orgSettings, resolveRange, rowsOf } from './report-scope.ts';
import { counterpartNumbers } from './same-hours.ts';
import { createMetricsReader, type ReportScope } from './metrics.reader.ts';
import { tableQuery, withChangeOptions, type CampaignFilters, type TableRow } from './campaign-table.queries.ts';

/** One campaign's page: its numbers against the previous period, its series, ad groups and ads. A campaign outside the caller's accounts is not found. */
export async function campaignDetail(ctx: AppContext, scope: ReportScope, campaignId: string, query: { since?: string | undefined; until?: string | undefined; granularity: 'day' | 'hour' }) {
  const { orgId } = scope;
  const [found] = rowsOf<{ id: string; ad_account_id: string; platform_id: string; time_zone: string }>(
    await ctx.db.execute(sql`SELECT c.id, c.ad_account_id, c.platform_id, a.time_zone FROM campaigns c JOIN ad_accounts a ON a.id = c.ad_account_id AND a.org_id = c.org_id WHERE c.org_id = ${orgId}::uuid AND c.id = ${campaignId}::uuid`),
  );
  if (!found || (scope.accountIds !== null && !scope.accountIds.includes(found.ad_account_id))) throw notFound('Campaign');
  const range = resolveRange(query, found.time_zone, ctx.clock.now());
  const filters: CampaignFilters = { sort: 'name', dir: 'asc', accountId: found.ad_account_id };
  // Sorted by name, amounts in the campaign's own currency: no conversion factors needed.
  const rows = rowsOf<TableRow>(await ctx.db.execute(tableQuery(orgId, range, {}, filters, null, null))).filter((r) => r.id === campaignId);
  const campaign = rows[0];
  if (!campaign) throw notFound('Campaign');
  const { changeOptions, ...present } = withChangeOptions(ctx, campaign);
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

  const reader = createMetricsReader(ctx.db);
  const campaignRef = { adAccountId: found.ad_account_id, platformId: found.platform_id };
  // One campaign is in one currency: its entities' sums need no conversion.
  const levelAgg = async (level: 'ad_group' | 'ad') => new Map((await reader.byEntity(orgId, { level, window: range, campaign: campaignRef })).map((r) => [r.entityId, r.totals]));
  const groupNumbers = await levelAgg('ad_group');
  const adNumbers = await levelAgg('ad');
  const groups = rowsOf<{ id: string; platform_id: string; name: string; status: CampaignRow['status']; daily_budget_micros: string | null; bid_micros: string | null; is_learning: boolean | null }>(
    await ctx.db.execute(sql`SELECT id, platform_id, name, status, daily_budget_micros, bid_micros, is_learning FROM ad_groups WHERE org_id = ${orgId}::uuid AND ad_account_id = ${found.ad_account_id}::uuid AND campaign_platform_id = ${found.platform_id} ORDER BY name`),
  );
  const adRows = rowsOf<{ id: string; platform_id: string; name: string; status: CampaignRow['status']; ad_group_platform_id: string }>(
    await ctx.db.execute(sql`SELECT id, platform_id, name, status, ad_group_platform_id FROM ads WHERE org_id = ${orgId}::uuid AND ad_account_id = ${found.ad_account_id}::uuid AND campaign_platform_id = ${found.platform_id} ORDER BY name`),
  );
  // Learning is shown only where the platform reports it (`capabilities.learningPhase`).
  const reportsLearning = ctx.platforms.registry.has(campaign.platform) && ctx.platforms.registry.get(campaign.platform).capabilities.learningPhase;
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
    adGroups: groups.map((g) => ({ id: g.id, platformId: g.platform_id, name: g.name, status: g.status, dailyBudgetMicros: g.daily_budget_micros === null ? null : Number(g.daily_budget_micros), bidMicros: g.bid_micros === null ? null : Number(g.bid_micros), isLearning: reportsLearning ? g.is_learning : null, metrics: toKpis(groupNumbers.get(g.platform_id) ?? emptyTotals()) })),
    ads: adRows.map((a) => ({ id: a.id, platformId: a.platform_id, name: a.name, status: a.status, adGroupPlatformId: a.ad_group_platform_id, metrics: toKpis(adNumbers.get(a.platform_id) ?? emptyTotals()) })),
    health: { state: health.state, summary: health.summary },
    ...(changeOptions ? { changeOptions } : {}),
  };
}

/** The campaign's numbers over the previous period, cut to the same hours when the range ends today. */
async function previousNumbers(ctx: AppContext, orgId: string, found: { ad_account_id: string; platform_id: string }, range: { since: string; until: string }) {
  const previous = previousPeriod(range);
  const { timeZone } = await orgSettings(ctx.db, orgId);
  const cut = partialDayOf(range, timeZone, ctx.clock.now());
  const campaign = { adAccountId: found.ad_account_id, platformId: found.platform_id };
  const own = await createMetricsReader(ctx.db).totals(orgId, { level: 'campaign', window: previous, campaign, exceptDate: cut?.counterpart });
  const counterpart = cut ? await counterpartNumbers(ctx.db, orgId, cut, { campaign }) : [];
  const totals = sumTotals([...own, ...counterpart].map((r) => r.totals));
  return { range: previous, kpis: toKpis(totals), comparedThrough: cut ? { date: cut.counterpart, time: cut.through } : null };
}
