import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { adAccounts, campaigns, metricsAccountDaily, oauthStates, platformConnections, syncRuns, type Db } from '@adloop/db';
import { storableText } from '../../platform/storable-text.ts';

export type ConnectionRow = typeof platformConnections.$inferSelect;
export type AdAccountRow = typeof adAccounts.$inferSelect;
export type OAuthStateRow = typeof oauthStates.$inferSelect;
export type SyncRunRow = typeof syncRuns.$inferSelect;

/** All SQL of connections and ad accounts; every method takes `orgId` first. */
export function createConnectionsRepository(db: Db) {
  return {
    async insertState(values: typeof oauthStates.$inferInsert): Promise<void> {
      await db.insert(oauthStates).values(values);
    },

    /** Marks a state used and returns it, only if it was unused; a replay gets null. */
    async consumeState(stateHash: string, at: Date): Promise<OAuthStateRow | null> {
      const [row] = await db
        .update(oauthStates)
        .set({ usedAt: at })
        .where(and(eq(oauthStates.stateHash, stateHash), isNull(oauthStates.usedAt)))
        .returning();
      return row ?? null;
    },

    async insertConnection(values: typeof platformConnections.$inferInsert): Promise<ConnectionRow> {
      const [row] = await db.insert(platformConnections).values(values).returning();
      if (!row) throw new Error('insert returned nothing');
      return row;
    },

    async listConnections(orgId: string): Promise<ConnectionRow[]> {
      return db.select().from(platformConnections).where(eq(platformConnections.orgId, orgId)).orderBy(desc(platformConnections.createdAt));
    },

    async findConnection(orgId: string, connectionId: string): Promise<ConnectionRow | null> {
      const [row] = await db
        .select()
        .from(platformConnections)
        .where(and(eq(platformConnections.orgId, orgId), eq(platformConnections.id, connectionId)));
      return row ?? null;
    },

    async updateConnection(orgId: string, connectionId: string, values: Partial<typeof platformConnections.$inferInsert>): Promise<ConnectionRow | null> {
      const [row] = await db
        .update(platformConnections)
        .set(values)
        .where(and(eq(platformConnections.orgId, orgId), eq(platformConnections.id, connectionId)))
        .returning();
      return row ?? null;
    },

    /** Records the granted accounts under `connectionId`; an account seen before (any connection of the org) moves here and keeps its history and selection. */
    async upsertAccounts(orgId: string, connectionId: string, accounts: Array<Omit<typeof adAccounts.$inferInsert, 'orgId' | 'connectionId'>>): Promise<void> {
      if (accounts.length === 0) return;
      await db
        .insert(adAccounts)
        .values(accounts.map((a) => ({ ...a, name: storableText(a.name), orgId, connectionId })))
        .onConflictDoUpdate({
          target: [adAccounts.orgId, adAccounts.platform, adAccounts.platformAccountId],
          set: {
            connectionId,
            name: sql`excluded.name`,
            currency: sql`excluded.currency`,
            timeZone: sql`excluded.time_zone`,
            isManager: sql`excluded.is_manager`,
            managerId: sql`excluded.manager_id`,
            status: sql`excluded.status`,
          },
        });
    },

    async listAccounts(orgId: string, connectionIds: string[]): Promise<AdAccountRow[]> {
      if (connectionIds.length === 0) return [];
      return db
        .select()
        .from(adAccounts)
        .where(and(eq(adAccounts.orgId, orgId), inArray(adAccounts.connectionId, connectionIds)))
        .orderBy(adAccounts.name);
    },

    async findAccount(orgId: string, accountId: string): Promise<AdAccountRow | null> {
      const [row] = await db.select().from(adAccounts).where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.id, accountId)));
      return row ?? null;
    },

    async setSelection(orgId: string, connectionId: string, selectedIds: string[], at: Date): Promise<AdAccountRow[]> {
      await db.update(adAccounts).set({ selected: false, nextSyncAt: null }).where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.connectionId, connectionId)));
      if (selectedIds.length === 0) return [];
      return db
        .update(adAccounts)
        .set({ selected: true, nextSyncAt: at })
        .where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.connectionId, connectionId), inArray(adAccounts.id, selectedIds), eq(adAccounts.isManager, false)))
        .returning();
    },

    async deselectAll(orgId: string, connectionId: string): Promise<void> {
      await db.update(adAccounts).set({ selected: false, nextSyncAt: null }).where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.connectionId, connectionId)));
    },

    /** Campaign counts and the spend of the last 7 complete days, each account in its own time zone. */
    async accountSummaries(orgId: string, accountIds: string[], now: Date): Promise<Map<string, { campaigns: number; spendMicros: number }>> {
      const result = new Map<string, { campaigns: number; spendMicros: number }>();
      if (accountIds.length === 0) return result;
      const counts = await db
        .select({ accountId: campaigns.adAccountId, n: sql<number>`count(*)::int` })
        .from(campaigns)
        .where(and(eq(campaigns.orgId, orgId), inArray(campaigns.adAccountId, accountIds)))
        .groupBy(campaigns.adAccountId);
      const today = sql`(${now.toISOString()}::timestamptz AT TIME ZONE ${adAccounts.timeZone})::date`;
      const spend = await db
        .select({ accountId: metricsAccountDaily.adAccountId, micros: sql<string>`coalesce(sum(${metricsAccountDaily.spendMicros}), 0)::text` })
        .from(metricsAccountDaily)
        .innerJoin(adAccounts, and(eq(adAccounts.id, metricsAccountDaily.adAccountId), eq(adAccounts.orgId, metricsAccountDaily.orgId)))
        .where(
          and(
            eq(metricsAccountDaily.orgId, orgId),
            inArray(metricsAccountDaily.adAccountId, accountIds),
            sql`${metricsAccountDaily.date} BETWEEN ${today} - 7 AND ${today} - 1`,
          ),
        )
        .groupBy(metricsAccountDaily.adAccountId);
      for (const id of accountIds) result.set(id, { campaigns: 0, spendMicros: 0 });
      for (const row of counts) result.get(row.accountId)!.campaigns = Number(row.n);
      for (const row of spend) result.get(row.accountId)!.spendMicros = Number(row.micros);
      return result;
    },

    async runningSyncs(orgId: string, accountIds: string[]): Promise<SyncRunRow[]> {
      if (accountIds.length === 0) return [];
      return db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.orgId, orgId), inArray(syncRuns.adAccountId, accountIds), eq(syncRuns.status, 'running')));
    },
  };
}
