import { touchCampaign } from '../../simulator/world-mutations.ts';
import type { JsonValue } from '../../simulator/world.types.ts';
import { adsError, type AdsError } from './google-errors.ts';
import { badEnum, idFrom, isRecord, locate, notFound, pick, required, resourceName, type MutateScope, type OperationPlanner, type Planned } from './google-mutate.types.ts';

type Path = Array<string | [string, number]>;

/** AgeRangeType → its criterion id (Google's fixed demographic criteria). */
const AGE_RANGE_IDS: Record<string, string> = {
  AGE_RANGE_18_24: '503001', AGE_RANGE_25_34: '503002', AGE_RANGE_35_44: '503003', AGE_RANGE_45_54: '503004',
  AGE_RANGE_55_64: '503005', AGE_RANGE_65_UP: '503006', AGE_RANGE_UNDETERMINED: '503999',
};
/** Criterion kinds Google has that the sandbox does not store. */
const OTHER_CRITERIA = ['language', 'proximity', 'device', 'adSchedule', 'gender', 'userList', 'placement', 'topic', 'webpage'];

const unsupported = (path: Path, message: string): Planned => ({ errors: [adsError('mutateError', 'OPERATION_NOT_SUPPORTED', message, { location: locate(path) })] });

/** Criteria are kept on the campaign / ad group as `attrs.criteria`: `{criterionId: {type, negative, …}}`. */
function criteriaOf(attrs: Record<string, JsonValue>): Record<string, JsonValue> {
  const current = attrs.criteria;
  if (isRecord(current)) return current as Record<string, JsonValue>;
  const fresh: Record<string, JsonValue> = {};
  attrs.criteria = fresh;
  return fresh;
}

function otherCriterion(c: Record<string, unknown>, p: Path): AdsError | null {
  const other = OTHER_CRITERIA.find((k) => pick(c, k) !== undefined);
  return other ? adsError('criterionError', 'CANNOT_ADD_CRITERIA_TYPE', `The sandbox stores location, age-range and keyword criteria only, not ${other}.`, { location: locate(p, other) }) : null;
}

function removal(scope: MutateScope, value: unknown, collection: 'campaignCriteria' | 'adGroupCriteria', path: Path): Planned {
  const [ownerId, criterionId] = idFrom(scope, value, collection)?.split('~') ?? [];
  const owner = collection === 'campaignCriteria' ? scope.world.campaigns.get(ownerId ?? '') : scope.world.adGroups.get(ownerId ?? '');
  const stored = owner && owner.accountId === scope.customer.id ? owner.attrs.criteria : undefined;
  const criteria = isRecord(stored) ? (stored as Record<string, JsonValue>) : undefined;
  if (!owner || !criteria || !criterionId || criteria[criterionId] === undefined) return { errors: [notFound(path, 'remove', value)] };
  return {
    apply: () => {
      delete criteria[criterionId];
      touchCampaign(scope.world, 'campaignId' in owner ? owner.campaignId : owner.id, scope.now);
      return String(value);
    },
  };
}

/** `campaignCriteria:mutate`: create (location targeting, `geoTargetConstants/{id}`) and remove. */
export const planCampaignCriterionOperation: OperationPlanner = (op, scope, path) => {
  const { world } = scope;
  if (typeof op.remove === 'string') return removal(scope, op.remove, 'campaignCriteria', path);
  if (!isRecord(op.create)) return unsupported(path, 'The sandbox supports create and remove for campaign criteria.');
  const c = op.create;
  const p: Path = [...path, 'create'];
  const errors: AdsError[] = [];
  const campaignId = idFrom(scope, pick(c, 'campaign'), 'campaigns');
  const known = campaignId !== null && (world.campaigns.has(campaignId) || scope.pending.has(resourceName(scope, 'campaigns', campaignId)));
  if (pick(c, 'campaign') === undefined) errors.push(required(p, 'campaign'));
  else if (!known) errors.push(notFound(p, 'campaign', pick(c, 'campaign')));
  const other = otherCriterion(c, p);
  if (other) errors.push(other);
  const location = pick(c, 'location');
  const constant = isRecord(location) ? pick(location, 'geoTargetConstant') : undefined;
  const geoId = typeof constant === 'string' ? /^geoTargetConstants\/(\d+)$/.exec(constant)?.[1] : undefined;
  if (!other && location === undefined) errors.push(required(p, 'location'));
  else if (location !== undefined && !geoId) errors.push(adsError('criterionError', 'INVALID_GEO_TARGET_CONSTANT', 'The geo target constant is invalid.', { trigger: { stringValue: String(constant) }, location: locate(p, 'location', 'geo_target_constant') }));
  if (errors.length > 0 || !campaignId || !geoId) return { errors };
  const negative = pick(c, 'negative') === true;
  return {
    apply: () => {
      const campaign = world.campaigns.get(campaignId);
      if (campaign) {
        criteriaOf(campaign.attrs)[geoId] = { type: 'LOCATION', geoTargetConstant: `geoTargetConstants/${geoId}`, negative };
        touchCampaign(world, campaign.id, scope.now);
      }
      return resourceName(scope, 'campaignCriteria', `${campaignId}~${geoId}`);
    },
  };
};

