import { and, eq } from 'drizzle-orm';
import { campaigns, type Db } from '@adloop/db';
import type { LiveEvent } from '@adloop/contracts';
import { canSeeAccount, type OrgAccess } from '../auth/auth.guard.ts';

/**
 * Decides which events a stream's reader may hear: everything for those who see every account;
 * for a member, the syncs and campaign changes of their assigned accounts only. A campaign's
 * account is read once per stream (campaigns never move between accounts).
 */
export function liveEventFilter(db: Db, access: OrgAccess): (event: LiveEvent) => Promise<boolean> {
  const accountOf = new Map<string, string | null>();
  return async (event) => {
    if (access.accountIds === null) return true;
    if (event.type === 'sync') return canSeeAccount(access, event.adAccountId);
    if (event.type !== 'change') return true;
    if (!accountOf.has(event.campaignId)) {
      const [row] = await db
        .select({ adAccountId: campaigns.adAccountId })
        .from(campaigns)
        .where(and(eq(campaigns.orgId, access.orgId), eq(campaigns.id, event.campaignId)));
      accountOf.set(event.campaignId, row?.adAccountId ?? null);
    }
    const accountId = accountOf.get(event.campaignId);
    return typeof accountId === 'string' && canSeeAccount(access, accountId);
  };
}
