import { and, asc, eq, inArray } from 'drizzle-orm';
import { adAccounts } from '@adloop/db';
import type { Dashboard, ReportData, StoredReportDefinition } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { dashboard } from '../metrics/dashboard.queries.ts';
import { campaignTable } from '../metrics/campaign-table.queries.ts';
import { orgSettings } from '../metrics/report-scope.ts';
import type { Range } from '../metrics/report-scope.ts';

/** Campaign rows a report lists at most (the biggest spenders first). */
export const REPORT_CAMPAIGN_LIMIT = 2_000;

export interface ReportSource {
  orgId: string;
  name: string;
  definition: StoredReportDefinition;
  hasLogo: boolean;
}

const row = (d: Pick<Dashboard, 'totals' | 'previousTotals' | 'change'>, compare: boolean) => ({
  kpis: d.totals,
  previous: compare ? d.previousTotals : null,
  change: compare ? d.change : null,
});

/**
 * The numbers of one report for one range: the dashboard's own queries (totals, per platform, per
 * day), the dashboard per account for the account breakdown, and the campaign table for the campaign
 * one, so the PDF, the CSV and the client page show exactly what the dashboard shows for those accounts.
 */
export async function reportData(ctx: AppContext, source: ReportSource, range: Range, onProgress?: (percent: number) => Promise<void>): Promise<ReportData> {
  const { orgId, definition } = source;
  const scope = { orgId, accountIds: definition.accountIds };
  const compare = definition.comparison === 'previous_period';
  const settings = await orgSettings(ctx.db, orgId);
  const whole = await dashboard(ctx, scope, range);
  await onProgress?.(20);

  const perDay = new Map<string, { date: string; spendMicros: number; conversions: number }>();
  for (const p of whole.series) {
    const day = perDay.get(p.date) ?? { date: p.date, spendMicros: 0, conversions: 0 };
    day.spendMicros += p.spendMicros;
    day.conversions = Math.round((day.conversions + p.conversions) * 100) / 100;
    perDay.set(p.date, day);
  }

  let byAccount: ReportData['byAccount'] = null;
  if (definition.breakdowns.includes('account')) {
    const accounts = await ctx.db
      .select({ id: adAccounts.id, name: adAccounts.name, platform: adAccounts.platform })
      .from(adAccounts)
      .where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.selected, true), definition.accountIds ? inArray(adAccounts.id, definition.accountIds) : undefined))
      .orderBy(asc(adAccounts.name), asc(adAccounts.id));
    byAccount = [];
    for (const account of accounts) {
      const one = await dashboard(ctx, { orgId, accountIds: [account.id] }, range);
      byAccount.push({ accountId: account.id, name: account.name, platform: account.platform, ...row(one, compare) });
    }
  }
  await onProgress?.(50);

  let byCampaign: ReportData['byCampaign'] = null;
  if (definition.breakdowns.includes('campaign')) {
    const table = await campaignTable(ctx, scope, { ...range, sort: 'spend', dir: 'desc', limit: REPORT_CAMPAIGN_LIMIT });
    byCampaign = table.items.map((c) => ({ name: c.name, accountName: c.accountName, platform: c.platform, currency: c.currency, kpis: c.metrics }));
  }
  await onProgress?.(70);

  return {
    name: source.name,
    agencyName: definition.branding.agencyName,
    primaryColor: definition.branding.primaryColor,
    accentColor: definition.branding.accentColor,
    hasLogo: source.hasLogo,
    kpis: definition.kpis,
    currency: whole.currency,
    timeZone: settings.timeZone,
    range: whole.range,
    previousRange: compare ? whole.previousRange : null,
    totals: row(whole, compare),
    series: [...perDay.values()].sort((a, b) => (a.date < b.date ? -1 : 1)),
    byPlatform: definition.breakdowns.includes('platform') ? whole.byPlatform.map((p) => ({ platform: p.platform, ...row(p, compare) })) : null,
    byAccount,
    byCampaign,
    generatedAt: ctx.clock.now().toISOString(),
  };
}
