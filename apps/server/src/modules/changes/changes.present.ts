import type { CampaignChange } from '@adloop/contracts';
import type { Db } from '@adloop/db';
import { fieldApply } from './apply/index.ts';
import { newAdPayloadOf } from './apply/create-ad.ts';
import type { ChangeRow } from './changes.repository.ts';
import { findAccounts, findEntityNames, findTargets, type ChangeTarget } from './changes.targets.ts';

/** An ended campaign (archived, removed): no platform brings one back today (`capabilities.campaignEnd`), and the undo says so. */
const isEnd = (row: ChangeRow): boolean => row.field === 'status' && (row.after === 'archived' || row.after === 'removed');

/** A created ad is undone by pausing it, once it exists and while it was not paused by its undo already. */
const isCreatedAd = (row: ChangeRow): boolean => row.field === 'ad' && newAdPayloadOf(row)?.createdAd !== undefined && row.current !== 'paused';

export const isUndoable = (row: ChangeRow): boolean =>
  row.state === 'applied' && row.undoneBy === null && row.origin !== 'outside' && ((row.before !== null && fieldApply(row.field) !== undefined && !isEnd(row)) || isCreatedAd(row));

/**
 * A proposal is stale when its object's value (the mirror's, kept fresh by sync and applies) moved away
 * from the `before` it was proposed against; approving it would only end in a conflict.
 */
export function staleness(row: ChangeRow, target: ChangeTarget | undefined): { current: string | null } | null {
  if (row.state !== 'proposed' || !target || row.entityLevel !== 'campaign') return null;
  const apply = fieldApply(row.field);
  if (!apply) return null;
  const current = apply.mirrorValue(target.campaign);
  return current === row.before ? null : { current };
}

const payloadName = (row: ChangeRow): string => {
  const name = row.payload?.['name'];
  return typeof name === 'string' ? name : '';
};

function present(row: ChangeRow, target: ChangeTarget | undefined, platform: CampaignChange['platform'], entityName: string | undefined): CampaignChange {
  const campaignName = target?.campaign.name ?? payloadName(row);
  return {
    id: row.id,
    campaignId: row.campaignId,
    campaignName,
    entityName: entityName ?? campaignName,
    adAccountId: row.adAccountId,
    platform,
    entityLevel: row.entityLevel,
    entityId: row.entityId,
    action: row.action,
    field: row.field,
    before: row.before,
    after: row.after,
    currency: row.currency,
    state: row.state,
    current: row.current,
    message: row.message,
    origin: row.origin,
    undoOf: row.undoOf,
    undoneBy: row.undoneBy,
    canUndo: isUndoable(row),
    actorType: row.actorType,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    reason: row.reason,
    evidence: row.evidence ?? null,
    payload: row.payload ?? null,
    stakeMicrosPerDay: row.stakeMicrosPerDay,
    guardrails: row.guardrails ?? [],
    expiresAt: row.expiresAt?.toISOString() ?? null,
    decidedBy: row.decidedByType ? { type: row.decidedByType, id: row.decidedById, label: row.decidedByLabel ?? '' } : null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
    proposedAfter: row.proposedAfter,
    stale: staleness(row, target),
    createdAt: row.createdAt.toISOString(),
    appliedAt: row.appliedAt?.toISOString() ?? null,
  };
}

/** Change rows as the API shows them, with their campaign's (and ad group's / ad's) name and platform read in one query each. */
export async function presentMany(db: Db, orgId: string, rows: readonly ChangeRow[]): Promise<CampaignChange[]> {
  const targets = await findTargets(db, orgId, rows.flatMap((r) => (r.campaignId ? [r.campaignId] : [])));
  const accounts = await findAccounts(db, orgId, rows.flatMap((r) => (!r.campaignId && r.adAccountId ? [r.adAccountId] : [])));
  const idsAt = (level: ChangeRow['entityLevel']) => rows.flatMap((r) => (r.entityLevel === level && r.entityId ? [r.entityId] : []));
  const entityNames = await findEntityNames(db, orgId, idsAt('ad_group'), idsAt('ad'));
  return rows.map((row) => {
    const target = row.campaignId ? targets.get(row.campaignId) : undefined;
    const platform = target?.account.platform ?? (row.adAccountId ? accounts.get(row.adAccountId)?.platform : undefined) ?? 'google_ads';
    return present(row, target, platform, row.entityId ? entityNames.get(row.entityId) : undefined);
  });
}
