import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adTextLength } from '@adloop/contracts/ad-text';
import type { AdCopy, BrandVoice, CopyBrief } from '@adloop/contracts';
import { copyFormat } from '@adloop/contracts/copy-formats';
import { fieldsOf } from './fields.ts';
import { repairCopy } from './repair.ts';
import { TEA_BRIEF, TEA_VOICE, teaContext } from './test-context.ts';
import { validateCopy } from './validate.ts';

const repaired = (copy: AdCopy, ctx = teaContext()) => {
  const fixed = repairCopy(copy.platform, copy, validateCopy(copy.platform, copy, ctx), ctx);
  return { fixed, checks: validateCopy(copy.platform, fixed, ctx) };
};

describe('repairCopy', () => {
  it('fixes Google headlines the editorial way and keeps what was fine', () => {
    const copy: AdCopy = {
      platform: 'google_ads',
      source: 'ai',
      headlines: ['FREE Green Tea!!!', 'Matcha 4 u', 'Green Tea From Kyoto', 'Cheap Tea…', 'FrEe Shipping on Every Matcha Order Today'],
      descriptions: ['Whisked fresh! Order today!', 'Loose-leaf green tea from Kyoto.'],
      paths: ['green-tea'],
    };
    const { fixed, checks } = repaired(copy);
    expect(checks.filter((c) => c.severity === 'block')).toEqual([]);
    if (fixed.platform !== 'google_ads') throw new Error('platform changed');
    expect(fixed.headlines.slice(0, 5)).toEqual(['Free Green Tea', 'Matcha for you', 'Green Tea From Kyoto', 'Tea', 'Free Shipping on Every Matcha']);
    expect(fixed.descriptions[0]).toBe('Whisked fresh! Order today.');
    expect(fixed.descriptions[1]).toBe('Loose-leaf green tea from Kyoto.');
    expect(fixed.source).toBe('ai');
  });

  it('drops texts with restricted claims and duplicates, then fills to the minimum from the template', () => {
    const copy: AdCopy = { platform: 'google_ads', source: 'ai', headlines: ['Matcha Cures Anxiety', 'Green Tea', 'green tea'], descriptions: ['Guaranteed returns on every cup.'], paths: [] };
    const { fixed, checks } = repaired(copy);
    expect(checks.filter((c) => c.severity === 'block')).toEqual([]);
    if (fixed.platform !== 'google_ads') throw new Error('platform changed');
    expect(fixed.headlines[0]).toBe('Green Tea');
    expect(fixed.headlines.length).toBeGreaterThanOrEqual(3);
    expect(fixed.headlines.join(' ')).not.toMatch(/cures/i);
    expect(fixed.descriptions.length).toBeGreaterThanOrEqual(2);
    expect(fixed.descriptions.join(' ')).not.toMatch(/guaranteed/i);
  });

  it('adds keyword headlines until three carry a keyword, and a text with a missing required term', () => {
    const ctx = teaContext({ voice: { ...TEA_VOICE, requiredTerms: ['Uji'] } });
    const copy: AdCopy = { platform: 'google_ads', source: 'ai', headlines: ['Kyoto Tea House', 'Loose Leaf Teas', 'Tea Gift Sets'], descriptions: ['Loose-leaf tea from Kyoto.', 'Whisked fresh every morning.'], paths: [] };
    const { checks } = repaired(copy, ctx);
    expect(checks.map((c) => c.id)).not.toContain('keyword');
    expect(checks.map((c) => c.id)).not.toContain('required-term');
  });

  it("replaces a call to action the platform does not offer with one from its list", () => {
    const copy: AdCopy = { platform: 'tiktok', source: 'ai', adTexts: ['Matcha mornings 🍵 from Kyoto'], callToAction: 'BOOK_TRAVEL' };
    const { fixed, checks } = repaired(copy);
    expect(checks.filter((c) => c.severity === 'block')).toEqual([]);
    if (fixed.platform !== 'tiktok') throw new Error('platform changed');
    expect(fixed.adTexts[0]).toBe('Matcha mornings from Kyoto');
    expect(copyFormat('tiktok').callToActions).toContain(fixed.callToAction);
  });

  it('cuts long text at a word boundary without a dangling word', () => {
    const copy: AdCopy = { platform: 'meta', source: 'ai', primaryTexts: ['Green tea'], headlines: ['Kyoto green tea, whisked fresh every morning for you and'], descriptions: [] };
    const { fixed } = repaired(copy);
    if (fixed.platform !== 'meta') throw new Error('platform changed');
    expect(fixed.headlines[0]).toBe('Kyoto green tea, whisked fresh every');
  });
});

