import type { Attrs } from '../../simulator/world.types.ts';
import { isFailure, type TikTokFailure } from './tiktok-envelope.ts';
import { invalid, missing, oneOf, optionalStringList, optionalText, requiredText, textOr, type TikTokParams } from './tiktok-params.ts';
import { AD_TEXT_MAX, checkText, DISPLAY_NAME, NAME_MAX } from './tiktok-text.ts';
import { AD_FORMATS, CALLS_TO_ACTION, IDENTITY_TYPES } from './tiktok-words.ts';

const at = (i: number, field: string): string => `creatives[${i}].${field}`;
const prefixed = (i: number, failure: TikTokFailure): TikTokFailure => ({ ...failure, message: `creatives[${i}].${failure.message}` });

function checked(i: number, field: string, text: string, bounds: Parameters<typeof checkText>[2]): TikTokFailure | null {
  const problem = checkText(at(i, field), text, bounds);
  return problem;
}

/** One `creatives[i]` of ad/create: required name, identity, format with its media, ad_text 1–100, landing page, display name 2–40. */
export function readCreative(c: TikTokParams, i: number): { name: string; attrs: Attrs } | TikTokFailure {
  const name = requiredText(c, 'ad_name');
  if (isFailure(name)) return prefixed(i, name);
  const identityWord = requiredText(c, 'identity_type');
  if (isFailure(identityWord)) return prefixed(i, identityWord);
  const identity = oneOf(at(i, 'identity_type'), identityWord, IDENTITY_TYPES);
  if (isFailure(identity)) return identity;
  const identityId = requiredText(c, 'identity_id');
  if (isFailure(identityId)) return prefixed(i, identityId);
  const formatWord = requiredText(c, 'ad_format');
  if (isFailure(formatWord)) return prefixed(i, formatWord);
  const format = oneOf(at(i, 'ad_format'), formatWord, AD_FORMATS);
  if (isFailure(format)) return format;
  const video = optionalText(c, 'video_id');
  if (isFailure(video)) return prefixed(i, video);
  const images = optionalStringList(c, 'image_ids');
  if (isFailure(images)) return prefixed(i, images);
  if (format === 'SINGLE_VIDEO' && !video) return missing(at(i, 'video_id'));
  if (format !== 'SINGLE_VIDEO' && (!images || images.length === 0)) return missing(at(i, 'image_ids'));
  const text = requiredText(c, 'ad_text');
  if (isFailure(text)) return prefixed(i, text);
  const cta = textOr(c, 'call_to_action', 'LEARN_MORE');
  if (isFailure(cta)) return prefixed(i, cta);
  const ctaWord = oneOf(at(i, 'call_to_action'), cta, CALLS_TO_ACTION);
  if (isFailure(ctaWord)) return ctaWord;
  const url = requiredText(c, 'landing_page_url');
  if (isFailure(url)) return prefixed(i, url);
  if (!/^https?:\/\/\S+$/.test(url)) return invalid(at(i, 'landing_page_url'), 'Must be a valid http(s) URL.');
  const display = identity === 'CUSTOMIZED_USER' ? requiredText(c, 'display_name') : textOr(c, 'display_name', '');
  if (isFailure(display)) return prefixed(i, display);
  const problem = checked(i, 'ad_name', name, { max: NAME_MAX })
    ?? checked(i, 'ad_text', text, { min: 1, max: AD_TEXT_MAX })
    ?? (display ? checked(i, 'display_name', display, DISPLAY_NAME) : null);
  if (problem) return problem;
  return {
    name,
    attrs: { identity_type: identity, identity_id: identityId, ad_format: format, video_id: video ?? null, image_ids: images ?? [], ad_text: text, call_to_action: ctaWord, landing_page_url: url, display_name: display },
  };
}

/** One `creatives[i]` of ad/update: `ad_id` plus any of ad_name, ad_text, call_to_action, landing_page_url, display_name. */
export function readCreativeChange(c: TikTokParams, i: number): { adId: string; name?: string; attrs: Attrs } | TikTokFailure {
  const adId = requiredText(c, 'ad_id');
  if (isFailure(adId)) return prefixed(i, adId);
  const attrs: Attrs = {};
  let name: string | undefined;
  const bounds: Record<string, Parameters<typeof checkText>[2]> = { ad_name: { max: NAME_MAX }, ad_text: { min: 1, max: AD_TEXT_MAX }, display_name: DISPLAY_NAME };
  for (const field of ['ad_name', 'ad_text', 'display_name', 'landing_page_url', 'call_to_action']) {
    const value = optionalText(c, field);
    if (isFailure(value)) return prefixed(i, value);
    if (value === undefined) continue;
    const limit = bounds[field];
    const problem = limit ? checked(i, field, value, limit) : null;
    if (problem) return problem;
    if (field === 'call_to_action') { const w = oneOf(at(i, field), value, CALLS_TO_ACTION); if (isFailure(w)) return w; }
    if (field === 'landing_page_url' && !/^https?:\/\/\S+$/.test(value)) return invalid(at(i, field), 'Must be a valid http(s) URL.');
    if (field === 'ad_name') name = value;
    else attrs[field] = value;
  }
  return { adId, name, attrs };
}
