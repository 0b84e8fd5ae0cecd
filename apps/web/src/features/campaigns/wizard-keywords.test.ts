import { describe, expect, it } from 'vitest';
import { keywordsProblem, parseKeywords } from './wizard-keywords.ts';

const ALL = ['EXACT', 'PHRASE', 'BROAD'] as const;

describe('keywords in Google’s notation', () => {
  it('reads [exact], "phrase" and broad lines, skipping blank ones', () => {
    expect(parseKeywords('[trail shoes]\n"running  shoes"\n\n  hiking   boots \n“rain jacket”')).toEqual([
      { text: 'trail shoes', matchType: 'EXACT' },
      { text: 'running  shoes', matchType: 'PHRASE' },
      { text: 'hiking boots', matchType: 'BROAD' },
      { text: 'rain jacket', matchType: 'PHRASE' },
    ]);
  });

  it('says what Google would refuse', () => {
    expect(keywordsProblem([], ALL)).toMatch(/at least one keyword/);
    expect(keywordsProblem(parseKeywords('[]'), ALL)).toMatch(/nothing inside/);
    expect(keywordsProblem(parseKeywords('x'.repeat(81)), ALL)).toMatch(/80 characters/);
    expect(keywordsProblem(parseKeywords('a b c d e f g h i j k'), ALL)).toMatch(/10 words/);
    expect(keywordsProblem(parseKeywords('shoes!'), ALL)).toMatch(/characters keywords cannot have/);
    expect(keywordsProblem(parseKeywords('[Shoes]\n[shoes]'), ALL)).toMatch(/twice as exact match/);
    expect(keywordsProblem(parseKeywords('[shoes]\nshoes'), ALL)).toBeNull();
  });
});
