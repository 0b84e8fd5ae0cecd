import { nextCreatedId } from '../../simulator/world-ids.ts';
import { addAd, touchCampaign } from '../../simulator/world-mutations.ts';
import type { Account, Attrs } from '../../simulator/world.types.ts';
import { readCreative, readCreativeChange } from './tiktok-creative-input.ts';
import { endpoint, type EndpointInput, type TikTokEndpoint } from './tiktok-endpoint.types.ts';
import { fail, isFailure, ok, TT, type TikTokFailure, type TikTokResult } from './tiktok-envelope.ts';
import { identitiesOf } from './tiktok-identity.endpoints.ts';
import { byNameContains, byValues, listViews } from './tiktok-listing.ts';
import { invalid, missing, optionalList, requiredText, textOr, oneOf, type TikTokParams } from './tiktok-params.ts';
import { editable, isDeleted, updateStatuses } from './tiktok-status.ts';
import { AD_FIELDS, adView } from './tiktok-views.ts';
import { libraryVideosOf } from './tiktok-videos.endpoints.ts';
import type { TikTokLibrary } from './tiktok-library.ts';
import { CREATE_STATUSES, FROM_WORD } from './tiktok-words.ts';

/** TikTok allows at most 20 (non-deleted) ads per ad group. */
const MAX_ADS_PER_ADGROUP = 20;

function creativesOf(params: TikTokParams): TikTokParams[] | ReturnType<typeof invalid> {
  const list = optionalList(params, 'creatives');
  if (isFailure(list)) return list;
  if (!list || list.length === 0) return missing('creatives');
  const out: TikTokParams[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return invalid('creatives', 'Each creative must be an object.');
    out.push({ ...item });
  }
  return out;
}

/** A creative's video and images must be in the advertiser's library, and a custom identity must be one of its own. */
function checkAssets(seed: number, library: TikTokLibrary, account: Account, attrs: Attrs, i: number): TikTokFailure | null {
  const video = attrs.video_id;
  if (typeof video === 'string' && library.videos.get(video)?.advertiserId !== account.id && !libraryVideosOf(seed, account).some((v) => v.video_id === video)) {
    return invalid(`creatives[${i}].video_id`, `Video ${video} does not exist in the asset library of advertiser ${account.id}.`);
  }
  const images = Array.isArray(attrs.image_ids) ? attrs.image_ids : [];
  const unknown = images.find((id) => library.images.get(String(id))?.advertiserId !== account.id);
  if (unknown !== undefined) return invalid(`creatives[${i}].image_ids`, `Image ${String(unknown)} does not exist in the asset library of advertiser ${account.id}.`);
  const identity = attrs.identity_id;
  if (attrs.identity_type === 'CUSTOMIZED_USER' && !identitiesOf(seed, account).some((id) => id.identity_id === identity)) {
    return invalid(`creatives[${i}].identity_id`, `Identity ${String(identity)} is not a custom identity of advertiser ${account.id}.`);
  }
  return null;
}

function create({ ctx, params, account, world, now }: EndpointInput, library: TikTokLibrary): TikTokResult {
  if (!account) return missing('advertiser_id');
  const groupId = requiredText(params, 'adgroup_id');
  if (isFailure(groupId)) return groupId;
  const group = editable(world.adGroups.get(groupId), 'adGroup', groupId, account.id);
  if (isFailure(group)) return group;
  const creatives = creativesOf(params);
  if (isFailure(creatives)) return creatives;
  const statusText = textOr(params, 'operation_status', 'ENABLE');
  if (isFailure(statusText)) return statusText;
  const status = oneOf('operation_status', statusText, CREATE_STATUSES);
  if (isFailure(status)) return status;
  const inputs = [];
  for (const [i, c] of creatives.entries()) {
    const creative = readCreative(c, i);
    if (isFailure(creative)) return creative;
    const problem = checkAssets(ctx.sim.seed, library, account, creative.attrs, i);
    if (problem) return problem;
    inputs.push(creative);
  }
  const live = [...world.ads.values()].filter((a) => a.adGroupId === groupId && !isDeleted(a)).length;
  if (live + inputs.length > MAX_ADS_PER_ADGROUP) return fail(TT.MAX_ADS_REACHED, `An ad group can have at most ${MAX_ADS_PER_ADGROUP} ads; ${groupId} has ${live}.`);
  const ids = inputs.map((creative) => {
    const id = nextCreatedId(ctx.sim.seed, world, 'ad');
    addAd(world, { id, adGroupId: groupId, name: creative.name, status: FROM_WORD[status], attrs: creative.attrs }, now);
    return id;
  });
  return ok({ ad_ids: ids, creatives: ids.flatMap((id) => { const ad = world.ads.get(id); return ad ? [adView(world, ad)] : []; }) });
}

function update({ params, account, world, now }: EndpointInput): TikTokResult {
  if (!account) return missing('advertiser_id');
  const groupId = requiredText(params, 'adgroup_id');
  if (isFailure(groupId)) return groupId;
  const creatives = creativesOf(params);
  if (isFailure(creatives)) return creatives;
  const changes = [];
  for (const [i, c] of creatives.entries()) {
    const change = readCreativeChange(c, i);
    if (isFailure(change)) return change;
    const ad = editable(world.ads.get(change.adId), 'ad', change.adId, account.id);
    if (isFailure(ad)) return ad;
    if (ad.adGroupId !== groupId) return invalid(`creatives[${i}].ad_id`, `Ad ${change.adId} does not belong to ad group ${groupId}.`);
    changes.push({ ad, change });
  }
  for (const { ad, change } of changes) {
    if (change.name !== undefined) ad.name = change.name;
    Object.assign(ad.attrs, change.attrs);
    ad.updatedAt = now;
    touchCampaign(world, ad.campaignId, now);
  }
  return ok({ ad_ids: changes.map((c) => c.ad.id), creatives: changes.map((c) => adView(world, c.ad)) });
}

export function tiktokAdEndpoints(library: TikTokLibrary): TikTokEndpoint[] {
  const rules = {
    campaign_ids: byValues('campaign_id'), adgroup_ids: byValues('adgroup_id'), ad_ids: byValues('ad_id'),
    ad_name: byNameContains('ad_name'), secondary_status: byValues('secondary_status'),
  };
  return [
    endpoint('GET', 'ad/get/', ({ params, account, world }) => {
      const views = [...world.ads.values()].filter((a) => a.accountId === account?.id).map((a) => adView(world, a));
      return listViews(params, views, rules, AD_FIELDS);
    }),
    endpoint('POST', 'ad/create/', (input) => create(input, library)),
    endpoint('POST', 'ad/update/', update),
    endpoint('POST', 'ad/status/update/', (input) => updateStatuses('ad', input)),
  ];
}
