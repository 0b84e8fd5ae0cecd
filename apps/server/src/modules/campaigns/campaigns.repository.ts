import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { adGroups, ads, campaigns, type Db } from '@adloop/db';
import type { Ad as PlatformAd, AdGroup as PlatformAdGroup, Campaign as PlatformCampaign } from '@adloop/platforms';
import { storableText } from '../../platform/storable-text.ts';

export type CampaignMirrorRow = typeof campaigns.$inferSelect;
/** The mirror's own fields a write may set (not the keys or the change lease). */
export type CampaignMirrorFields = Partial<Omit<typeof campaigns.$inferInsert, 'id' | 'orgId' | 'adAccountId' | 'platformId' | 'changeLeaseUntil'>>;

/** Rows per INSERT: keeps one statement's parameters well under PostgreSQL's 65,535. */
const UPSERT_CHUNK = 500;

type Table = typeof campaigns | typeof adGroups | typeof ads;

/**
 * `SET col = excluded.col` for the given fields of `table`, so an upsert overwrites exactly the
 * fields its row builder fills. Adding a synced field is one line in the builder and one key here.
 */
function fromExcluded<T extends Table>(table: T, keys: ReadonlyArray<keyof T['$inferInsert'] & string>): Record<string, SQL> {
  const columns: Record<string, { name: string }> = getTableColumns(table);
  const set: Record<string, SQL> = {};
  for (const key of keys) {
    const column = columns[key];
    if (column) set[key] = sql.raw(`excluded."${column.name}"`);
  }
  return set;
}

/** A platform campaign as its mirror row's fields (budgets in the account's currency when unset). */
function campaignFields(c: PlatformCampaign, accountCurrency: string) {
  return {
    platformId: c.platformId,
    name: storableText(c.name),
    status: c.status,
    rawStatus: c.rawStatus,
    objective: c.objective,
    dailyBudgetMicros: c.dailyBudget?.micros ?? null,
    lifetimeBudgetMicros: c.lifetimeBudget?.micros ?? null,
    currency: c.dailyBudget?.currency ?? c.lifetimeBudget?.currency ?? accountCurrency,
    bidStrategy: c.bidStrategy ?? null,
    bidMicros: c.bidMicros ?? null,
    targetRoas: c.targetRoas ?? null,
  };
}
const CAMPAIGN_SYNCED = ['name', 'status', 'rawStatus', 'objective', 'dailyBudgetMicros', 'lifetimeBudgetMicros', 'currency', 'bidStrategy', 'bidMicros', 'targetRoas', 'syncedAt'] as const;

function adGroupFields(g: PlatformAdGroup) {
  return {
    platformId: g.platformId, campaignPlatformId: g.campaignPlatformId, name: storableText(g.name), status: g.status, dailyBudgetMicros: g.dailyBudget?.micros ?? null,
    lifetimeBudgetMicros: g.lifetimeBudget?.micros ?? null, bidStrategy: g.bidStrategy ?? null, bidMicros: g.bidMicros ?? null, isLearning: g.isLearning ?? null,
  };
}
const AD_GROUP_SYNCED = ['campaignPlatformId', 'name', 'status', 'dailyBudgetMicros', 'lifetimeBudgetMicros', 'bidStrategy', 'bidMicros', 'isLearning', 'syncedAt'] as const;

function adFields(ad: PlatformAd) {
  return { platformId: ad.platformId, adGroupPlatformId: ad.adGroupPlatformId, campaignPlatformId: ad.campaignPlatformId, name: storableText(ad.name), status: ad.status };
}
const AD_SYNCED = ['adGroupPlatformId', 'campaignPlatformId', 'name', 'status', 'syncedAt'] as const;

async function inChunks<T>(items: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += UPSERT_CHUNK) await write(items.slice(i, i + UPSERT_CHUNK));
}

/**
 * Every write of the campaign mirror (campaigns, ad groups, ads): the structure sync's upserts and
 * the updates after Adloop changes something on a platform. Every method takes `orgId` first and
 * every UPDATE has it in its WHERE; an upsert never moves a row to another organisation.
 */
export function createCampaignsRepository(db: Db) {
  return {
    /** The account's campaigns as mirrored now (before a sync overwrites them). */
    async listForAccount(orgId: string, adAccountId: string): Promise<CampaignMirrorRow[]> {
      return db.select().from(campaigns).where(and(eq(campaigns.orgId, orgId), eq(campaigns.adAccountId, adAccountId)));
    },

    /** Inserts or overwrites the account's campaigns by platform id; `at` is their syncedAt. */
    async upsertCampaigns(orgId: string, adAccountId: string, accountCurrency: string, items: readonly PlatformCampaign[], at: Date): Promise<void> {
      await inChunks(items, (chunk) =>
        db
          .insert(campaigns)
          .values(chunk.map((c) => ({ orgId, adAccountId, syncedAt: at, ...campaignFields(c, accountCurrency) })))
          .onConflictDoUpdate({ target: [campaigns.adAccountId, campaigns.platformId], set: fromExcluded(campaigns, CAMPAIGN_SYNCED), setWhere: eq(campaigns.orgId, orgId) }),
      );
    },

    async upsertAdGroups(orgId: string, adAccountId: string, items: readonly PlatformAdGroup[], at: Date): Promise<void> {
      await inChunks(items, (chunk) =>
        db
          .insert(adGroups)
          .values(chunk.map((g) => ({ orgId, adAccountId, syncedAt: at, ...adGroupFields(g) })))
          .onConflictDoUpdate({ target: [adGroups.adAccountId, adGroups.platformId], set: fromExcluded(adGroups, AD_GROUP_SYNCED), setWhere: eq(adGroups.orgId, orgId) }),
      );
    },

    async upsertAds(orgId: string, adAccountId: string, items: readonly PlatformAd[], at: Date): Promise<void> {
      await inChunks(items, (chunk) =>
        db
          .insert(ads)
          .values(chunk.map((ad) => ({ orgId, adAccountId, syncedAt: at, ...adFields(ad) })))
          .onConflictDoUpdate({ target: [ads.adAccountId, ads.platformId], set: fromExcluded(ads, AD_SYNCED), setWhere: eq(ads.orgId, orgId) }),
      );
    },

    /** The mirror after the platform confirmed a change (or a live read): the fields given, nothing else. */
    async updateCampaign(orgId: string, campaignId: string, fields: CampaignMirrorFields): Promise<CampaignMirrorRow | null> {
      const [row] = await db.update(campaigns).set(fields).where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId))).returning();
      return row ?? null;
    },

    /** A platform campaign as read live, written over its mirror row (same fields as the sync writes). */
    async mirrorCampaign(orgId: string, campaignId: string, live: PlatformCampaign, accountCurrency: string, at: Date): Promise<CampaignMirrorRow | null> {
      const { platformId: _platformId, ...fields } = campaignFields(live, accountCurrency);
      return this.updateCampaign(orgId, campaignId, { ...fields, syncedAt: at });
    },
  };
}

export type CampaignsRepository = ReturnType<typeof createCampaignsRepository>;
