import { z } from 'zod';
import { validateNewAd } from '../create-ad.ts';
import { withSpecField } from '../create-campaign.ts';
import { PlatformError, type AccountRef, type NewAdSpec, type TokenSet } from '../types.ts';
import { tiktokIdentity } from './tiktok.campaigns.ts';
import { tiktokCall, type TikTokConfig } from './tiktok.http.ts';

const AdRows = z.object({
  list: z.array(z.object({
    ad_id: z.coerce.string(),
    operation_status: z.string().optional(),
    video_id: z.string().nullish(),
    identity_id: z.string().nullish(),
    identity_type: z.string().nullish(),
    display_name: z.string().nullish(),
    create_time: z.string().nullish(),
  }).passthrough()),
});

/** The new ad's field a refused ad/create points at, from the parameter TikTok's message names. */
function newAdField(message: string): string {
  const rules: Array<[RegExp, string]> = [
    [/ad_text/, 'ad.primaryTexts.0'], [/landing_page_url/, 'ad.finalUrl'], [/call_to_action/, 'ad.callToAction'], [/video_id/, 'ad.assets.videoId'],
    [/image_ids/, 'ad.assets.imageHash'], [/identity|display_name/, 'ad.assets.identityId'], [/ad_name/, 'ad.name'], [/adgroup/, 'adGroupId'],
  ];
  return rules.find(([pattern]) => pattern.test(message))?.[1] ?? 'ad';
}

/** The video and identity a new ad in the ad group runs with: the ones named, else its newest ad's (the new text on the same video). */
async function mediaFor(config: TikTokConfig, tokens: TokenSet, account: AccountRef, adGroupId: string, ad: NewAdSpec) {
  const named = ad.assets?.videoId;
  let source: z.infer<typeof AdRows>['list'][number] | undefined;
  if (!named || !ad.assets?.identityId) {
    const rows = AdRows.parse(await tiktokCall(config, 'ad/get/', {
      params: { advertiser_id: account.platformAccountId, filtering: { adgroup_ids: [adGroupId], primary_status: 'STATUS_ALL' }, page_size: 100 },
      accessToken: tokens.accessToken,
    })).list;
    source = rows.filter((r) => r.operation_status !== 'DELETE' && r.video_id).sort((a, b) => (b.create_time ?? '').localeCompare(a.create_time ?? ''))[0];
  }
  const videoId = named ?? source?.video_id ?? '';
  if (!videoId) throw new PlatformError('invalid_request', 'This ad group has no ad whose video the new ad could run on; choose a video from the ad account library.', { platform: 'tiktok', field: 'ad.assets.videoId' });
  const identity = !ad.assets?.identityId && source?.identity_id && source.identity_type
    ? { identity_id: source.identity_id, identity_type: source.identity_type, display_name: source.display_name ?? '' }
    : await tiktokIdentity(config, tokens, account, ad.assets?.identityId);
  return { videoId, identity };
}

/**
 * A new ad in an existing ad group: `ad/create/` with one creative (the ad text, call to action and
 * landing page on the video and identity of `mediaFor`). Answers the new ad's id.
 */
export async function createTikTokAd(config: TikTokConfig, tokens: TokenSet, account: AccountRef, adGroupId: string, ad: NewAdSpec): Promise<string> {
  validateNewAd('tiktok', ad);
  const { videoId, identity } = await mediaFor(config, tokens, account, adGroupId, ad);
  let body: unknown;
  try {
    body = await tiktokCall(config, 'ad/create/', {
      method: 'POST',
      params: {
        advertiser_id: account.platformAccountId,
        adgroup_id: adGroupId,
        operation_status: ad.status === 'active' ? 'ENABLE' : 'DISABLE',
        creatives: [{
          ad_name: ad.name,
          identity_type: identity.identity_type,
          identity_id: identity.identity_id,
          display_name: identity.display_name,
          ad_format: 'SINGLE_VIDEO',
          video_id: videoId,
          ...(ad.assets?.imageHash ? { image_ids: [ad.assets.imageHash] } : {}),
          ad_text: ad.primaryTexts[0] ?? '',
          landing_page_url: ad.finalUrl,
          ...(ad.callToAction ? { call_to_action: ad.callToAction } : {}),
        }],
      },
      accessToken: tokens.accessToken,
    });
  } catch (error) {
    throw withSpecField(error, (_field, message) => newAdField(message));
  }
  const id = z.object({ ad_ids: z.array(z.coerce.string()).min(1) }).parse(body).ad_ids[0];
  if (!id) throw new PlatformError('transient', 'TikTok did not return the new ad', { platform: 'tiktok' });
  return id;
}
