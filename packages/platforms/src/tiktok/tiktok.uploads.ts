import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PlatformError, type AccountRef, type TokenSet } from '../types.ts';
import { tiktokCall, type TikTokConfig } from './tiktok.http.ts';

const UploadedImage = z.object({ image_id: z.string() });
const UploadedVideos = z.array(z.object({ video_id: z.string() })).min(1);

function fileForm(account: AccountRef, kind: 'image' | 'video', file: { name: string; base64: string }): FormData {
  const bytes = Buffer.from(file.base64, 'base64');
  const form = new FormData();
  form.set('advertiser_id', account.platformAccountId);
  form.set('upload_type', 'UPLOAD_BY_FILE');
  form.set('file_name', file.name);
  // TikTok checks the file against this MD5 and refuses a mismatch.
  form.set(`${kind}_signature`, createHash('md5').update(bytes).digest('hex'));
  form.set(`${kind}_file`, new Blob([bytes]), file.name);
  return form;
}

/**
 * `file/image/ad/upload/` by file: answers the `image_id` an ad's `image_ids` take (on a video ad, its cover).
 * Uploading the same bytes again gives the same id.
 */
export async function uploadTikTokImage(config: TikTokConfig, tokens: TokenSet, account: AccountRef, image: { name: string; base64: string }): Promise<{ id: string }> {
  const data = UploadedImage.safeParse(await tiktokCall(config, 'file/image/ad/upload/', { method: 'POST', form: fileForm(account, 'image', image), accessToken: tokens.accessToken }));
  if (!data.success) throw new PlatformError('transient', 'TikTok did not return the id of the uploaded image', { platform: 'tiktok' });
  return { id: data.data.image_id };
}

/** `file/video/ad/upload/` by file: answers the `video_id` a single-video ad takes. */
export async function uploadTikTokVideo(config: TikTokConfig, tokens: TokenSet, account: AccountRef, video: { name: string; base64: string }): Promise<{ id: string }> {
  const data = UploadedVideos.safeParse(await tiktokCall(config, 'file/video/ad/upload/', { method: 'POST', form: fileForm(account, 'video', video), accessToken: tokens.accessToken }));
  if (!data.success) throw new PlatformError('transient', 'TikTok did not return the id of the uploaded video', { platform: 'tiktok' });
  return { id: data.data[0]?.video_id ?? '' };
}
