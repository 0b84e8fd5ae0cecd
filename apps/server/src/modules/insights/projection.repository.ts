import { sql } from 'drizzle-orm';
import type { Db } from '@adloop/db';
import { rowsOf } from '../metrics/report-scope.ts';

/** Reads for month-end projections, pacing and campaign forecasts; every query is scoped to the organisation (and the member's accounts). */

export interface ProjectionAccount { id: string; name: string; platform: string; currency: string; time_zone: string }
export interface ProjectionCampaign { id: string; ad_account_id: string; platform_id: string; name: string; status: string; daily_budget_micros: string | null; currency: string }
/** One campaign-day of stored numbers (spend and value in micros of the account's currency). */
export interface CampaignDay { account_id: string; entity_id: string; date: string; spend: number; conversions: number; value: number }

const scopeSql = (column: string, accountIds: readonly string[] | null) =>
  accountIds === null ? sql`` : accountIds.length === 0 ? sql`AND false` : sql`AND ${sql.raw(column)} IN (${sql.join(accountIds.map((id) => sql`${id}::uuid`), sql`, `)})`;

export async function selectedAccounts(db: Db, orgId: string, accountIds: readonly string[] | null): Promise<ProjectionAccount[]> {
  return rowsOf<ProjectionAccount>(
    await db.execute(sql`SELECT id, name, platform, currency, time_zone FROM ad_accounts WHERE org_id = ${orgId}::uuid AND selected ${scopeSql('id', accountIds)} ORDER BY name, id`),
  );
}

export async function campaignsOf(db: Db, orgId: string, accountIds: readonly string[] | null): Promise<ProjectionCampaign[]> {
  return rowsOf<ProjectionCampaign>(
    await db.execute(sql`
      SELECT c.id, c.ad_account_id, c.platform_id, c.name, c.status, c.daily_budget_micros::text, c.currency
      FROM campaigns c JOIN ad_accounts a ON a.id = c.ad_account_id AND a.org_id = c.org_id AND a.selected
      WHERE c.org_id = ${orgId}::uuid ${scopeSql('c.ad_account_id', accountIds)} ORDER BY c.name, c.id`),
  );
}

export async function campaignById(db: Db, orgId: string, campaignId: string): Promise<ProjectionCampaign | undefined> {
  const [row] = rowsOf<ProjectionCampaign>(
    await db.execute(sql`SELECT id, ad_account_id, platform_id, name, status, daily_budget_micros::text, currency FROM campaigns WHERE org_id = ${orgId}::uuid AND id = ${campaignId}::uuid`),
  );
  return row;
}

/** Campaign-level days from `since` through `until` (inclusive), for the accounts given, oldest first. */
export async function campaignDays(db: Db, orgId: string, accountIds: readonly string[], since: string, until: string, entityId?: string): Promise<CampaignDay[]> {
  if (accountIds.length === 0) return [];
  const rows = rowsOf<{ account_id: string; entity_id: string; date: string; spend: string; conversions: number | string; value: string }>(
    await db.execute(sql`
      SELECT ad_account_id AS account_id, entity_id, to_char(date, 'YYYY-MM-DD') AS date, spend_micros::text AS spend, conversions, conversion_value_micros::text AS value
      FROM metrics_daily WHERE org_id = ${orgId}::uuid AND level = 'campaign' ${scopeSql('ad_account_id', accountIds)}
        ${entityId === undefined ? sql`` : sql`AND entity_id = ${entityId}`}
        AND date BETWEEN ${since}::date AND ${until}::date
      ORDER BY date, entity_id`),
  );
  return rows.map((r) => ({ account_id: r.account_id, entity_id: r.entity_id, date: r.date, spend: Number(r.spend), conversions: Number(r.conversions), value: Number(r.value) }));
}
