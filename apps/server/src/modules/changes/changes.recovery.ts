import type { AppContext } from '../../platform/context.ts';
import { announce } from './changes.announce.ts';
import { setMessageIfPending } from './changes.repository.ts';
import { releaseLease } from './changes.targets.ts';

/** What the change history shows while a change whose run was cut short is checked again. */
export const RECOVERING_MESSAGE = 'Being recovered: the server stopped while applying this change. It is checked on the platform again and never sent twice.';

/**
 * The run applying `changeId` died with its worker: free the campaign's change lease it held, so the
 * retry starts at once, and say on the still-pending change that it is being recovered.
 */
export async function recoverChangeRun(ctx: AppContext, orgId: string, changeId: string): Promise<void> {
  const change = await setMessageIfPending(ctx.db, orgId, changeId, RECOVERING_MESSAGE);
  if (!change?.campaignId) return;
  await releaseLease(ctx.db, orgId, change.campaignId);
  await announce(ctx, orgId, [change]);
}
