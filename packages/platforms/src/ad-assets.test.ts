import { describe, expect, it } from 'vitest';
import { AD_ASSET_LIMIT, collectChoices, videoDetail } from './ad-assets.ts';
import { PlatformError } from './types.ts';

/** A listing of `total` choices served `size` a page, numbered pages as TikTok does. */
const listing = (total: number, size: number, seen: Array<string | null> = []) => async (page: string | null) => {
  seen.push(page);
  const n = page ? Number(page) : 1;
  const items = Array.from({ length: Math.max(0, Math.min(size, total - (n - 1) * size)) }, (_, i) => ({ id: String((n - 1) * size + i), name: `Video ${(n - 1) * size + i}` }));
  return { items, next: n * size < total ? String(n + 1) : null };
};

describe('ad asset listings', () => {
  it('pages to the end', async () => {
    const seen: Array<string | null> = [];
    const all = await collectChoices('tiktok', 'videos', listing(250, 100, seen));
    expect(all.map((c) => c.id)).toEqual(Array.from({ length: 250 }, (_, i) => String(i)));
    expect(seen).toEqual([null, '2', '3']);
  });

  it(`stops at ${AD_ASSET_LIMIT} choices`, async () => {
    const seen: Array<string | null> = [];
    const all = await collectChoices('tiktok', 'videos', listing(2_000, 100, seen));
    expect(all).toHaveLength(AD_ASSET_LIMIT);
    expect(seen).toHaveLength(AD_ASSET_LIMIT / 100);
  });

  it('refuses a listing whose paging does not advance', async () => {
    const stuck = async () => ({ items: [{ id: '1', name: 'One' }], next: 'same' });
    await expect(collectChoices('meta', 'Pages', stuck)).rejects.toBeInstanceOf(PlatformError);
  });

  it('describes a video by length and size', () => {
    expect(videoDetail(15, 720, 1280)).toBe('15 s · 720×1280');
    expect(videoDetail(30.04, 1080, 1080)).toBe('30 s · 1080×1080');
    expect(videoDetail(9.5, null, undefined)).toBe('9.5 s');
    expect(videoDetail(undefined, undefined, undefined)).toBeUndefined();
  });
});
