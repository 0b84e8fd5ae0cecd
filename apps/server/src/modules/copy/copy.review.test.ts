import { describe, expect, it } from 'vitest';
import { BrandVoice, CopyBrief, type AdCopy } from '@adloop/contracts';
import { validateCopy } from '@adloop/engine';
import { describeRepairs, landingPageBlock, reviewCopy } from './copy.review.ts';

const brief = CopyBrief.parse({ product: 'Ultralight tents', keywords: ['ultralight tent'], landingPage: 'https://northwind-outdoor.example/tents' });
const voice = BrandVoice.parse({ bannedTerms: ['cheap'] });
const landing = { url: brief.landingPage, ok: true, https: true, status: 200, finalUrl: brief.landingPage, title: 'Tents', message: null };

describe('copy review: validate, repair, validate again', () => {
  it('repairs what blocks, keeps what was fine, and says what it changed and why', () => {
    const written: AdCopy = {
      platform: 'google_ads', source: 'ai',
      headlines: ['Ultralight Tent Deals', 'Cheap tents for hikers', 'Set Up In Three Minutes', 'Ultralight tent sale now on today'],
      descriptions: ['Two-person tents from 1.2 kg, made for long trails.', 'Five-year warranty on every pole. Shop the range.'],
      paths: ['tents'],
    };
    const v = reviewCopy('google_ads', written, { brief, voice, landing, seed: 0 });
    expect(v.firstPassChecks.filter((c) => c.severity === 'block').map((c) => `${c.field}:${c.index}`)).toEqual(expect.arrayContaining(['headlines:1', 'headlines:3']));
    expect(v.checks.filter((c) => c.severity === 'block')).toEqual([]);
    expect(v.publishable).toBe(true);
    const copy = v.copy as Extract<AdCopy, { platform: 'google_ads' }>;
    expect(copy.headlines[0]).toBe('Ultralight Tent Deals');
    expect(copy.headlines.join(' ').toLowerCase()).not.toContain('cheap');
    const touched = v.repairs.filter((r) => r.before !== null).map((r) => r.before);
    expect(touched).toEqual(expect.arrayContaining(['Cheap tents for hikers', 'Ultralight tent sale now on today']));
    for (const r of v.repairs.filter((r) => r.before !== null)) expect(r.reason).toMatch(/Headline \d/);
  });

  it('reports a text the repair dropped (after null) and one it added (before null)', () => {
    const written: AdCopy = { platform: 'tiktok', source: 'ai', adTexts: ['Ultralight tent, set up in minutes.', 'Ultralight tent, set up in minutes!'], callToAction: 'BUY_IT' };
    const checks = validateCopy('tiktok', written, { brief, voice });
    const repaired: AdCopy = { platform: 'tiktok', source: 'ai', adTexts: ['Ultralight tent, set up in minutes.', 'Two-person tents from 1.2 kg.'], callToAction: 'SHOP_NOW' };
    const repairs = describeRepairs('tiktok', written, repaired, checks);
    expect(repairs).toContainEqual(expect.objectContaining({ field: 'callToAction', before: 'BUY_IT', after: 'SHOP_NOW' }));
    const text = repairs.filter((r) => r.field === 'adTexts');
    expect(text.some((r) => r.before === 'Ultralight tent, set up in minutes!' && (r.after === null || r.after === 'Two-person tents from 1.2 kg.'))).toBe(true);
  });

  it('blocks publishing when the landing page did not answer, in the check’s words', () => {
    expect(landingPageBlock(landing)).toEqual([]);
    expect(landingPageBlock({ ...landing, ok: false, status: 404, message: 'The landing page answered 404 Not Found: an ad must lead to a page that works.' })).toEqual([
      { id: 'landing_page_unreachable', severity: 'block', field: 'landingPage', index: null, message: 'The landing page answered 404 Not Found: an ad must lead to a page that works.' },
    ]);
  });
});
