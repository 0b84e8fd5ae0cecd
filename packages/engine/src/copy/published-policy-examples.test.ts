import { describe, expect, it } from 'vitest';
import type { AdCopy, CopyCheck } from '@adloop/contracts';
import type { CopyPlatform } from '@adloop/contracts/copy-formats';
import { repairCopy } from './repair.ts';
import { teaContext } from './test-context.ts';
import { hasBlock, validateCopy } from './validate.ts';

/**
 * The examples the platforms publish in their ad policies, taken as they are written (only the product
 * changed where the example names none), each put into an otherwise valid ad. Sources:
 * - Google Ads editorial policy: Punctuation and symbols (support.google.com/adspolicy/answer/14847994),
 *   Capitalization (…/14848295), Spacing (…/14848500), Style and spelling (…/14848297), and the older
 *   Editorial standards table (support.google.com/adwordspolicy/answer/176095); Misrepresentation,
 *   Unreliable claims (…/adspolicy/answer/15936857).
 * - Meta Advertising Standards: Personal Attributes (transparency.meta.com/policies/ad-standards/…/personal-attributes
 *   and the Business Help Centre article on it), Personal Health and Appearance, Unacceptable Business Practices.
 * - TikTok Advertising Policies: Misleading and false content (ads.tiktok.com/help/article/tiktok-ads-policy-misleading-and-false-content).
 */

const DESCRIPTIONS = ['Loose-leaf green tea from Kyoto, shipped in two days.', 'Order matcha and green tea for your morning ritual.'];
const googleAd = (headline: string, description = DESCRIPTIONS[0] ?? ''): AdCopy => ({
  platform: 'google_ads', source: 'manual', headlines: [headline, 'Green Tea Online', 'Matcha From Kyoto'], descriptions: [description, DESCRIPTIONS[1] ?? ''], paths: [],
});
const metaAd = (primary: string): AdCopy => ({ platform: 'meta', source: 'manual', primaryTexts: [primary], headlines: ['Green Tea From Kyoto'], descriptions: [], callToAction: 'SHOP_NOW' });
const tiktokAd = (text: string): AdCopy => ({ platform: 'tiktok', source: 'manual', adTexts: [text], callToAction: 'SHOP_NOW' });

const blocks = (copy: AdCopy): string[] => validateCopy(copy.platform, copy, teaContext()).filter((c) => c.severity === 'block').map((c) => c.id);
/** Blocks on the text under test only (headline 1 or description 1 of the Google ad). */
const blocksAt = (copy: AdCopy, field: string): string[] =>
  validateCopy(copy.platform, copy, teaContext()).filter((c: CopyCheck) => c.severity === 'block' && c.field === field && c.index === 0).map((c) => c.id);

describe('Google editorial policy: punctuation and symbols (published examples)', () => {
  it.each([
    ['Fresh flowers!!', 'editorial.repeated-punctuation'],
    ['Buy f1owers and tea online.', 'editorial.symbols'],
    ['Buy fl@wers and tea online.', 'editorial.symbols'],
    ['Fresh flowers² and green tea.', 'editorial.ellipsis'],
    ['Order *flowers* and tea today.', 'editorial.symbols'],
    ['F.L.O.W.E.R.S and green tea.', 'editorial.letter-spacing'],
    ['Cheap laptops 4 sale', 'editorial.symbols'],
    ['Find the lowest $', 'editorial.symbols'],
    ['()()()Big Sale()()()', 'editorial.repeated-punctuation'],
    ['Buy N4ke running gear', 'editorial.symbols'],
    ['Green tea 🍵 from Kyoto.', 'editorial.emoji'],
    ['ｸﾞﾘｰﾝﾃｨｰ from Kyoto.', 'editorial.unsupported-characters'],
  ])('disapproves “%s” in a description (%s)', (description, id) => {
    expect(blocksAt(googleAd('Green Tea From Kyoto', description), 'descriptions')).toContain(id);
  });

  it('disapproves an exclamation mark in a headline and a second one in the ad', () => {
    expect(blocksAt(googleAd('Big Sale On Now!'), 'headlines')).toContain('editorial.exclamation');
    expect(blocks(googleAd('Big Sale On Now', 'Cheap laptops for sale! Find the lowest price!'))).toContain('editorial.exclamations-per-ad');
  });

  it.each([
    ['Antique Book Sale', '1st edition copies. Buy 1, get 1 half off.'],
    ['Hotel Deals', 'Great prices on 5* hotels. See us in "Hotel Experts" magazine.'],
    ['Green Tea From Kyoto', 'Free shipping on orders over $50*'],
    ['Green Tea From Kyoto', 'Matcha from €12 a tin, sencha from 9 €.'],
    ['Green Tea From Kyoto', 'Questions? Email hello@tea.example and we answer.'],
  ])('allows “%s” / “%s”', (headline, description) => {
    expect(blocks(googleAd(headline, description))).toEqual([]);
  });
});

