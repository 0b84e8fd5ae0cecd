import { and, eq } from 'drizzle-orm';
import { campaignChanges, campaigns } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { publish } from '../../platform/live/publish.ts';

/** What the change history shows while a change whose run was cut short is checked again. */
export const RECOVERING_MESSAGE = 'Being recovered: the server stopped while applying this change. It is checked on the platform again and never sent twice.';

/**
 * The run applying `changeId` died with its worker: free the campaign's change lease it held, so the
 * retry starts at once, and say on the still-pending change that it is being recovered.
 */
export async function recoverChangeRun(ctx: AppContext, orgId: string, changeId: string): Promise<void> {
  const [change] = await ctx.db
    .update(campaignChanges)
    .set({ message: RECOVERING_MESSAGE })
    .where(and(eq(campaignChanges.orgId, orgId), eq(campaignChanges.id, changeId), eq(campaignChanges.state, 'pending')))
    .returning({ campaignId: campaignChanges.campaignId });
  if (!change?.campaignId) return;
  await ctx.db.update(campaigns).set({ changeLeaseUntil: null }).where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, change.campaignId)));
  await publish(ctx, orgId, { type: 'change', changeId, campaignId: change.campaignId, status: 'pending' });
}
