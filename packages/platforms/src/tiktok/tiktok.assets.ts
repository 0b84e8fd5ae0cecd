import { z } from 'zod';
import { collectChoices, videoDetail } from '../ad-assets.ts';
import type { AccountRef, AdAssetChoices, TokenSet } from '../types.ts';
import { tiktokCall, type TikTokConfig } from './tiktok.http.ts';

const PageInfo = z.object({ page: z.number(), total_page: z.number() });
const Videos = z.object({
  list: z.array(z.object({ video_id: z.string(), file_name: z.string().nullish(), duration: z.number().nullish(), width: z.number().nullish(), height: z.number().nullish() })),
  page_info: PageInfo,
});
const Identities = z.object({
  identity_list: z.array(z.object({ identity_id: z.string(), display_name: z.string().nullish() })),
  page_info: PageInfo.optional(),
});

/** TikTok pages with `page` numbers; the next one exists while `page < total_page`. */
const nextPage = (info: z.infer<typeof PageInfo> | undefined): string | null => (info && info.page < info.total_page ? String(info.page + 1) : null);

/**
 * The library videos (`file/video/ad/search/`, 100 a page, the most TikTok serves) and the custom
 * identities (`identity/get/`) a new single-video ad can use.
 */
export async function listTikTokAdAssets(config: TikTokConfig, tokens: TokenSet, account: AccountRef): Promise<AdAssetChoices> {
  const call = (path: string, params: Record<string, unknown>) => tiktokCall(config, path, { params: { advertiser_id: account.platformAccountId, ...params }, accessToken: tokens.accessToken });
  const videoId = await collectChoices('tiktok', 'TikTok video library', async (page) => {
    const data = Videos.parse(await call('file/video/ad/search/', { page: page ? Number(page) : 1, page_size: 100 }));
    return {
      items: data.list.map((v) => ({ id: v.video_id, name: v.file_name || v.video_id, detail: videoDetail(v.duration, v.width, v.height) })),
      next: nextPage(data.page_info),
    };
  });
  const identityId = await collectChoices('tiktok', 'TikTok identities', async (page) => {
    const data = Identities.parse(await call('identity/get/', { identity_type: 'CUSTOMIZED_USER', page: page ? Number(page) : 1, page_size: 100 }));
    return { items: data.identity_list.map((i) => ({ id: i.identity_id, name: i.display_name || i.identity_id })), next: nextPage(data.page_info) };
  });
  return { videoId, identityId };
}
