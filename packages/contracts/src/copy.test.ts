import { describe, expect, it } from 'vitest';
import { GenerateCopyBody, PublishCopyBody, RegenerateCopyBody } from './copy-api.ts';
import { AdCopy, BrandVoice, CopyBrief } from './copy.ts';

describe('copy contracts', () => {
  it('holds the brand voice to Google’s shape: 25 banned terms, 40 message restrictions', () => {
    expect(BrandVoice.parse({}).bannedTerms).toEqual([]);
    expect(BrandVoice.safeParse({ bannedTerms: Array.from({ length: 25 }, (_, i) => `term ${i}`) }).success).toBe(true);
    expect(BrandVoice.safeParse({ bannedTerms: Array.from({ length: 26 }, (_, i) => `term ${i}`) }).success).toBe(false);
    expect(BrandVoice.safeParse({ messageRestrictions: Array.from({ length: 41 }, () => 'Do not mention prices') }).success).toBe(false);
  });

  it('reads a brief with defaults and a language tag', () => {
    const brief = CopyBrief.parse({ product: 'Green tea', landingPage: 'https://tea.example.com' });
    expect(brief).toMatchObject({ offer: '', keywords: [], language: 'en' });
    expect(CopyBrief.safeParse({ product: 'Green tea', landingPage: 'https://tea.example.com', language: 'English' }).success).toBe(false);
  });

  it('takes each platform’s copy up to its counts', () => {
    expect(AdCopy.parse({ platform: 'google_ads', source: 'ai', headlines: ['Green Tea'], descriptions: [] })).toMatchObject({ paths: [] });
    expect(AdCopy.safeParse({ platform: 'google_ads', source: 'ai', headlines: Array.from({ length: 16 }, (_, i) => `H${i}`), descriptions: [] }).success).toBe(false);
    expect(AdCopy.safeParse({ platform: 'meta', source: 'template', primaryTexts: ['a'], headlines: ['b'], callToAction: 'SHOP_NOW' }).success).toBe(true);
    expect(AdCopy.safeParse({ platform: 'tiktok', source: 'manual', adTexts: Array.from({ length: 6 }, () => 'x') }).success).toBe(false);
  });

  it('asks for copy on one to three different platforms, up to three variations each', () => {
    const brief = { product: 'Green tea', landingPage: 'https://tea.example.com' };
    expect(GenerateCopyBody.parse({ brief, platforms: ['google_ads'] }).variations).toBe(1);
    expect(GenerateCopyBody.safeParse({ brief, platforms: [] }).success).toBe(false);
    expect(GenerateCopyBody.safeParse({ brief, platforms: ['meta', 'meta'] }).success).toBe(false);
    expect(GenerateCopyBody.safeParse({ brief, platforms: ['meta'], variations: 4 }).success).toBe(false);
    expect(GenerateCopyBody.safeParse({ brief, platforms: ['meta'], extra: 1 }).success).toBe(false);
  });

  it('regenerates a variation only with its platform, and publishes with a key and an ad group', () => {
    expect(RegenerateCopyBody.safeParse({}).success).toBe(true);
    expect(RegenerateCopyBody.safeParse({ variationId: 'v1' }).success).toBe(false);
    expect(RegenerateCopyBody.safeParse({ platform: 'tiktok', variationId: 'v1' }).success).toBe(true);
    const copy = { platform: 'tiktok', source: 'ai', adTexts: ['Green tea, brewed right'] };
    expect(PublishCopyBody.safeParse({ idempotencyKey: 'publish-1', platform: 'tiktok', variationId: 'v1', copy, adGroupId: '4f1c1c56-3f53-4b8e-9a6a-1d2b3c4d5e6f' }).success).toBe(true);
    expect(PublishCopyBody.safeParse({ idempotencyKey: 'publish-1', platform: 'tiktok', variationId: 'v1', copy }).success).toBe(false);
  });
});