describe('Google editorial policy: capitalization (published examples)', () => {
  it.each([
    ['FLOWERS and Green Tea', 'editorial.caps'],
    ['FlOwErS and Green Tea', 'editorial.caps'],
    ['F.L.O.W.E.R.S and Tea', 'editorial.letter-spacing'],
    ['FREE SHIPPING on Tea', 'editorial.caps'],
    ['FrEe ShIpPiNg on Tea', 'editorial.caps'],
  ])('disapproves “%s”', (headline, id) => {
    expect(blocksAt(googleAd(headline), 'headlines')).toContain(id);
  });

  it.each(['Reply ASAP for Tea', 'Tea Shipped Across the USA', 'Use Code SAVE20 on Tea', 'Order a DVD and Tea', 'Tea Samples From Kyoto'])('allows “%s” (abbreviations, coupon codes, title case)', (headline) => {
    expect(blocksAt(googleAd(headline), 'headlines')).toEqual([]);
  });
});

describe('Google editorial policy: spacing, repetition, style (published examples)', () => {
  it.each([
    ['Sale,buy flowers and tea.', 'editorial.spacing'],
    ['Free Shipping.Buy Now on green tea.', 'editorial.spacing'],
    ['Buy   carnations and tea at a discount .', 'editorial.spacing'],
    ['Buy f l o w e r s and green tea.', 'editorial.letter-spacing'],
    ['C-h-e-a-p green tea from Kyoto.', 'editorial.letter-spacing'],
    ['Buy flowers-flowers-flowers and tea.', 'editorial.repetition'],
    ['Deals, Deals, Deals on green tea.', 'editorial.repetition'],
    ['Hurry hurry hurry and shop now.', 'editorial.repetition'],
    ['50 percent off 50 percent off tea.', 'editorial.repetition'],
    ['Black Friday Sale. Get it now. Get it now.', 'editorial.repetition'],
    ['Green tea from Kyoto. Click here.', 'editorial.generic-call-to-action'],
    ['1. Fresh matcha 2. Fast shipping', 'editorial.ellipsis'],
    ['Call +1 415 555 0132 for green tea.', 'editorial.phone-number'],
  ])('disapproves “%s” (%s)', (description, id) => {
    expect(blocksAt(googleAd('Green Tea From Kyoto', description), 'descriptions')).toContain(id);
  });

  it.each(['Buy flowers here and green tea too.', 'Shop sencha, matcha and hojicha.', 'Visit tea.example for the full range.', 'Buy 2. Get 1 free.', 'Steep for 3 minutes at 80 °C.'])('allows “%s”', (description) => {
    expect(blocksAt(googleAd('Green Tea From Kyoto', description), 'descriptions')).toEqual([]);
  });
});

describe('Google misrepresentation: unreliable claims (published examples)', () => {
  it.each([
    ['Miracle cure for arthritis with green tea.', 'claim.health'],
    ['A cure-all tea for every ailment.', 'claim.health'],
    ['Eat whatever you want and lose 10 pounds in a month.', 'claim.health'],
  ])('disapproves “%s”', (description, id) => {
    expect(blocksAt(googleAd('Green Tea From Kyoto', description), 'descriptions')).toContain(id);
  });
});

