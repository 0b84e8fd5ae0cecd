import { PlatformError, type AdAssetChoice, type PlatformId } from './types.ts';

/** At most this many choices of one kind are listed: more than a person can pick from in a list. */
export const AD_ASSET_LIMIT = 500;

/**
 * Follows a listing page by page until it ends or `AD_ASSET_LIMIT` choices are collected.
 * `next` is the page after `page` (null at the end); a page that does not advance is a platform fault.
 */
export async function collectChoices(
  platform: PlatformId,
  what: string,
  list: (page: string | null) => Promise<{ items: AdAssetChoice[]; next: string | null }>,
): Promise<AdAssetChoice[]> {
  const all: AdAssetChoice[] = [];
  let page: string | null = null;
  do {
    const result: { items: AdAssetChoice[]; next: string | null } = await list(page);
    all.push(...result.items);
    if (result.next !== null && result.next === page) throw new PlatformError('transient', `${what}: paging did not advance`, { platform });
    page = result.next;
  } while (page !== null && all.length < AD_ASSET_LIMIT);
  return all.slice(0, AD_ASSET_LIMIT);
}

/** "15 s · 720×1280": a video's length (one decimal at most) and size, the parts the platform gave. */
export function videoDetail(seconds: number | null | undefined, width: number | null | undefined, height: number | null | undefined): string | undefined {
  const parts: string[] = [];
  if (typeof seconds === 'number' && Number.isFinite(seconds)) parts.push(`${Number(seconds.toFixed(1))} s`);
  if (width && height) parts.push(`${width}×${height}`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
