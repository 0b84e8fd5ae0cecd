import { currentValue } from '../../simulator/timeline.ts';
import { nextCreatedId } from '../../simulator/world-ids.ts';
import { addAd, addAdGroup, changeStatus } from '../../simulator/world-mutations.ts';
import { adsError, type AdsError } from './google-errors.ts';
import { bidErrors } from './google-mutate-bidding.ts';
import { STATUS_WORDS } from './google-mutate-campaigns.ts';
import {
  badEnum, idFrom, isRecord, locate, notFound, pick, readMask, required, resourceName, tooLong, type MutateScope, type OperationPlanner, type Planned,
} from './google-mutate.types.ts';

type Path = Array<string | [string, number]>;
const unsupported = (path: Path): Planned => ({ errors: [adsError('mutateError', 'OPERATION_NOT_SUPPORTED', 'The operation must be one of create, update or remove.', { location: locate(path) })] });
const status = (v: unknown): 'ENABLED' | 'PAUSED' => (v === 'PAUSED' ? 'PAUSED' : 'ENABLED');

function statusUpdate(scope: MutateScope, op: Record<string, unknown>, path: Path, target: 'adGroup' | 'ad', id: string | null, collection: string, name: string): Planned {
  const mask = readMask(op, target === 'adGroup' ? ['status', 'name', 'cpc_bid_micros'] : ['status'], path);
  if (!Array.isArray(mask)) return { errors: [mask] };
  const u = isRecord(op.update) ? op.update : {};
  const value = pick(u, 'status');
  if (mask.includes('status') && !STATUS_WORDS.includes(String(value))) return { errors: [badEnum([...path, 'update'], 'status', value)] };
  const newName = pick(u, 'name');
  if (mask.includes('name') && (typeof newName !== 'string' || newName.trim() === '')) return { errors: [required([...path, 'update'], 'name')] };
  if (mask.includes('cpc_bid_micros')) {
    const errors = bidErrors(pick(u, 'cpcBidMicros'), scope.customer.currency, [...path, 'update'], 'cpc_bid_micros');
    if (errors.length > 0) return { errors };
  }
  const current = target === 'adGroup' && id ? scope.world.adGroups.get(id) : target === 'ad' && id ? scope.world.ads.get(id) : undefined;
  if (current && currentValue(current.status) === 'REMOVED') {
    return { errors: [adsError('operationAccessDeniedError', 'OPERATION_NOT_PERMITTED_FOR_REMOVED_RESOURCE', 'Operation is not permitted on a removed resource.', { location: locate(path, 'update') })] };
  }
  return {
    apply: () => {
      const group = target === 'adGroup' && id ? scope.world.adGroups.get(id) : undefined;
      if (group && mask.includes('name')) group.name = String(pick(u, 'name') ?? group.name);
      if (group && mask.includes('cpc_bid_micros')) group.attrs.cpcBidMicros = Number(pick(u, 'cpcBidMicros') ?? 0);
      if (mask.includes('status') && id) changeStatus(scope.world, target, id, status(value), scope.now);
      return name || resourceName(scope, collection, id ?? '');
    },
  };
}

/** `adGroups:mutate` operations. */
export const planAdGroupOperation: OperationPlanner = (op, scope, path) => {
  const { world } = scope;
  if (isRecord(op.create)) {
    const c = op.create;
    const p: Path = [...path, 'create'];
    const errors: AdsError[] = [];
    const name = pick(c, 'name');
    if (typeof name !== 'string' || name.trim() === '') errors.push(required(p, 'name'));
    else if (name.length > 255) errors.push(tooLong(p, 'name', 255, name));
    const campaignId = idFrom(scope, pick(c, 'campaign'), 'campaigns');
    const known = campaignId !== null && (world.campaigns.has(campaignId) || scope.pending.has(resourceName(scope, 'campaigns', campaignId)));
    if (pick(c, 'campaign') === undefined) errors.push(required(p, 'campaign'));
    else if (!known) errors.push(notFound(p, 'campaign', pick(c, 'campaign')));
    const s = pick(c, 'status') ?? 'ENABLED';
    if (!STATUS_WORDS.includes(String(s))) errors.push(badEnum(p, 'status', s));
    if (errors.length > 0 || !campaignId) return { errors };
    const id = nextCreatedId(scope.ctx.sim.seed, world, 'adGroup');
    const rn = resourceName(scope, 'adGroups', id);
    scope.pending.add(rn);
    const temp = pick(c, 'resourceName');
    if (typeof temp === 'string') scope.tempIds.set(temp, rn);
    return {
      apply: () => {
        addAdGroup(world, { id, campaignId, name: String(name), status: status(s), budgetId: null, attrs: { type: String(pick(c, 'type') ?? 'SEARCH_STANDARD'), cpcBidMicros: Number(pick(c, 'cpcBidMicros') ?? 0) } }, scope.now);
        return rn;
      },
    };
  }
  if (isRecord(op.update)) {
    const id = idFrom(scope, pick(op.update, 'resourceName'), 'adGroups');
    const group = id ? world.adGroups.get(id) : undefined;
    if (!group || group.accountId !== scope.customer.id) return { errors: [notFound([...path, 'update'], 'resource_name', pick(op.update, 'resourceName'))] };
    return statusUpdate(scope, op, path, 'adGroup', group.id, 'adGroups', '');
  }
  if (typeof op.remove === 'string') {
    const id = idFrom(scope, op.remove, 'adGroups');
    const group = id ? world.adGroups.get(id) : undefined;
    if (!group || currentValue(group.status) === 'REMOVED') return { errors: [notFound(path, 'remove', op.remove)] };
    return { apply: () => (changeStatus(world, 'adGroup', group.id, 'REMOVED', scope.now), String(op.remove)) };
  }
  return unsupported(path);
};