describe('Meta Advertising Standards (published examples)', () => {
  it.each([
    ['Meet other Jewish singles!', 'claim.personal-attribute'],
    ['Find out how our financial services can help people like you who just turned 62.', 'claim.personal-attribute'],
    ['Are you Christian? Meet our tea club.', 'claim.personal-attribute'],
    ['Have you been diagnosed with diabetes? Try our tea.', 'claim.personal-attribute'],
    ['Struggling with debt? Our tea is a treat.', 'claim.personal-attribute'],
    ['Tired of your belly fat? Drink our green tea.', 'claim.negative-self-perception'],
    ['Guaranteed returns when you invest in our tea farm.', 'claim.financial'],
    ['Get rich quick with tea trading.', 'claim.financial'],
    ['Lose 10 lbs in 7 days with matcha.', 'claim.health'],
  ])('refuses “%s”', (primary, id) => {
    expect(blocks(metaAd(primary))).toContain(id);
  });

  it.each([
    'Meet Jewish singles who love tea.',
    'Tea for New Yorkers who start early.',
    'Green tea for your morning ritual.',
    'A tea for men and women of all ages.',
    'Tea lovers: 20% off your first order.',
  ])('accepts “%s” (no attribute asserted, "you" without an attribute, a place, a passing age or gender)', (primary) => {
    expect(blocks(metaAd(primary))).toEqual([]);
  });
});

describe('TikTok advertising policies: misleading and false content (published examples)', () => {
  it.each([
    ['Get slim legs right away.', 'claim.instant-results'],
    ['Get money in 10 seconds.', 'claim.financial'],
    ['Make $500/day from home.', 'claim.financial'],
    ['Cures diabetes naturally.', 'claim.health'],
    ['Number 1 song on TikTok', 'claim.superlative'],
    ['Number 1 essence on TikTok', 'claim.superlative'],
    ['Clear acne overnight with our toner.', 'claim.instant-results'],
  ])('refuses “%s”', (text, id) => {
    expect(blocks(tiktokAd(text))).toContain(id);
  });

  it('accepts the same product described without promised results', () => {
    expect(blocks(tiktokAd('A light lotion for daily care.'))).toEqual([]);
    expect(blocks(tiktokAd('Green tea delivered overnight.'))).toEqual([]);
  });

  it('accepts a superlative the landing page backs', () => {
    const ctx = teaContext({ claimsSubstantiated: true });
    expect(validateCopy('tiktok', tiktokAd('Number 1 matcha in Kyoto'), ctx).filter((c) => c.severity === 'block')).toEqual([]);
  });
});

describe('repair turns every published bad example into publishable copy', () => {
  const platforms: Array<[CopyPlatform, (text: string) => AdCopy]> = [
    ['google_ads', (t) => googleAd('Green Tea From Kyoto', t)],
    ['meta', metaAd],
    ['tiktok', tiktokAd],
  ];
  const bad = ['Fresh flowers!!', 'Buy fl@wers and tea online.', 'Order *flowers* and tea today.', 'F.L.O.W.E.R.S and green tea.', 'Find the lowest $', '()()()Big Sale()()()', 'Buy N4ke running gear', 'ｸﾞﾘｰﾝﾃｨｰ from Kyoto.', 'Sale,buy flowers and tea.', 'Buy f l o w e r s and green tea.', 'Buy flowers-flowers-flowers and tea.', 'Black Friday Sale. Get it now. Get it now.', 'Green tea from Kyoto. Click here.', '1. Fresh matcha 2. Fast shipping', 'Meet other Jewish singles!', 'Tired of your belly fat? Drink our green tea.', 'Get slim legs right away.', 'Make $500/day from home.', 'Number 1 essence on TikTok'];
  it.each(platforms)('%s', (platform, make) => {
    for (const text of bad) {
      const copy = make(text);
      const repaired = repairCopy(platform, copy, validateCopy(platform, copy, teaContext()), teaContext());
      expect(hasBlock(validateCopy(platform, repaired, teaContext())), `${platform}: ${text} → ${JSON.stringify(repaired)}`).toBe(false);
    }
  });
});
