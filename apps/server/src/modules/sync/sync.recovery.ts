import { and, eq } from 'drizzle-orm';
import { adAccounts } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';

/**
 * The sync of `adAccountId` died with its worker: free the account's sync lease so the retry runs
 * now rather than when the 15-minute lease would have run out. Re-running a sync is safe (upserts).
 */
export async function recoverSyncRun(ctx: AppContext, orgId: string, adAccountId: string): Promise<void> {
  await ctx.db.update(adAccounts).set({ syncLeaseUntil: null }).where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.id, adAccountId)));
}
