import { describe, expect, it } from 'vitest';
import type { AdCopy } from '@adloop/contracts';
import { TEA_BRIEF, TEA_VOICE, teaContext } from './test-context.ts';
import { hasBlock, validateCopy } from './validate.ts';

const google = (headlines: string[], descriptions = ['Loose-leaf green tea from Kyoto.', 'Matcha whisked fresh every morning.'], paths: string[] = []): AdCopy => ({ platform: 'google_ads', source: 'ai', headlines, descriptions, paths });
const ids = (checks: ReturnType<typeof validateCopy>) => checks.map((c) => c.id);

describe('validateCopy', () => {
  it('passes good copy with no findings', () => {
    expect(validateCopy('google_ads', google(['Green Tea From Kyoto', 'Matcha Online', 'Green Tea Gift Sets']), teaContext())).toEqual([]);
  });

  it('counts double-width characters twice on Google and TikTok, once on Meta', () => {
    const fifteen = '京都の抹茶と緑茶の専門店です。'; // 15 characters, 30 as Google counts
    expect(ids(validateCopy('google_ads', google([fifteen, 'Matcha Online', 'Green Tea']), teaContext()))).not.toContain('length');
    const sixteen = `${fifteen}あ`;
    const long = validateCopy('google_ads', google([sixteen, 'Matcha Online', 'Green Tea']), teaContext());
    expect(long.find((c) => c.id === 'length')).toMatchObject({ field: 'headlines', index: 0, severity: 'block' });
    const tiktokText = '抹'.repeat(51);
    expect(ids(validateCopy('tiktok', { platform: 'tiktok', source: 'ai', adTexts: [tiktokText] }, teaContext()))).toContain('length');
    const metaHeadline = '抹'.repeat(40);
    expect(ids(validateCopy('meta', { platform: 'meta', source: 'ai', primaryTexts: ['Green tea from Kyoto.'], headlines: [metaHeadline], descriptions: [] }, teaContext()))).not.toContain('length');
  });

  it('holds each field to its count: 3–15 headlines, 2–4 descriptions, 2 paths', () => {
    const few = validateCopy('google_ads', google(['Green Tea', 'Matcha']), teaContext());
    expect(few.find((c) => c.id === 'count')).toMatchObject({ field: 'headlines', index: null, severity: 'block' });
    const paths = validateCopy('google_ads', google(['Green Tea', 'Matcha', 'Tea Sets'], undefined, ['tea', 'green', 'matcha']), teaContext());
    expect(paths.find((c) => c.id === 'count')).toMatchObject({ field: 'paths' });
    const path = validateCopy('google_ads', google(['Green Tea', 'Matcha', 'Tea Sets'], undefined, ['green-tea-from-kyoto']), teaContext());
    expect(path.find((c) => c.id === 'length')).toMatchObject({ field: 'paths', index: 0 });
  });

  it('blocks exact repeats and warns on near-duplicates', () => {
    const checks = validateCopy('google_ads', google(['Green Tea Online', 'green tea online', 'Green Teas Online', 'Matcha Sets']), teaContext());
    expect(checks.filter((c) => c.id === 'duplicate').map((c) => c.index)).toEqual([1]);
    expect(checks.filter((c) => c.id === 'near-duplicate').map((c) => c.index)).toEqual([2]);
  });

  it('blocks banned terms as whole words, in any case', () => {
    expect(ids(validateCopy('google_ads', google(['Cheap Green Tea', 'Matcha', 'Tea Sets']), teaContext()))).toContain('banned-term');
    expect(ids(validateCopy('google_ads', google(['Cheapside Green Tea', 'Matcha', 'Tea Sets']), teaContext()))).not.toContain('banned-term');
  });

  it('warns when too few headlines carry a keyword, and when a required term is missing', () => {
    const checks = validateCopy('google_ads', google(['Kyoto Tea House', 'Matcha Online', 'Loose Leaf Teas']), teaContext({ voice: { ...TEA_VOICE, requiredTerms: ['Kyoto Tea Co'] } }));
    expect(checks.find((c) => c.id === 'keyword')).toMatchObject({ severity: 'warn', field: 'headlines' });
    expect(checks.find((c) => c.id === 'required-term')).toMatchObject({ severity: 'warn' });
    expect(hasBlock(checks)).toBe(false);
  });

  it("warns on a competitor's trademark", () => {
    const checks = validateCopy('google_ads', google(['Better Than Teavana', 'Matcha Online', 'Green Tea']), teaContext({ competitors: ['Teavana'] }));
    expect(checks.find((c) => c.id === 'trademark')).toMatchObject({ severity: 'warn', index: 0 });
  });

  it("takes a call to action from the platform's own list only", () => {
    const meta = (callToAction: string): AdCopy => ({ platform: 'meta', source: 'ai', primaryTexts: ['Green tea from Kyoto.'], headlines: ['Green Tea'], descriptions: [], callToAction });
    expect(ids(validateCopy('meta', meta('SHOP_NOW'), teaContext()))).not.toContain('call-to-action');
    expect(ids(validateCopy('meta', meta('PLAY_GAME'), teaContext()))).toContain('call-to-action');
  });

  it('asks for an https landing page', () => {
    const at = (landingPage: string) => validateCopy('google_ads', google(['Green Tea', 'Matcha', 'Tea Sets']), teaContext({ brief: { ...TEA_BRIEF, landingPage } })).filter((c) => c.id === 'landing-page');
    expect(at('https://tea.example.com/')).toEqual([]);
    expect(at('http://tea.example.com/')[0]?.message).toMatch(/https/);
    expect(at('tea.example.com')).toHaveLength(1);
    expect(at('https://localhost/')).toHaveLength(1);
  });

  it('refuses copy written for another platform', () => {
    expect(ids(validateCopy('meta', google(['Green Tea', 'Matcha', 'Tea Sets']), teaContext()))).toEqual(['platform']);
  });
});
