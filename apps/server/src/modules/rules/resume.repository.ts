import { and, eq, gte, inArray, isNull, ne } from 'drizzle-orm';
import { campaignChanges, type Db } from '@adloop/db';

/** A change that still counts: waiting, on its way, or done. */
const LIVE_STATES = ['pending', 'applied', 'proposed'] as const;

/**
 * Whether anything asked to change the object's status since `pause` (the rule's own pause left
 * out): a status change of the same object, pending, proposed or applied. One indexed read
 * (organisation, campaign, time) that stops at the first such change.
 */
export async function statusChangedSince(db: Db, orgId: string, pause: { id: string; campaignId: string; entityId: string | null; createdAt: Date }): Promise<boolean> {
  const rows = await db
    .select({ id: campaignChanges.id })
    .from(campaignChanges)
    .where(
      and(
        eq(campaignChanges.orgId, orgId),
        eq(campaignChanges.campaignId, pause.campaignId),
        gte(campaignChanges.createdAt, pause.createdAt),
        ne(campaignChanges.id, pause.id),
        eq(campaignChanges.field, 'status'),
        inArray(campaignChanges.state, [...LIVE_STATES]),
        // The same object: the ad group or ad itself, or the campaign's own changes (no entity).
        pause.entityId === null ? isNull(campaignChanges.entityId) : eq(campaignChanges.entityId, pause.entityId),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