function rsaErrors(ad: Record<string, unknown>, p: Path): AdsError[] {
  const errors: AdsError[] = [];
  const urls = pick(ad, 'finalUrls');
  if (!Array.isArray(urls) || urls.length === 0) errors.push(required(p, 'final_urls'));
  const rsa = pick(ad, 'responsiveSearchAd');
  if (!isRecord(rsa)) return [...errors, required(p, 'responsive_search_ad')];
  const rp: Path = [...p, 'responsive_search_ad'];
  const texts = (key: string): string[] => {
    const list = pick(rsa, key);
    return Array.isArray(list) ? list.map((x) => (isRecord(x) ? String(x.text ?? '') : String(x))) : [];
  };
  const check = (key: string, field: string, min: number, max: number, maxLength: number): void => {
    const items = texts(key);
    if (items.length < min) errors.push(adsError('collectionSizeError', 'TOO_FEW', `Too few ${field}: at least ${min} required.`, { location: locate(rp, field) }));
    if (items.length > max) errors.push(adsError('collectionSizeError', 'TOO_MANY', `Too many ${field}: at most ${max} allowed.`, { location: locate(rp, field) }));
    items.forEach((t, i) => {
      if (t.trim() === '') errors.push(required([...rp, [field, i]], 'text'));
      else if (t.length > maxLength) errors.push(tooLong([...rp, [field, i]], 'text', maxLength, t));
    });
  };
  check('headlines', 'headlines', 3, 15, 30);
  check('descriptions', 'descriptions', 2, 4, 90);
  const path1 = pick(rsa, 'path1');
  const path2 = pick(rsa, 'path2');
  if (typeof path1 === 'string' && path1.length > 15) errors.push(tooLong(rp, 'path1', 15, path1));
  if (typeof path2 === 'string' && path2.length > 15) errors.push(tooLong(rp, 'path2', 15, path2));
  if (path2 !== undefined && path1 === undefined) errors.push(adsError('adError', 'CANNOT_SET_PATH2_WITHOUT_PATH1', 'path2 can only be set when path1 is set.', { location: locate(rp, 'path2') }));
  return errors;
}

/** `adGroupAds:mutate` operations (responsive search ads). */
export const planAdGroupAdOperation: OperationPlanner = (op, scope, path) => {
  const { world } = scope;
  if (isRecord(op.create)) {
    const c = op.create;
    const p: Path = [...path, 'create'];
    const errors: AdsError[] = [];
    const groupId = idFrom(scope, pick(c, 'adGroup'), 'adGroups');
    const known = groupId !== null && (world.adGroups.has(groupId) || scope.pending.has(resourceName(scope, 'adGroups', groupId)));
    if (pick(c, 'adGroup') === undefined) errors.push(required(p, 'ad_group'));
    else if (!known) errors.push(notFound(p, 'ad_group', pick(c, 'adGroup')));
    const s = pick(c, 'status') ?? 'ENABLED';
    if (!STATUS_WORDS.includes(String(s))) errors.push(badEnum(p, 'status', s));
    const ad = pick(c, 'ad');
    if (!isRecord(ad)) errors.push(required(p, 'ad'));
    else errors.push(...rsaErrors(ad, [...p, 'ad']));
    if (errors.length > 0 || !groupId || !isRecord(ad)) return { errors };
    const id = nextCreatedId(scope.ctx.sim.seed, world, 'ad');
    const rn = resourceName(scope, 'adGroupAds', `${groupId}~${id}`);
    return {
      apply: () => {
        const rsa = pick(ad, 'responsiveSearchAd');
        const list = (key: string): string[] => {
          const items = isRecord(rsa) ? pick(rsa, key) : undefined;
          return Array.isArray(items) ? items.map((x: unknown) => (isRecord(x) ? String(x.text ?? '') : String(x))) : [];
        };
        const urls = pick(ad, 'finalUrls');
        addAd(world, {
          id, adGroupId: groupId, name: String(pick(ad, 'name') ?? `Ad ${id}`), status: status(s),
          attrs: {
            type: 'RESPONSIVE_SEARCH_AD', finalUrls: Array.isArray(urls) ? urls.map(String) : [], headlines: list('headlines'), descriptions: list('descriptions'),
            ...(isRecord(rsa) && typeof rsa.path1 === 'string' ? { path1: rsa.path1 } : {}), ...(isRecord(rsa) && typeof rsa.path2 === 'string' ? { path2: rsa.path2 } : {}),
          },
        }, scope.now);
        return rn;
      },
    };
  }
  const target = isRecord(op.update) ? pick(op.update, 'resourceName') : op.remove;
  const ids = idFrom(scope, target, 'adGroupAds')?.split('~');
  const adRecord = ids?.[1] ? world.ads.get(ids[1]) : undefined;
  if (!adRecord || adRecord.accountId !== scope.customer.id) return { errors: [notFound(path, isRecord(op.update) ? 'update' : 'remove', target)] };
  if (isRecord(op.update)) return statusUpdate(scope, op, path, 'ad', adRecord.id, 'adGroupAds', String(target));
  if (typeof op.remove === 'string') return { apply: () => (changeStatus(world, 'ad', adRecord.id, 'REMOVED', scope.now), String(target)) };
  return unsupported(path);
};
