import { and, asc, eq, ilike, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { adAccounts, adGroups, ads, campaigns, type Db } from '@adloop/db';
import type { RuleObjectChoice } from '@adloop/contracts';

/** `q` as a LIKE pattern that matches it literally anywhere in the name. */
const containing = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface ObjectSearch {
  level: RuleObjectChoice['level'];
  q?: string | undefined;
  ids?: readonly string[] | undefined;
  /** null: every account of the organisation. */
  accountIds: readonly string[] | null;
  limit: number;
}

/** Objects of one level by name or id, with their account and campaign, by name. */
export async function searchObjects(db: Db, orgId: string, search: ObjectSearch): Promise<RuleObjectChoice[]> {
  const { level, q, ids, accountIds, limit } = search;
  const filters = (table: typeof campaigns | typeof adGroups | typeof ads): SQL | undefined =>
    and(eq(table.orgId, orgId), q ? ilike(table.name, containing(q)) : undefined, ids ? inArray(table.id, [...ids]) : undefined, accountIds ? inArray(table.adAccountId, [...accountIds]) : undefined);
  const account = { platform: adAccounts.platform, accountName: adAccounts.name };
  if (level === 'campaign') {
    const rows = await db
      .select({ id: campaigns.id, name: campaigns.name, status: campaigns.status, adAccountId: campaigns.adAccountId, ...account })
      .from(campaigns)
      .innerJoin(adAccounts, eq(adAccounts.id, campaigns.adAccountId))
      .where(filters(campaigns))
      .orderBy(asc(campaigns.name), asc(campaigns.id))
      .limit(limit);
    return rows.map((r) => ({ level, ...r, campaignName: r.name }));
  }
  const table = level === 'ad_group' ? adGroups : ads;
  const rows = await db
    .select({ id: table.id, name: table.name, status: table.status, adAccountId: table.adAccountId, ...account, campaignName: campaigns.name })
    .from(table)
    .innerJoin(adAccounts, eq(adAccounts.id, table.adAccountId))
    .innerJoin(campaigns, and(eq(campaigns.adAccountId, table.adAccountId), eq(campaigns.platformId, table.campaignPlatformId)))
    .where(filters(table))
    .orderBy(asc(table.name), asc(table.id))
    .limit(limit);
  return rows.map((r) => ({ level, ...r }));
}

/** The objectives the organisation's campaigns have, with their platforms, and every label in use on its objects. */
export async function scopeFacts(db: Db, orgId: string): Promise<{ objectives: { objective: string; platform: RuleObjectChoice['platform'] }[]; labels: string[] }> {
  const [objectives, labels] = await Promise.all([
    db
      .selectDistinct({ objective: sql<string>`${campaigns.objective}`, platform: adAccounts.platform })
      .from(campaigns)
      .innerJoin(adAccounts, eq(adAccounts.id, campaigns.adAccountId))
      .where(and(eq(campaigns.orgId, orgId), isNotNull(campaigns.objective)))
      .orderBy(sql`${campaigns.objective}`, adAccounts.platform),
    db.execute(sql`
      SELECT DISTINCT label FROM (
        SELECT unnest(labels) AS label FROM campaigns WHERE org_id = ${orgId}
        UNION ALL SELECT unnest(labels) FROM ad_groups WHERE org_id = ${orgId}
        UNION ALL SELECT unnest(labels) FROM ads WHERE org_id = ${orgId}
      ) l ORDER BY label LIMIT 500`),
  ]);
  return { objectives, labels: (labels as unknown as { rows: { label: string }[] }).rows.map((r) => r.label) };
}
