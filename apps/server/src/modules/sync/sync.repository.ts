import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { adAccounts, platformConnections, syncRuns, type Db, type SyncKind } from '@adloop/db';
import type { AdAccountRow, ConnectionRow } from '../connections/connections.repository.ts';

/** The sync's own columns of an ad account (lease, schedule, outcome, freshness). */
export type AccountSyncState = Partial<
  Pick<typeof adAccounts.$inferInsert, 'syncLeaseUntil' | 'nextSyncAt' | 'structureSyncedAt' | 'metricsSyncedAt' | 'newestHourAt' | 'lastSyncError' | 'lastSyncErrorKind'>
>;

export type RunOutcome = Partial<Pick<typeof syncRuns.$inferInsert, 'status' | 'progress' | 'counts' | 'finishedAt' | 'errorKind' | 'errorMessage'>>;

/** The sync's SQL: its runs' log and its state on ad accounts. Every method takes `orgId` first and scopes by it. */
export function createSyncRepository(db: Db) {
  const account = (orgId: string, adAccountId: string) => and(eq(adAccounts.orgId, orgId), eq(adAccounts.id, adAccountId));
  return {
    /**
     * Takes the account's sync lease until `until` if it is added and nobody holds the lease;
     * null when it is not to be synced now. One UPDATE, so two workers never sync one account at once.
     */
    async claim(orgId: string, adAccountId: string, now: Date, until: Date): Promise<AdAccountRow | null> {
      const [row] = await db
        .update(adAccounts)
        .set({ syncLeaseUntil: until })
        .where(and(account(orgId, adAccountId), eq(adAccounts.selected, true), or(isNull(adAccounts.syncLeaseUntil), lt(adAccounts.syncLeaseUntil, now))))
        .returning();
      return row ?? null;
    },

    async setAccountState(orgId: string, adAccountId: string, state: AccountSyncState): Promise<void> {
      await db.update(adAccounts).set(state).where(account(orgId, adAccountId));
    },

    async findConnection(orgId: string, connectionId: string): Promise<ConnectionRow | null> {
      const [row] = await db.select().from(platformConnections).where(and(eq(platformConnections.orgId, orgId), eq(platformConnections.id, connectionId)));
      return row ?? null;
    },

    /** Opens one run of the log (shown in the account's sync history); returns its id. */
    async startRun(orgId: string, adAccountId: string, kind: SyncKind, range: { since: string; until: string } | null, at: Date): Promise<string> {
      const [run] = await db
        .insert(syncRuns)
        .values({ orgId, adAccountId, kind, status: 'running', startedAt: at, rangeSince: range?.since ?? null, rangeUntil: range?.until ?? null, attempts: 1 })
        .returning({ id: syncRuns.id });
      if (!run) throw new Error('insert returned nothing');
      return run.id;
    },

    async updateRun(orgId: string, runId: string, outcome: RunOutcome): Promise<void> {
      await db.update(syncRuns).set(outcome).where(and(eq(syncRuns.orgId, orgId), eq(syncRuns.id, runId)));
    },
  };
}

export type SyncRepository = ReturnType<typeof createSyncRepository>;
