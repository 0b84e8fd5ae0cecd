import { currentValue } from '../../simulator/timeline.ts';
import { changeStatus } from '../../simulator/world-mutations.ts';
import type { Ad, AdGroup, Campaign, PlatformWorld } from '../../simulator/world.types.ts';
import type { EndpointInput } from './tiktok-endpoint.types.ts';
import { fail, isFailure, ok, TT, type TikTokFailure, type TikTokResult } from './tiktok-envelope.ts';
import { checkIdCount } from './tiktok-paging.ts';
import { invalid, missing, oneOf, optionalStringList, requiredText } from './tiktok-params.ts';
import { FROM_WORD, OPERATION_STATUSES } from './tiktok-words.ts';

export type ObjectKind = 'campaign' | 'adGroup' | 'ad';
export const ID_FIELD: Record<ObjectKind, string> = { campaign: 'campaign_id', adGroup: 'adgroup_id', ad: 'ad_id' };
const LABEL: Record<ObjectKind, string> = { campaign: 'Campaign', adGroup: 'Ad group', ad: 'Ad' };

export function objectOf(world: PlatformWorld, kind: ObjectKind, id: string): Campaign | AdGroup | Ad | undefined {
  return kind === 'campaign' ? world.campaigns.get(id) : kind === 'adGroup' ? world.adGroups.get(id) : world.ads.get(id);
}

export const isDeleted = (o: Campaign | AdGroup | Ad): boolean => currentValue(o.status) === 'REMOVED';

/** An object of the advertiser that may still be edited: 40007 when unknown, 40002 once deleted (DELETE is terminal). */
export function editable<T extends Campaign | AdGroup | Ad>(found: T | undefined, kind: ObjectKind, id: string, advertiserId: string): T | TikTokFailure {
  if (!found || found.accountId !== advertiserId) return fail(TT.NOT_EXIST, `${LABEL[kind]} ${id} does not exist under advertiser ${advertiserId}.`);
  if (isDeleted(found)) return invalid(ID_FIELD[kind], `${LABEL[kind]} ${id} has been deleted and can no longer be modified.`);
  return found;
}

/** campaign|adgroup|ad/status/update/: 1–20 ids, ENABLE | DISABLE | DELETE, all-or-nothing. */
export function updateStatuses(kind: ObjectKind, { params, account, world, now }: EndpointInput): TikTokResult {
  const idsField = `${ID_FIELD[kind]}s`;
  const ids = optionalStringList(params, idsField);
  if (isFailure(ids)) return ids;
  if (!ids) return missing(idsField);
  const tooMany = checkIdCount(idsField, ids, 20);
  if (tooMany) return tooMany;
  const word = requiredText(params, 'operation_status');
  if (isFailure(word)) return word;
  const status = oneOf('operation_status', word, OPERATION_STATUSES);
  if (isFailure(status)) return status;
  if (!account) return missing('advertiser_id');
  for (const id of ids) {
    const found = editable(objectOf(world, kind, id), kind, id, account.id);
    if (isFailure(found)) return found;
  }
  for (const id of ids) changeStatus(world, kind, id, FROM_WORD[status], now);
  return ok({ [idsField]: ids, status });
}