const MATCH_TYPES = ['EXACT', 'PHRASE', 'BROAD'];

/**
 * A keyword criterion's checks as Google makes them (KeywordInfo: text ≤ 80 characters and ≤ 10
 * words, no characters Google refuses, match type EXACT, PHRASE or BROAD). Its criterion id is
 * derived from text and match type, so the same keyword added twice is one criterion.
 */
function plannedKeyword(keyword: unknown, p: Path): { errors: AdsError[] } | { criterionId: string; criterion: Record<string, JsonValue> } {
  const at = (field: string) => locate(p, 'keyword', field);
  const text = isRecord(keyword) ? pick(keyword, 'text') : undefined;
  const matchType = isRecord(keyword) ? pick(keyword, 'matchType') : undefined;
  const errors: AdsError[] = [];
  if (typeof text !== 'string' || text.trim() === '') errors.push(adsError('criterionError', 'KEYWORD_TEXT_IS_EMPTY', 'The keyword text is empty.', { location: at('text') }));
  else if (text.length > 80) errors.push(adsError('criterionError', 'KEYWORD_TEXT_TOO_LONG', 'Keyword text is too long.', { trigger: { stringValue: text }, location: at('text') }));
  else if (text.trim().split(/\s+/).length > 10) errors.push(adsError('criterionError', 'KEYWORD_HAS_TOO_MANY_WORDS', 'Keyword has too many words.', { trigger: { stringValue: text }, location: at('text') }));
  else if (/[!@%,*^=;`~<>?\\|{}]/.test(text)) errors.push(adsError('criterionError', 'KEYWORD_HAS_INVALID_CHARS', 'Keyword has invalid characters.', { trigger: { stringValue: text }, location: at('text') }));
  if (matchType === undefined) errors.push(required([...p, 'keyword'], 'match_type'));
  else if (typeof matchType !== 'string' || !MATCH_TYPES.includes(matchType)) errors.push(badEnum([...p, 'keyword'], 'match_type', matchType));
  if (errors.length > 0 || typeof text !== 'string' || typeof matchType !== 'string') return { errors };
  let hash = 2166136261;
  for (const ch of `${matchType}:${text.trim().toLowerCase()}`) hash = Math.imul(hash ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return { criterionId: String(10_000_000_000 + hash), criterion: { type: 'KEYWORD', keyword: { text: text.trim(), matchType } } };
}

/** `adGroupCriteria:mutate`: create (age ranges, usually `negative` to narrow the default all-ages reach; keywords with their match type) and remove. */
export const planAdGroupCriterionOperation: OperationPlanner = (op, scope, path) => {
  const { world } = scope;
  if (typeof op.remove === 'string') return removal(scope, op.remove, 'adGroupCriteria', path);
  if (!isRecord(op.create)) return unsupported(path, 'The sandbox supports create and remove for ad group criteria.');
  const c = op.create;
  const p: Path = [...path, 'create'];
  const errors: AdsError[] = [];
  const groupId = idFrom(scope, pick(c, 'adGroup'), 'adGroups');
  const known = groupId !== null && (world.adGroups.has(groupId) || scope.pending.has(resourceName(scope, 'adGroups', groupId)));
  if (pick(c, 'adGroup') === undefined) errors.push(required(p, 'ad_group'));
  else if (!known) errors.push(notFound(p, 'ad_group', pick(c, 'adGroup')));
  const other = otherCriterion(c, p);
  if (other) errors.push(other);
  const keyword = pick(c, 'keyword');
  if (keyword !== undefined) {
    const planned = plannedKeyword(keyword, p);
    if ('errors' in planned) errors.push(...planned.errors);
    if (errors.length > 0 || !groupId || !('criterion' in planned)) return { errors };
    const negative = pick(c, 'negative') === true;
    return {
      apply: () => {
        const group = world.adGroups.get(groupId);
        if (group) {
          criteriaOf(group.attrs)[planned.criterionId] = { ...planned.criterion, negative, status: String(pick(c, 'status') ?? 'ENABLED') };
          touchCampaign(world, group.campaignId, scope.now);
        }
        return resourceName(scope, 'adGroupCriteria', `${groupId}~${planned.criterionId}`);
      },
    };
  }
  const range = pick(c, 'ageRange');
  const type = isRecord(range) ? pick(range, 'type') : undefined;
  const criterionId = typeof type === 'string' ? AGE_RANGE_IDS[type] : undefined;
  if (!other && range === undefined) errors.push(required(p, 'age_range'));
  else if (range !== undefined && !criterionId) errors.push(badEnum([...p, 'age_range'], 'type', type));
  if (errors.length > 0 || !groupId || !criterionId) return { errors };
  const negative = pick(c, 'negative') === true;
  return {
    apply: () => {
      const group = world.adGroups.get(groupId);
      if (group) {
        criteriaOf(group.attrs)[criterionId] = { type: 'AGE_RANGE', ageRange: String(type), negative };
        touchCampaign(world, group.campaignId, scope.now);
      }
      return resourceName(scope, 'adGroupCriteria', `${groupId}~${criterionId}`);
    },
  };
};
