import { describe, expect, it } from 'vitest';
import { ctaWords, newAdOf } from './new-ad-words.ts';
import { beforeAfterWords } from './proposal-words.ts';

describe('a proposed new ad in words', () => {
  it('lists each copy field of the platform with its label and texts, the button and the landing page, labelled AI-assisted', () => {
    const ad = newAdOf({
      field: 'ad',
      actorType: 'ai',
      payload: { name: 'AI copy', finalUrl: 'https://shop.example.com/', generationId: 'g', copy: { platform: 'meta', source: 'ai', primaryTexts: ['Light shoes.', 'Grip on wet rock.'], headlines: ['Trail shoes'], descriptions: [], callToAction: 'SHOP_NOW' } },
    });
    expect(ad).toEqual({
      name: 'AI copy',
      fields: [{ key: 'primaryTexts', label: 'Primary text', texts: ['Light shoes.', 'Grip on wet rock.'] }, { key: 'headlines', label: 'Headline', texts: ['Trail shoes'] }],
      callToAction: 'SHOP_NOW',
      finalUrl: 'https://shop.example.com/',
      sourceLabel: 'AI-assisted',
      createdAdId: null,
    });
    expect(ctaWords('SHOP_NOW')).toBe('Shop now');
  });

  it('shows Google paths, marks a person’s copy as neither AI-assisted nor template, and reads nothing from other changes or broken payloads', () => {
    const google = newAdOf({ field: 'ad', actorType: 'user', payload: { finalUrl: 'https://x.example/', copy: { platform: 'google_ads', source: 'manual', headlines: ['A', 'B', 'C'], descriptions: ['D', 'E'], paths: ['shoes'] }, createdAd: { id: 'x', platformId: '123' } } });
    expect(google?.fields.map((f) => f.label)).toEqual(['Headline', 'Description', 'Display path']);
    expect(google?.sourceLabel).toBeNull();
    expect(newAdOf({ field: 'ad', actorType: 'ai', payload: { finalUrl: 'https://x.example/', copy: { platform: 'tiktok', source: 'template', adTexts: ['Run'] } } })?.sourceLabel).toBe('Template');
    expect(google?.createdAdId).toBe('123');
    expect(newAdOf({ field: 'status', actorType: 'ai', payload: null })).toBeNull();
    expect(newAdOf({ field: 'ad', actorType: 'ai', payload: { copy: { platform: 'myspace' } } })).toBeNull();
    expect(beforeAfterWords({ field: 'ad', currency: 'USD', before: null, after: 'active', campaignName: 'Spring' })).toBe('New ad');
  });
});
