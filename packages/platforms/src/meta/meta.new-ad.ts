import { validateNewAd } from '../create-ad.ts';
import { withSpecField } from '../create-campaign.ts';
import { PlatformError, type AccountRef, type NewAdSpec, type TokenSet } from '../types.ts';
import { pageFor } from './meta.assets.ts';
import { actPath, metaCall, metaPage, text, type GraphRow, type MetaConfig } from './meta.http.ts';

/** The new ad's field a refused creative or ad points at, from the parameter Graph blames or its message. */
function newAdField(step: 'creative' | 'ad', param: string | undefined, message: string): string | undefined {
  const about = `${param ?? ''} ${message}`;
  if (step === 'ad') return /adset_id/.test(about) ? 'adGroupId' : /\bname\b/.test(about) ? 'ad.name' : 'ad';
  if (/page_id/.test(about)) return 'ad.assets.pageId';
  if (/image_hash/.test(about)) return 'ad.assets.imageHash';
  if (/call_to_action/.test(about)) return 'ad.callToAction';
  if (/\blink\b|link_urls|url/i.test(about)) return 'ad.finalUrl';
  if (/bodies|message/.test(about)) return 'ad.primaryTexts';
  if (/titles|\bname\b/.test(about)) return 'ad.headlines';
  if (/description/.test(about)) return 'ad.descriptions';
  return 'ad';
}

/**
 * The creative of a new link ad. One text per field: `object_story_spec.link_data` (primary text =
 * `message`, headline = `name`, `description`). Several in a field: Meta's text options, the Page in
 * `object_story_spec` and every text in `asset_feed_spec` (bodies, titles, descriptions, the link and
 * the call to action), which Meta combines per placement.
 */
export function metaCreativeParams(pageId: string, ad: NewAdSpec): Record<string, unknown> {
  const cta = ad.callToAction ? { call_to_action: { type: ad.callToAction, value: { link: ad.finalUrl } } } : {};
  const image = ad.assets?.imageHash ? { image_hash: ad.assets.imageHash } : {};
  const several = ad.primaryTexts.length > 1 || ad.headlines.length > 1 || ad.descriptions.length > 1;
  if (!several) {
    const [message, name] = [ad.primaryTexts[0] ?? '', ad.headlines[0] ?? ''];
    const description = ad.descriptions[0];
    return { object_story_spec: { page_id: pageId, link_data: { link: ad.finalUrl, message, name, ...(description ? { description } : {}), ...image, ...cta } } };
  }
  const texts = (list: readonly string[]) => list.map((t) => ({ text: t }));
  return {
    object_story_spec: { page_id: pageId },
    asset_feed_spec: {
      bodies: texts(ad.primaryTexts),
      titles: texts(ad.headlines),
      ...(ad.descriptions.length > 0 ? { descriptions: texts(ad.descriptions) } : {}),
      link_urls: [{ website_url: ad.finalUrl }],
      ...(ad.assets?.imageHash ? { images: [{ hash: ad.assets.imageHash }] } : {}),
      ...(ad.callToAction ? { call_to_action_types: [ad.callToAction] } : {}),
      ad_formats: ['SINGLE_IMAGE'],
      optimization_type: 'DEGREES_OF_FREEDOM',
    },
  };
}

/** The Page the ad set's ads already run as (its first ads' creatives), so a new ad runs as the same one; undefined when none says. */
async function pageOfAdSet(config: MetaConfig, tokens: TokenSet, adSetId: string): Promise<string | undefined> {
  // Without an effective_status filter Graph hides ads under a paused campaign or ad set.
  const effective = ['ACTIVE', 'PAUSED', 'CAMPAIGN_PAUSED', 'ADSET_PAUSED', 'IN_PROCESS', 'WITH_ISSUES', 'PENDING_REVIEW', 'DISAPPROVED', 'PREAPPROVED'];
  const { rows } = await metaPage(config, `${adSetId}/ads`, tokens.accessToken, { fields: 'creative', effective_status: effective, limit: 3 }, null);
  for (const row of rows) {
    const creative = row.creative;
    const creativeId = creative && typeof creative === 'object' ? text(creative as GraphRow, 'id') : '';
    if (!creativeId) continue;
    const spec = ((await metaCall(config, creativeId, { params: { fields: 'object_story_spec' }, accessToken: tokens.accessToken })) as GraphRow).object_story_spec;
    const pageId = spec && typeof spec === 'object' ? text(spec as GraphRow, 'page_id') : '';
    if (pageId) return pageId;
  }
  return undefined;
}

/**
 * A new ad in an existing ad set: `POST act_{id}/adcreatives` (the link creative on the Page of `pageOfAdSet`),
 * then `POST act_{id}/ads` with it. Graph has no transaction: when the ad is refused, the creative made
 * for it is deleted again before the refusal is thrown. Answers the new ad's id.
 */
export async function createMetaAd(config: MetaConfig, tokens: TokenSet, account: AccountRef, adSetId: string, ad: NewAdSpec): Promise<string> {
  validateNewAd('meta', ad);
  if (!/^\d+$/.test(adSetId)) throw new PlatformError('invalid_request', 'Meta object ids are numeric', { platform: 'meta', field: 'adGroupId' });
  // The Page named, else the one the ad set's ads run as, else the account's only one.
  const pageId = await pageFor(config, tokens, account, ad.assets?.pageId ?? (await pageOfAdSet(config, tokens, adSetId)));
  const act = actPath(account.platformAccountId);
  const post = async (step: 'creative' | 'ad', edge: string, params: Record<string, unknown>): Promise<string> => {
    try {
      const body = (await metaCall(config, `${act}/${edge}`, { method: 'POST', params: params as NonNullable<Parameters<typeof metaCall>[2]>['params'], accessToken: tokens.accessToken })) as GraphRow;
      const id = text(body, 'id');
      if (!id) throw new PlatformError('transient', `Meta did not return the id of the new ${step}`, { platform: 'meta' });
      return id;
    } catch (error) {
      throw withSpecField(error, (param, message) => newAdField(step, param, message));
    }
  };
  const creativeId = await post('creative', 'adcreatives', { name: `${ad.name} creative`, ...metaCreativeParams(pageId, ad) });
  try {
    return await post('ad', 'ads', { name: ad.name, adset_id: adSetId, creative: { creative_id: creativeId }, status: ad.status === 'active' ? 'ACTIVE' : 'PAUSED' });
  } catch (error) {
    await metaCall(config, creativeId, { method: 'DELETE', accessToken: tokens.accessToken }).catch(() => undefined);
    throw error;
  }
}
