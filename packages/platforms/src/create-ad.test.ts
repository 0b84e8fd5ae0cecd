import { describe, expect, it } from 'vitest';
import { validateNewAd } from './create-ad.ts';
import { PlatformError, type NewAdSpec, type PlatformId } from './types.ts';

const base: NewAdSpec = { name: 'New ad', status: 'active', finalUrl: 'https://example.com/', headlines: [], descriptions: [], primaryTexts: [] };
const google: NewAdSpec = { ...base, headlines: ['One', 'Two', 'Three'], descriptions: ['First description.', 'Second description.'] };

function refusedField(platform: PlatformId, ad: NewAdSpec): string | undefined {
  try {
    validateNewAd(platform, ad);
  } catch (error) {
    if (error instanceof PlatformError) return error.details.field;
    throw error;
  }
  return undefined;
}

describe('validateNewAd', () => {
  it('takes copy within each platform format', () => {
    expect(refusedField('google_ads', { ...google, paths: ['shoes', 'trail'] })).toBeUndefined();
    expect(refusedField('meta', { ...base, primaryTexts: ['Text'], headlines: ['Headline'], callToAction: 'SHOP_NOW' })).toBeUndefined();
    expect(refusedField('tiktok', { ...base, primaryTexts: ['Ad text'], callToAction: 'SHOP_NOW' })).toBeUndefined();
  });

  it('counts Google texts the platform way: a 16-character CJK headline is 32', () => {
    expect(refusedField('google_ads', { ...google, headlines: ['One', 'Two', '茶'.repeat(16)] })).toBe('ad.headlines.2');
    expect(refusedField('google_ads', { ...google, headlines: ['One', 'Two'] })).toBe('ad.headlines');
    expect(refusedField('google_ads', { ...google, headlines: ['One', 'Two', 'one'] })).toBe('ad.headlines.2');
  });

  it('refuses fields the platform has no place for, a second TikTok text, emoji on TikTok, unknown buttons and non-http links', () => {
    expect(refusedField('google_ads', { ...google, primaryTexts: ['x'] })).toBe('ad.primaryTexts');
    expect(refusedField('google_ads', { ...google, callToAction: 'SHOP_NOW' })).toBe('ad.callToAction');
    expect(refusedField('tiktok', { ...base, primaryTexts: ['One', 'Two'] })).toBe('ad.primaryTexts');
    expect(refusedField('tiktok', { ...base, primaryTexts: ['Run 🏃'] })).toBe('ad.primaryTexts.0');
    expect(refusedField('meta', { ...base, primaryTexts: ['Text'], headlines: ['Headline'], callToAction: 'BUY_A_BOAT' })).toBe('ad.callToAction');
    expect(refusedField('meta', { ...base, primaryTexts: ['Text'], headlines: ['Headline'], finalUrl: 'javascript:alert(1)' })).toBe('ad.finalUrl');
    expect(refusedField('meta', { ...base, name: ' ', primaryTexts: ['Text'], headlines: ['Headline'] })).toBe('ad.name');
  });
});
