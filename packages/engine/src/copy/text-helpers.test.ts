import { describe, expect, it } from 'vitest';
import { allowedCapitals, gimmickyWord } from './caps.ts';
import { fitLength } from './fit-length.ts';
import { similarity } from './similarity.ts';
import { hasTerm, removeTerm } from './text.ts';

describe('gimmickyWord', () => {
  const none = new Set<string>();
  it('tells shouting and gimmicky case from acronyms and names', () => {
    expect(gimmickyWord('FREE', none)).toBe('shouting');
    expect(gimmickyWord('FLOWERS', none)).toBe('shouting');
    expect(gimmickyWord('FrEe', none)).toBe('mixed');
    expect(gimmickyWord('fReE', none)).toBe('mixed');
    for (const word of ['NASA', 'USA', 'CEOs', 'iOS', 'eBay', 'YouTube', 'McDonald', 'PhD', 'Tea', 'I']) expect(gimmickyWord(word, none)).toBeNull();
  });

  it("lets the organisation's own capitals through, except shouts", () => {
    const allowed = allowedCapitals(['MATCHALAB green tea', 'BEST TEA']);
    expect(gimmickyWord('MATCHALAB', allowed)).toBeNull();
    expect(gimmickyWord('BEST', allowed)).toBe('shouting');
  });
});

describe('fitLength', () => {
  it('cuts at a word boundary and drops a dangling joining word', () => {
    expect(fitLength('Green tea and matcha for every morning', 24, false)).toBe('Green tea and matcha');
    expect(fitLength('Green tea for', 12, false)).toBe('Green tea');
    expect(fitLength('Short', 30, false)).toBe('Short');
  });

  it('cuts text without spaces by character, double-width counting 2', () => {
    expect(fitLength('京都の抹茶と緑茶の専門店です', 10, true)).toBe('京都の抹茶');
    expect(fitLength('x'.repeat(40), 30, false)).toHaveLength(30);
  });
});

describe('similarity', () => {
  it('sees plurals, case and reordering as alike, different offers as different', () => {
    expect(similarity('Green Tea Online', 'green teas online')).toBeGreaterThanOrEqual(0.8);
    expect(similarity('Matcha From Kyoto', 'Kyoto Matcha From')).toBe(1);
    expect(similarity('Green Tea Online', 'Matcha Gift Sets')).toBeLessThan(0.5);
  });
});

describe('terms', () => {
  it('match whole words, any case; CJK terms anywhere', () => {
    expect(hasTerm('Cheap tea', 'cheap')).toBe(true);
    expect(hasTerm('Cheapside tea', 'cheap')).toBe(false);
    expect(hasTerm('green  tea', 'Green Tea')).toBe(true);
    expect(hasTerm('京都の抹茶', '抹茶')).toBe(true);
    expect(removeTerm('Cheap, fresh tea', 'cheap')).toBe('fresh tea');
  });
});
