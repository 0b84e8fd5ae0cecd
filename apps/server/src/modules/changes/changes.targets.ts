import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { adAccounts, adGroups, ads, campaigns, platformConnections, type Db } from '@adloop/db';
import type { Campaign as PlatformCampaign } from '@adloop/platforms';
import { createCampaignsRepository } from '../campaigns/campaigns.repository.ts';

/**
 * What changes read and write of the campaign mirror: the changed campaign with its account, the
 * per-campaign change lease, and the mirror refresh after an apply.
 */
export type CampaignRow = typeof campaigns.$inferSelect;
export type AccountRow = typeof adAccounts.$inferSelect;
export interface ChangeTarget {
  campaign: CampaignRow;
  account: AccountRow;
}

export async function findTargets(db: Db, orgId: string, campaignIds: readonly string[]): Promise<Map<string, ChangeTarget>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await db
    .select({ campaign: campaigns, account: adAccounts })
    .from(campaigns)
    .innerJoin(adAccounts, and(eq(adAccounts.id, campaigns.adAccountId), eq(adAccounts.orgId, campaigns.orgId)))
    .where(and(eq(campaigns.orgId, orgId), inArray(campaigns.id, [...new Set(campaignIds)])));
  return new Map(rows.map((r) => [r.campaign.id, r]));
}

export async function findAccounts(db: Db, orgId: string, accountIds: readonly string[]): Promise<Map<string, AccountRow>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db.select().from(adAccounts).where(and(eq(adAccounts.orgId, orgId), inArray(adAccounts.id, [...new Set(accountIds)])));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Names of changed ad groups / ad sets and ads (one query per level), keyed by their id. */
export async function findEntityNames(db: Db, orgId: string, adGroupIds: readonly string[], adIds: readonly string[]): Promise<Map<string, string>> {
  const groups = adGroupIds.length ? await db.select({ id: adGroups.id, name: adGroups.name }).from(adGroups).where(and(eq(adGroups.orgId, orgId), inArray(adGroups.id, [...new Set(adGroupIds)]))) : [];
  const adRows = adIds.length ? await db.select({ id: ads.id, name: ads.name }).from(ads).where(and(eq(ads.orgId, orgId), inArray(ads.id, [...new Set(adIds)]))) : [];
  return new Map([...groups, ...adRows].map((r) => [r.id, r.name]));
}

export async function findConnection(db: Db, orgId: string, connectionId: string) {
  const [row] = await db.select().from(platformConnections).where(and(eq(platformConnections.orgId, orgId), eq(platformConnections.id, connectionId)));
  return row;
}

/** Takes the campaign's change lease (one change per campaign at a time); false while another holds it. */
export async function takeLease(db: Db, orgId: string, campaignId: string, now: Date, ms: number): Promise<boolean> {
  const [leased] = await db
    .update(campaigns)
    .set({ changeLeaseUntil: new Date(now.getTime() + ms) })
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId), or(isNull(campaigns.changeLeaseUntil), lt(campaigns.changeLeaseUntil, now))))
    .returning({ id: campaigns.id });
  return leased !== undefined;
}

export async function releaseLease(db: Db, orgId: string, campaignId: string): Promise<void> {
  await db.update(campaigns).set({ changeLeaseUntil: null }).where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)));
}

/** A campaign the platform created for a change (a copy) joins the mirror; its Adloop id. */
export async function mirrorNewCampaign(db: Db, orgId: string, account: AccountRow, live: PlatformCampaign, at: Date): Promise<string | null> {
  await createCampaignsRepository(db).upsertCampaigns(orgId, account.id, account.currency, [live], at);
  const [row] = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.adAccountId, account.id), eq(campaigns.platformId, live.platformId)));
  return row?.id ?? null;
}

/** The mirror takes what the platform answered; `releaseLease` also ends the change lease in the same statement. */
export async function mirrorCampaign(db: Db, orgId: string, campaignId: string, live: PlatformCampaign, at: Date, options: { releaseLease?: boolean } = {}): Promise<void> {
  await db
    .update(campaigns)
    .set({
      status: live.status,
      rawStatus: live.rawStatus,
      dailyBudgetMicros: live.dailyBudget?.micros ?? null,
      lifetimeBudgetMicros: live.lifetimeBudget?.micros ?? null,
      name: live.name,
      bidStrategy: live.bidStrategy ?? null,
      bidMicros: live.bidMicros ?? null,
      targetRoas: live.targetRoas ?? null,
      syncedAt: at,
      ...(options.releaseLease ? { changeLeaseUntil: null } : {}),
    })
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)));
}
