import { and, asc, eq, inArray } from 'drizzle-orm';
import { adAccounts, memberAdAccounts, type Db } from '@adloop/db';

/** SQL for `member_ad_accounts`, the ad accounts each `member` works on. `orgId` comes first in every method. */
export function createMemberAccountsRepository(db: Db) {
  async function deleteAll(orgId: string, userId: string): Promise<string[]> {
    const rows = await db
      .delete(memberAdAccounts)
      .where(and(eq(memberAdAccounts.orgId, orgId), eq(memberAdAccounts.userId, userId)))
      .returning({ id: memberAdAccounts.adAccountId });
    return rows.map((r) => r.id).sort();
  }

  return {
    /** Removes every assignment of the member; returns the account ids they had, sorted. */
    deleteAll,

    async list(orgId: string, userId: string): Promise<string[]> {
      const rows = await db
        .select({ id: memberAdAccounts.adAccountId })
        .from(memberAdAccounts)
        .where(and(eq(memberAdAccounts.orgId, orgId), eq(memberAdAccounts.userId, userId)))
        .orderBy(asc(memberAdAccounts.adAccountId));
      return rows.map((r) => r.id);
    },

    /** The assignments of several members at once, for a page of the members list. */
    async listFor(orgId: string, userIds: string[]): Promise<Map<string, string[]>> {
      const result = new Map<string, string[]>(userIds.map((id) => [id, []]));
      if (userIds.length === 0) return result;
      const rows = await db
        .select({ userId: memberAdAccounts.userId, id: memberAdAccounts.adAccountId })
        .from(memberAdAccounts)
        .where(and(eq(memberAdAccounts.orgId, orgId), inArray(memberAdAccounts.userId, userIds)))
        .orderBy(asc(memberAdAccounts.adAccountId));
      for (const row of rows) result.get(row.userId)?.push(row.id);
      return result;
    },

    /** Which of `ids` are ad accounts of this organisation. */
    async existingAccounts(orgId: string, ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: adAccounts.id })
        .from(adAccounts)
        .where(and(eq(adAccounts.orgId, orgId), inArray(adAccounts.id, ids)));
      return new Set(rows.map((r) => r.id));
    },

    /** Replaces the member's assignments with `ids` (already checked to be this organisation's accounts). */
    async replace(orgId: string, userId: string, ids: string[], at: Date): Promise<void> {
      await deleteAll(orgId, userId);
      if (ids.length === 0) return;
      await db.insert(memberAdAccounts).values(ids.map((adAccountId) => ({ orgId, userId, adAccountId, createdAt: at })));
    },
  };
}
