import type { AppContext } from '../../platform/context.ts';
import { publish } from '../../platform/live/publish.ts';
import type { ChangeRow } from './changes.repository.ts';

/** Tells the organisation's open event streams about changes whose state moved (after the commit). */
export async function announce(ctx: Pick<AppContext, 'live'>, orgId: string, rows: readonly Pick<ChangeRow, 'id' | 'campaignId' | 'state'>[]): Promise<void> {
  for (const row of rows) if (row.campaignId) await publish(ctx, orgId, { type: 'change', changeId: row.id, campaignId: row.campaignId, status: row.state });
}
