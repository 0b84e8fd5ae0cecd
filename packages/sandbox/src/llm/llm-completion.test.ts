import { describe, expect, it } from 'vitest';
import { readBrief } from './copy-brief.ts';
import { complete, parseForcedOutcome, type OutputFormat } from './llm-completion.ts';
import { DEFAULT_LLM_SETTINGS } from './llm-settings.ts';

const PROMPT = 'Product: trail running shoes\nOffer: 20% off this week\nAudience: weekend runners\nKeywords: trail shoes, running shoes\nBrand: Peakstep\nCompetitors: Salomon\nReturn JSON.';
const FORMAT: OutputFormat = {
  kind: 'json_schema',
  schema: { type: 'object', properties: { headlines: { type: 'array', items: { type: 'string' }, maxItems: 15 }, descriptions: { type: 'array', items: { type: 'string' }, maxItems: 4 }, path1: { type: 'string' } }, required: ['headlines', 'descriptions', 'path1'] },
};
const NO_FLAWS = { ...DEFAULT_LLM_SETTINGS, ruleBreakRate: 0, malformedRate: 0 };
type Copy = { headlines: string[]; descriptions: string[]; path1: string };
const texts = (copy: Copy): string[] => [...copy.headlines, ...copy.descriptions, copy.path1];

describe('LLM sandbox copy', () => {
  it('reads the brief from the prompt’s field lines', () => {
    expect(readBrief(PROMPT)).toMatchObject({ product: 'trail running shoes', offer: '20% off this week', keywords: ['trail shoes', 'running shoes'], brand: 'Peakstep', competitors: ['Salomon'] });
  });

  it('writes clean copy within each kind’s limit, the same for the same seed and prompt', () => {
    const first = complete(PROMPT, FORMAT, NO_FLAWS, 1, null);
    expect(first.outcome).toBe('clean');
    const copy: Copy = JSON.parse(first.text);
    expect(copy.headlines).toHaveLength(10);
    expect(new Set(copy.headlines).size).toBe(10);
    expect(copy.headlines.every((h) => h.length <= 30 && !h.includes('!') && h !== h.toUpperCase())).toBe(true);
    expect(copy.descriptions.every((d) => d.length <= 90)).toBe(true);
    expect(copy.path1.length).toBeLessThanOrEqual(15);
    expect(complete(PROMPT, FORMAT, NO_FLAWS, 1, null).text).toBe(first.text);
    expect(complete(PROMPT, FORMAT, NO_FLAWS, 2, null).text).not.toBe(first.text);
  });

  it('breaks the rules in each way on demand', () => {
    const broken = (kind: string): string[] => texts(JSON.parse(complete(PROMPT, FORMAT, NO_FLAWS, 1, parseForcedOutcome(`rule_break:${kind}`)).text));
    expect(broken('too_long').some((t, i) => t.length > (i < 10 ? 30 : i < 14 ? 90 : 15))).toBe(true);
    expect(broken('exclamations').some((t) => t.endsWith('!!!'))).toBe(true);
    expect(broken('all_caps').some((t) => /[A-Z]{4,} [A-Z]{3,}/.test(t))).toBe(true);
    expect(broken('trademark').some((t) => t.includes('Salomon'))).toBe(true);
    expect(broken('banned_claim').some((t) => /guaranteed|#1|cures|risk-free/i.test(t))).toBe(true);
  });

  it('spoils structured output on demand', () => {
    const spoiled = (kind: string) => complete(PROMPT, FORMAT, NO_FLAWS, 1, parseForcedOutcome(`malformed:${kind}`)).text;
    expect(() => JSON.parse(spoiled('truncated'))).toThrow();
    expect(spoiled('wrapped_in_prose')).toMatch(/^Here is[\s\S]*```json/);
    expect(JSON.parse(spoiled('wrong_shape'))).not.toHaveProperty('headlines');
  });

  it('breaks rules and spoils output at about the configured rates', () => {
    const settings = { ...DEFAULT_LLM_SETTINGS, ruleBreakRate: 0.2, malformedRate: 0.1 };
    const outcomes = Array.from({ length: 600 }, (_, i) => complete(`${PROMPT}\nVariation: ${i}`, FORMAT, settings, 3, null).outcome);
    const share = (prefix: string) => outcomes.filter((o) => o.startsWith(prefix)).length / outcomes.length;
    expect(share('rule_break')).toBeGreaterThan(0.14);
    expect(share('rule_break')).toBeLessThan(0.26);
    expect(share('malformed')).toBeGreaterThan(0.06);
    expect(share('malformed')).toBeLessThan(0.14);
  });
});
