/** Small text helpers the copy checks and repairs share: words, term matching, tidying. */

const WORD_CHAR = /[\p{L}\p{N}]/u;
const CJK = /[\u2E80-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF]/u;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A term as a case-insensitive pattern that matches whole words ("tea" is not found in "steady"); terms
 * in scripts written without spaces (Chinese, Japanese) match anywhere.
 */
export function termPattern(term: string, flags = 'iu'): RegExp | null {
  const key = `${flags}:${term}`;
  if (!PATTERNS.has(key)) {
    if (PATTERNS.size > 2_000) PATTERNS.clear();
    PATTERNS.set(key, buildPattern(term, flags));
  }
  const pattern = PATTERNS.get(key) ?? null;
  if (pattern) pattern.lastIndex = 0;
  return pattern;
}

/** Compiled term patterns: the same few terms are matched against every text. */
const PATTERNS = new Map<string, RegExp | null>();

function buildPattern(term: string, flags: string): RegExp | null {
  const clean = term.trim().replace(/\s+/g, ' ');
  if (clean === '') return null;
  const body = escapeRegExp(clean).replace(/ /g, '\\s+');
  if (CJK.test(clean)) return new RegExp(body, flags);
  const start = WORD_CHAR.test(clean[0] ?? '') ? '(?<![\\p{L}\\p{N}])' : '';
  const end = WORD_CHAR.test(clean.at(-1) ?? '') ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${start}${body}${end}`, flags);
}

export function hasTerm(text: string, term: string): boolean {
  return termPattern(term)?.test(text) ?? false;
}

/** The first of `terms` the text contains, if any. */
export function firstTerm(text: string, terms: readonly string[]): string | undefined {
  return terms.find((term) => hasTerm(text, term));
}

/** Every occurrence of `term` taken out of the text (then tidied). */
export function removeTerm(text: string, term: string): string {
  const pattern = termPattern(term, 'giu');
  return pattern ? tidy(text.replace(pattern, ' ')) : text;
}

/** The words of a text, lower-cased, for comparison. */
export function wordsOf(text: string): string[] {
  const known = WORDS.get(text);
  if (known) return known;
  if (WORDS.size > 5_000) WORDS.clear();
  const words = text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  WORDS.set(text, words);
  return words;
}

/** Words of recent texts: duplicate checks compare each text with many others. */
const WORDS = new Map<string, string[]>();

/** Spacing and stray punctuation cleaned up: one space between words, none before , . ! ? : ; and no separators dangling at either end. */
export function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.!?:;])/g, '$1')
    .replace(/([,:;])(?=[,.!?:;])/g, '')
    .replace(/^[\s,.;:|/\-–—&+]+/, '')
    .replace(/[\s,;:|/\-–—&+]+$/, '')
    .replace(/\(\s*\)/g, '')
    .trim();
}

/** The text with its first letter capitalised. */
export const capitalise = (text: string): string => (text === '' ? text : text.charAt(0).toUpperCase() + text.slice(1));
