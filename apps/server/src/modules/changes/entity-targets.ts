import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { adGroups, ads, campaigns, type Db } from '@adloop/db';
import type { Ad as PlatformAd, AdGroup as PlatformAdGroup } from '@adloop/platforms';

export type AdGroupRow = typeof adGroups.$inferSelect;
export type AdRow = typeof ads.$inferSelect;

/** An ad group / ad set or an ad row with its level. */
export type EntityRow = { level: 'ad_group'; row: AdGroupRow } | { level: 'ad'; row: AdRow };
/** An ad group / ad set or an ad as a change reads it, with its campaign's Adloop id. */
export type EntityTarget = EntityRow & { campaignId: string };

/** The object a `target` names below the campaign, and its campaign (same account, by platform id); undefined if not this organisation's. */
export async function findEntity(db: Db, orgId: string, level: 'ad_group' | 'ad', id: string): Promise<EntityTarget | undefined> {
  const found = level === 'ad_group'
    ? (await db.select().from(adGroups).where(and(eq(adGroups.orgId, orgId), eq(adGroups.id, id))))[0]
    : (await db.select().from(ads).where(and(eq(ads.orgId, orgId), eq(ads.id, id))))[0];
  if (!found) return undefined;
  const [campaign] = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.adAccountId, found.adAccountId), eq(campaigns.platformId, found.campaignPlatformId)));
  if (!campaign) return undefined;
  return 'dailyBudgetMicros' in found ? { level: 'ad_group', row: found, campaignId: campaign.id } : { level: 'ad', row: found, campaignId: campaign.id };
}

/** Ad groups / ad sets and ads by id (one query per level), each with its level, for changes whose campaign is known. */
export async function findEntityRows(db: Db, orgId: string, adGroupIds: readonly string[], adIds: readonly string[]): Promise<Map<string, EntityRow>> {
  const groups = adGroupIds.length ? await db.select().from(adGroups).where(and(eq(adGroups.orgId, orgId), inArray(adGroups.id, [...new Set(adGroupIds)]))) : [];
  const adRows = adIds.length ? await db.select().from(ads).where(and(eq(ads.orgId, orgId), inArray(ads.id, [...new Set(adIds)]))) : [];
  return new Map<string, EntityRow>([...groups.map((row) => [row.id, { level: 'ad_group' as const, row }] as const), ...adRows.map((row) => [row.id, { level: 'ad' as const, row }] as const)]);
}

const tableOf = (level: 'ad_group' | 'ad') => (level === 'ad_group' ? adGroups : ads);

/** Takes the object's change lease (one change per ad group / ad at a time, as for campaigns); false while another holds it. */
export async function takeEntityLease(db: Db, orgId: string, level: 'ad_group' | 'ad', id: string, now: Date, ms: number): Promise<boolean> {
  const table = tableOf(level);
  const [leased] = await db
    .update(table)
    .set({ changeLeaseUntil: new Date(now.getTime() + ms) })
    .where(and(eq(table.orgId, orgId), eq(table.id, id), or(isNull(table.changeLeaseUntil), lt(table.changeLeaseUntil, now))))
    .returning({ id: table.id });
  return leased !== undefined;
}

export async function releaseEntityLease(db: Db, orgId: string, level: 'ad_group' | 'ad', id: string): Promise<void> {
  const table = tableOf(level);
  await db.update(table).set({ changeLeaseUntil: null }).where(and(eq(table.orgId, orgId), eq(table.id, id)));
}

/** The mirror row takes what the platform answered. */
export async function mirrorAdGroup(db: Db, orgId: string, id: string, live: PlatformAdGroup, at: Date): Promise<void> {
  await db
    .update(adGroups)
    .set({
      name: live.name,
      status: live.status,
      dailyBudgetMicros: live.dailyBudget?.micros ?? null,
      lifetimeBudgetMicros: live.lifetimeBudget?.micros ?? null,
      bidMicros: live.bidMicros ?? null,
      ...(live.isLearning === undefined ? {} : { isLearning: live.isLearning }),
      syncedAt: at,
    })
    .where(and(eq(adGroups.orgId, orgId), eq(adGroups.id, id)));
}

export async function mirrorAd(db: Db, orgId: string, id: string, live: PlatformAd, at: Date): Promise<void> {
  await db.update(ads).set({ name: live.name, status: live.status, syncedAt: at }).where(and(eq(ads.orgId, orgId), eq(ads.id, id)));
}
