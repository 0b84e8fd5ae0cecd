import { describe, expect, it } from 'vitest';
import { adChecks, asEdited, checkEdited, checksAt, copyFields, countOf, keywordList, sameTexts, sourceLabel, withText, wizardTexts } from './copy-model.ts';
import { AI_ASSISTED_LABEL, MAX_COPY_VARIATIONS } from '@adloop/contracts';
import { AI_ASSISTED, MOST_VARIATIONS, type AdCopy, type CopyBrief } from './copy-types.ts';

const brief: CopyBrief = { product: 'trail running shoes', offer: '20% off', audience: 'runners', keywords: ['trail shoes'], landingPage: 'https://northwind.example/trail', language: 'en' };
const google: AdCopy = {
  platform: 'google_ads',
  source: 'ai',
  headlines: ['Trail Shoes for Runners', 'Northwind Trail Shoes', 'Trail Shoes 20% Off'],
  descriptions: ['Grip and comfort on every trail. Free delivery and easy returns.', 'Trail shoes made to last. Shop the new season range today.'],
  paths: ['trail'],
};

describe('copy in the panel', () => {
  it('lists each platform’s fields in its own words and limits, counting double-width characters where the platform does', () => {
    expect(copyFields('google_ads').map((f) => [f.name, f.label, f.max])).toEqual([
      ['headlines', 'Headline', 30],
      ['descriptions', 'Description', 90],
      ['paths', 'Display path', 15],
    ]);
    expect(copyFields('meta').map((f) => f.label)).toEqual(['Primary text', 'Headline', 'Description']);
    const headline = copyFields('google_ads')[0]!;
    expect(countOf('日本のトレイルシューズ', headline)).toEqual({ length: 22, over: 0 });
    expect(countOf('あ'.repeat(16), headline)).toEqual({ length: 32, over: 2 });
    const metaHeadline = copyFields('meta')[1]!;
    expect(countOf('あ'.repeat(16), metaHeadline)).toEqual({ length: 16, over: 0 });
  });

  it('re-checks edited copy with the engine’s validator: a too-long headline, a banned term and an http landing page block', () => {
    expect(checkEdited(google, brief, null).filter((c) => c.severity === 'block')).toEqual([]);
    const long = withText(google, 'headlines', 1, 'Northwind Trail Shoes for Every Runner');
    const found = checkEdited(long, brief, null);
    expect(checksAt(found, 'headlines', 1).some((c) => c.severity === 'block')).toBe(true);
    const banned = checkEdited(google, brief, { tone: [], requiredTerms: [], bannedTerms: ['made to last'], messageRestrictions: [] });
    expect(checksAt(banned, 'descriptions', 1).some((c) => c.severity === 'block')).toBe(true);
    const http = checkEdited(google, { ...brief, landingPage: 'http://northwind.example/trail' }, null);
    expect(adChecks(http, 'google_ads').map((c) => c.field)).toContain('landingPage');
  });

  it('says the contract’s label and offers the contract’s most variations (kept out of the bundle, so checked here)', () => {
    expect(AI_ASSISTED).toBe(AI_ASSISTED_LABEL);
    expect(MOST_VARIATIONS).toBe(MAX_COPY_VARIATIONS);
  });

  it('labels who wrote the copy and marks an edit as the person’s', () => {
    expect(sourceLabel('ai')).toBe('AI-assisted');
    expect(sourceLabel('template')).toBe('Template');
    const edited = asEdited(withText(google, 'headlines', 0, 'Trail Shoes on Sale'));
    expect(edited.source).toBe('manual');
    expect(sameTexts(edited, google)).toBe(false);
    expect(sameTexts(asEdited(google), google)).toBe(true);
    expect(textsAfterRemoval()).toEqual(['Trail Shoes for Runners', 'Trail Shoes 20% Off']);
  });

  it('fills the wizard’s ad fields in the platform’s mapping', () => {
    expect(wizardTexts(google, { headlines: 15, descriptions: 4 })).toEqual({ headlines: google.headlines, descriptions: google.descriptions, callToAction: undefined });
    const meta: AdCopy = { platform: 'meta', source: 'ai', primaryTexts: ['Grip on every trail.', 'Second text.'], headlines: ['Trail Shoes, 20% Off'], descriptions: [], callToAction: 'SHOP_NOW' };
    expect(wizardTexts(meta, { headlines: 1, descriptions: 1 })).toEqual({ headlines: ['Trail Shoes, 20% Off'], descriptions: ['Grip on every trail.'], callToAction: 'SHOP_NOW' });
    const tiktok: AdCopy = { platform: 'tiktok', source: 'template', adTexts: ['Trail shoes with free delivery.'], callToAction: 'LEARN_MORE' };
    expect(wizardTexts(tiktok, { headlines: 0, descriptions: 1 })).toEqual({ headlines: [''], descriptions: ['Trail shoes with free delivery.'], callToAction: 'LEARN_MORE' });
  });

  it('reads the brief’s keywords from the wizard’s keyword lines', () => {
    expect(keywordList('[trail shoes]\n"running  shoes"\n\nhiking boots, trail shoes')).toEqual(['trail shoes', 'running shoes', 'hiking boots']);
  });
});

function textsAfterRemoval(): string[] {
  const removed = withText(google, 'headlines', 1, null);
  return removed.platform === 'google_ads' ? removed.headlines : [];
}
