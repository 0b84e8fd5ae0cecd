import type { Db } from '@adloop/db';
import type { Campaign as PlatformCampaign } from '@adloop/platforms';
import { fieldApply, WATCHED_FIELDS } from './apply/index.ts';
import { insertChanges, ownValuesOf, type NewChangeRow } from './changes.repository.ts';
import type { CampaignRow } from './changes.targets.ts';

const actionOf = (field: (typeof WATCHED_FIELDS)[number], now: string | null) =>
  field === 'status' ? (now === 'paused' ? 'pause' : now === 'active' ? 'enable' : `set_${now}`) : `set_${field}`;

/**
 * Called by the structure sync before it overwrites the mirror: a status or budget that differs
 * from the mirror, with no Adloop change pending or applied for that value, was changed outside Adloop.
 */
export async function recordOutsideChanges(db: Db, orgId: string, before: CampaignRow[], incoming: PlatformCampaign[], at: Date): Promise<number> {
  const byPlatformId = new Map(incoming.map((c) => [c.platformId, c]));
  const candidates: NewChangeRow[] = [];
  for (const old of before) {
    const next = byPlatformId.get(old.platformId);
    if (!next) continue;
    for (const field of WATCHED_FIELDS) {
      const apply = fieldApply(field);
      if (!apply) continue;
      const was = apply.mirrorValue(old);
      const now = apply.platformValue(next);
      if (was === now) continue;
      candidates.push({
        orgId,
        adAccountId: old.adAccountId,
        campaignId: old.id,
        action: actionOf(field, now),
        field,
        before: was,
        after: now,
        currency: old.currency,
        state: 'applied',
        origin: 'outside',
        actorType: 'platform',
        actorLabel: 'On the platform',
        createdAt: at,
        appliedAt: at,
      });
    }
  }
  if (candidates.length === 0) return 0;
  const own = await ownValuesOf(db, orgId, [...new Set(candidates.flatMap((c) => (c.campaignId ? [c.campaignId] : [])))]);
  // A value Adloop itself set (or is setting) is not an outside change.
  const isOurs = (c: NewChangeRow) => own.some((p) => p.campaignId === c.campaignId && p.field === c.field && p.after === c.after);
  const outside = candidates.filter((c) => !isOurs(c));
  await insertChanges(db, orgId, outside);
  return outside.length;
}
