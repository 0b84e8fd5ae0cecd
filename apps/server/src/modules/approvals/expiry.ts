import type { AppContext } from '../../platform/context.ts';
import { publish } from '../../platform/live/publish.ts';
import { announce } from '../changes/changes.announce.ts';
import { expireProposals, orgsWithExpiredProposals } from '../changes/changes.repository.ts';

/** The expiry job: every proposal past its `expires_at` becomes `expired`, organisation by organisation. */
export async function expireDueProposals(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let expired = 0;
  for (const orgId of await orgsWithExpiredProposals(ctx.db, now)) {
    const rows = await expireProposals(ctx.db, orgId, now);
    expired += rows.length;
    await announce(ctx, orgId, rows);
    if (rows.length > 0) await publish(ctx, orgId, { type: 'proposal' });
  }
  return expired;
}
