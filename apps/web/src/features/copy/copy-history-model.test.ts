import { describe, expect, it } from 'vitest';
import { COPY_KEPT_DAYS, deletedOn, flattenPages, platformsText, publishedText, requesterText, variationsByPlatform, type CopyGenerationSummary } from './copy-history-model.ts';
import type { CopyGeneration, CopyVariation } from './copy-types.ts';

const summary = (id: string): CopyGenerationSummary => ({
  id,
  createdAt: '2026-03-01T10:00:00.000Z',
  source: 'ai',
  label: 'AI-assisted',
  provider: 'openai',
  model: 'gpt-test',
  requestedBy: 'Ada Owner',
  platforms: ['meta'],
  adGroupId: null,
  publishedChangeIds: [],
  product: 'Tents',
  variations: 1,
  usage: null,
});

const variation = (id: string): CopyVariation => ({
  id,
  copy: { platform: 'meta', source: 'ai', primaryTexts: ['Light tents'], headlines: ['Tents'], descriptions: [] },
  firstPassChecks: [],
  checks: [],
  repairs: [],
  publishable: true,
});

describe('the copy history', () => {
  it('says what was published in words, and who asked (unknown when not recorded)', () => {
    expect(publishedText(0)).toBe('None');
    expect(publishedText(1)).toBe('1 proposal');
    expect(publishedText(3)).toBe('3 proposals');
    expect(requesterText('Ada Owner')).toBe('Ada Owner');
    expect(requesterText(null)).toBe('Unknown');
    expect(platformsText(['google_ads', 'meta', 'tiktok'])).toBe('Google Ads, Meta, TikTok');
  });

  it('deletes a generation 90 days after it was written', () => {
    expect(COPY_KEPT_DAYS).toBe(90);
    expect(deletedOn('2026-03-01T10:00:00.000Z').toISOString()).toBe('2026-05-30T10:00:00.000Z');
  });

  it('joins the pages without showing a generation twice when the list moved between pages', () => {
    const rows = flattenPages([{ items: [summary('a'), summary('b')] }, { items: [summary('b'), summary('c')] }]);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(flattenPages(undefined)).toEqual([]);
  });

  it('groups the variations by platform, numbered from 1, leaving out a platform without any', () => {
    const generation: Pick<CopyGeneration, 'results'> = {
      results: [
        { platform: 'google_ads', variations: [] },
        { platform: 'meta', variations: [variation('m1'), variation('m2')] },
      ],
    };
    const groups = variationsByPlatform(generation);
    expect(groups.map((g) => g.name)).toEqual(['Meta']);
    expect(groups[0]!.variations.map((v) => [v.variation.id, v.number])).toEqual([
      ['m1', 1],
      ['m2', 2],
    ]);
  });
});
