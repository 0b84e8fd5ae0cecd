import type { AppContext } from '../../platform/context.ts';
import { publish, publishMany } from '../../platform/live/publish.ts';
import type { ChangeRow } from './changes.repository.ts';

/** Tells the organisation's open event streams about changes whose state moved (after the commit). */
export async function announce(ctx: Pick<AppContext, 'live'>, orgId: string, rows: readonly Pick<ChangeRow, 'id' | 'campaignId' | 'state'>[]): Promise<void> {
  const events = rows.flatMap((row) => (row.campaignId ? [{ type: 'change' as const, changeId: row.id, campaignId: row.campaignId, status: row.state }] : []));
  if (events.length === 1) await publish(ctx, orgId, events[0]!);
  else await publishMany(ctx, orgId, events);
}
