import { describe, expect, it } from 'vitest';
import type { AdCopy } from '@adloop/contracts';
import { teaContext } from './test-context.ts';
import { validateCopy } from './validate.ts';

/**
 * The platforms' published policy examples as cases: each text is put in an otherwise valid ad, and the
 * check it should (or should not) raise is asserted.
 */
const base = (headline: string, description = 'Loose-leaf green tea from Kyoto, shipped in two days.'): AdCopy => ({
  platform: 'google_ads',
  source: 'manual',
  headlines: [headline, 'Green Tea Online', 'Matcha From Kyoto'],
  descriptions: [description, 'Order matcha and green tea for your morning ritual.'],
  paths: [],
});

const blocksOf = (copy: AdCopy) => validateCopy(copy.platform, copy, teaContext()).filter((c) => c.severity === 'block' && c.index === 0).map((c) => c.id);

describe("Google's editorial policy: headlines", () => {
  const disapproved: Array<[string, string]> = [
    ['Buy Green Tea!', 'editorial.exclamation'],
    ['Green Tea Sale!!!', 'editorial.repeated-punctuation'],
    ['Why Wait??', 'editorial.repeated-punctuation'],
    ['Tea $$$ Savings', 'editorial.repeated-punctuation'],
    ['FREE Green Tea', 'editorial.caps'],
    ['GREEN TEA SHOP', 'editorial.caps'],
    ['FrEe Tea Samples', 'editorial.caps'],
    ['Green Tea 4 Sale', 'editorial.symbols'],
    ['Tea 4 U', 'editorial.symbols'],
    ['Tea Delivered 2day', 'editorial.symbols'],
    ['F1owers and Tea', 'editorial.symbols'],
    ['$ave on Green Tea', 'editorial.symbols'],
    ['Green Tea…', 'editorial.ellipsis'],
    ['• Green Tea', 'editorial.ellipsis'],
    ['Green Tea²', 'editorial.ellipsis'],
    ['Green  Tea Online', 'editorial.spacing'],
    ['Green Tea 🍵', 'editorial.emoji'],
    ['Tea Tea Tea Sale', 'editorial.repetition'],
    ['Call +1 415 555 0132', 'editorial.phone-number'],
    ['Matcha Cures Anxiety', 'claim.health'],
    ['Guaranteed Returns on Tea', 'claim.financial'],
    ['Japanese Green Tea Leaves Shops', 'length'],
  ];
  it.each(disapproved)('disapproves “%s” (%s)', (headline, id) => {
    expect(blocksOf(base(headline))).toContain(id);
  });

  const allowed = ['Green Tea From Kyoto', 'NASA-Grade Tea Tins', 'USA Shipping on Matcha', 'Buy 2 Get 1 Free', 'Tea for Two', 'Bed & Breakfast Teas', 'Organic Matcha, 100 g', 'Brewed in 3 Minutes', 'Is Matcha Right for You?', 'iOS App for Tea Lovers', 'Tea Gifts on YouTube', 'Teas™ From Kyoto', 'Open 24/7 Online', 'Tea Bags, 100 Count'];
  it.each(allowed)('allows “%s”', (headline) => {
    expect(blocksOf(base(headline))).toEqual([]);
  });
});

describe("Google's editorial policy: the ad as a whole", () => {
  it('allows one exclamation mark in a description, not two in the ad', () => {
    expect(blocksOf(base('Green Tea From Kyoto', 'Fresh matcha, shipped today!'))).toEqual([]);
    const twice = base('Green Tea From Kyoto', 'Fresh matcha! Shipped today!');
    expect(validateCopy('google_ads', twice, teaContext()).map((c) => c.id)).toContain('editorial.exclamations-per-ad');
  });

  it('warns on unproven superlatives and passes them when the landing page backs them', () => {
    const best = base('The #1 Green Tea Shop');
    expect(validateCopy('google_ads', best, teaContext()).find((c) => c.id === 'claim.superlative')?.severity).toBe('warn');
    expect(validateCopy('google_ads', best, teaContext({ claimsSubstantiated: true })).some((c) => c.id === 'claim.superlative')).toBe(false);
  });
});

describe("Meta's and TikTok's policies", () => {
  const meta = (primary: string): AdCopy => ({ platform: 'meta', source: 'manual', primaryTexts: [primary], headlines: ['Green Tea From Kyoto'], descriptions: [], callToAction: 'SHOP_NOW' });
  it('refuses asserting personal attributes, allows speaking about the product', () => {
    const blocks = (text: string) => validateCopy('meta', meta(text), teaContext()).filter((c) => c.severity === 'block').map((c) => c.id);
    expect(blocks('Are you Christian? Meet our tea club.')).toContain('claim.personal-attribute');
    expect(blocks('Are you overweight? Try our green tea.')).toContain('claim.personal-attribute');
    expect(blocks('Do you suffer from anxiety? Matcha helps.')).toContain('claim.personal-attribute');
    // Meta's own example "Meet other Jewish singles!" is refused: "other" says the reader shares the attribute.
    expect(blocks('Meet other Christians over a cup of tea.')).toContain('claim.personal-attribute');
    expect(blocks('Meet Christians over a cup of tea.')).toEqual([]);
    expect(blocks('Green tea for anyone who loves a calm morning.')).toEqual([]);
  });

  it('lets Meta copy shout but warns, and takes "!"', () => {
    const checks = validateCopy('meta', meta('FREE samples this week!!'), teaContext());
    expect(checks.filter((c) => c.severity === 'block')).toEqual([]);
    expect(checks.map((c) => c.id)).toEqual(expect.arrayContaining(['editorial.caps', 'editorial.repeated-punctuation']));
  });

  it('refuses emoji in TikTok ad text (the API strips or refuses them)', () => {
    const tiktok: AdCopy = { platform: 'tiktok', source: 'manual', adTexts: ['Matcha mornings 🍵'], callToAction: 'SHOP_NOW' };
    expect(validateCopy('tiktok', tiktok, teaContext()).map((c) => c.id)).toContain('editorial.emoji');
  });
});
