import { digitsFrom } from '../../simulator/world-ids.ts';
import type { Account, JsonValue } from '../../simulator/world.types.ts';
import { endpoint, type TikTokEndpoint } from './tiktok-endpoint.types.ts';
import { uploadedOf, type TikTokLibrary } from './tiktok-library.ts';
import { isFailure, ok } from './tiktok-envelope.ts';
import { pageOf, readPage } from './tiktok-paging.ts';
import { invalid, missing, optionalObject } from './tiktok-params.ts';

/** What each seeded advertiser's library holds: title, seconds, width × height. */
const LIBRARY: ReadonlyArray<[title: string, duration: number, width: number, height: number]> = [
  ['Summer teaser', 15, 720, 1280],
  ['Product close-up', 9.5, 1080, 1920],
  ['Customer story', 30.04, 1080, 1080],
  ['How it works', 21.3, 1280, 720],
];

/** `2026-05-01T10:00:00Z`: the library's timestamps, UTC without milliseconds. */
const isoTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The videos seeded in an advertiser's asset library (as if uploaded in Ads Manager), as
 * `file/video/ad/search/` lists them. Deterministic in (seed, advertiser).
 */
export function libraryVideosOf(seed: number, account: Account): Array<Record<string, JsonValue>> {
  const brand = account.name.replace(/ TT$/, '');
  return LIBRARY.map(([title, duration, width, height], i) => {
    const key = digitsFrom(20, seed, 'tiktok-video', account.id, i);
    const videoId = `v10033g50000${key}`;
    const created = account.createdAt + (i + 1) * 86_400_000;
    return {
      video_id: videoId,
      material_id: `7${digitsFrom(18, seed, 'tiktok-material', account.id, i)}`,
      file_name: `${brand} – ${title}.mp4`,
      video_cover_url: `https://p16-sign-va.tiktokcdn.com/sandbox/cover-${key}.jpeg`,
      preview_url: `https://v16m-default.tiktokcdn.com/sandbox/${key}.mp4`,
      preview_url_expire_time: isoTime(created + 365 * 86_400_000),
      format: 'mp4',
      duration,
      width,
      height,
      bit_rate: 2_000_000 + 250_000 * i,
      size: Math.round(duration * (2_000_000 + 250_000 * i) / 8),
      signature: digitsFrom(32, seed, 'tiktok-video-signature', account.id, i),
      displayable: true,
      allow_download: true,
      allowed_placements: ['PLACEMENT_TIKTOK', 'PLACEMENT_PANGLE', 'PLACEMENT_GLOBAL_APP_BUNDLE'],
      create_time: isoTime(created),
      modify_time: isoTime(created),
    };
  });
}

/**
 * file/video/ad/search/: `filtering` (JSON object: `video_ids`, `material_ids` ≤ 100 each,
 * `video_name` substring), `page` / `page_size` (1–100, default 20) → `{list, page_info}`.
 */
export function tiktokVideoEndpoints(library: TikTokLibrary): TikTokEndpoint[] {
  return [
    endpoint('GET', 'file/video/ad/search/', ({ ctx, params, account }) => {
      if (!account) return missing('advertiser_id');
      const filtering = optionalObject(params, 'filtering');
      if (isFailure(filtering)) return filtering;
      // The library's page sizes are 1–100 with a default of 20 (not the 10 of the get endpoints).
      const page = readPage(params, 100, 20);
      if (isFailure(page)) return page;
      let videos = [...libraryVideosOf(ctx.sim.seed, account), ...uploadedOf(library.videos, account.id)];
      for (const [key, value] of Object.entries(filtering ?? {})) {
        if (key === 'video_ids' || key === 'material_ids') {
          if (!Array.isArray(value)) return invalid(`filtering.${key}`, 'Not a valid list.');
          if (value.length > 100) return invalid(`filtering.${key}`, 'Length must be less than or equal to 100.');
          const wanted = new Set(value.map(String));
          const field = key === 'video_ids' ? 'video_id' : 'material_id';
          videos = videos.filter((v) => wanted.has(String(v[field])));
        } else if (key === 'video_name') {
          const needle = String(value).toLowerCase();
          videos = videos.filter((v) => String(v.file_name).toLowerCase().includes(needle));
        } else {
          return invalid('filtering', `Unknown filter field: ${key}. Allowed: video_ids, material_ids, video_name.`);
        }
      }
      const { list, page_info } = pageOf(videos, page);
      return ok({ list, page_info });
    }),
  ];
}