/** Text built from pieces that break the rules: shouting, "!!!", emoji, CJK, claims, banned words, stand-ins. */
const WORDS = ['green', 'tea', 'matcha', 'FREE', 'SALE', 'FrEe', 'best', '#1', 'cures', 'cancer', 'guaranteed', 'returns', 'cheap', '4 u', '2day', 'F1owers', '$ave', '!!!', '??', '…', '•', '🍵', '🔥', '抹茶', '京都の緑茶', 'NASA', 'are you', 'overweight', 'Teavana', 'and', 'for', 'now', 'today', 'shop', 'Kyoto', '  ', '!', '.', 'ß', 'İstanbul', 'tea tea', 'Call 0800 123 4567', 'ＡＢＣ', 'x'.repeat(40)];
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 14 }).map((parts) => parts.join(' '));
const texts = (most: number) => fc.array(fc.oneof(text, fc.string({ maxLength: 60 })), { maxLength: most + 3 });

const copyArb: fc.Arbitrary<AdCopy> = fc.oneof(
  fc.record({ platform: fc.constant('google_ads' as const), source: fc.constant('ai' as const), headlines: texts(15), descriptions: texts(4), paths: texts(2) }),
  fc.record({ platform: fc.constant('meta' as const), source: fc.constant('ai' as const), primaryTexts: texts(5), headlines: texts(5), descriptions: texts(5), callToAction: fc.option(fc.constantFrom('SHOP_NOW', 'PLAY_GAME', 'nonsense'), { nil: undefined }) }),
  fc.record({ platform: fc.constant('tiktok' as const), source: fc.constant('ai' as const), adTexts: texts(5), callToAction: fc.option(fc.constantFrom('SHOP_NOW', 'GET_OFFER'), { nil: undefined }) }),
);
const voiceArb: fc.Arbitrary<BrandVoice> = fc.record({
  tone: fc.constant([]),
  requiredTerms: fc.array(fc.constantFrom('Kyoto', 'Uji', 'matcha', 'Tea Co'), { maxLength: 2 }),
  bannedTerms: fc.array(fc.constantFrom('cheap', 'tea', 'shop', 'today', 'more', 'free', 'best', 'green', 'order'), { maxLength: 6 }),
  messageRestrictions: fc.constant([]),
});
const briefArb: fc.Arbitrary<CopyBrief> = fc.record({
  product: fc.oneof(fc.constant(TEA_BRIEF.product), text.filter((t) => t.trim() !== '')),
  offer: fc.oneof(fc.constant(''), text),
  audience: fc.oneof(fc.constant(''), fc.constant('tea lovers'), text),
  keywords: fc.array(fc.oneof(fc.constantFrom('green tea', 'matcha', '抹茶', 'FREE TEA', 'tea 4 u'), text.filter((t) => t.trim() !== '')), { maxLength: 4 }),
  landingPage: fc.constant(TEA_BRIEF.landingPage),
  language: fc.constantFrom('en', 'de', 'ja'),
});

describe('repairCopy on any copy (property)', () => {
  it('leaves nothing that blocks, and every text fits its field', () => {
    fc.assert(
      fc.property(copyArb, voiceArb, briefArb, fc.boolean(), (copy, voice, brief, passChecks) => {
        const ctx = { voice, brief, competitors: ['Teavana'] };
        const before = validateCopy(copy.platform, copy, ctx);
        const fixed = repairCopy(copy.platform, copy, passChecks ? before : [], ctx);
        const blocks = validateCopy(fixed.platform, fixed, ctx).filter((c) => c.severity === 'block');
        expect(blocks).toEqual([]);
        const { countsWide } = copyFormat(fixed.platform);
        for (const field of fieldsOf(fixed)) {
          expect(field.texts.length).toBeLessThanOrEqual(field.format.most);
          for (const t of field.texts) expect(adTextLength(t, countsWide)).toBeLessThanOrEqual(field.format.max);
        }
      }),
      { numRuns: 150, seed: 20261207 },
    );
  }, 120_000);

  it('is deterministic', () => {
    fc.assert(
      fc.property(copyArb, (copy) => {
        const ctx = teaContext();
        const checks = validateCopy(copy.platform, copy, ctx);
        expect(repairCopy(copy.platform, copy, checks, ctx)).toEqual(repairCopy(copy.platform, copy, checks, ctx));
      }),
      { numRuns: 50, seed: 7 },
    );
  }, 60_000);
});
