import { capitalise } from './text.ts';

/** All-caps words that are shouting, never acronyms. */
const SHOUTS = new Set(['FREE', 'SALE', 'NOW', 'NEW', 'BUY', 'HOT', 'WOW', 'OFF', 'DEAL', 'DEALS', 'SAVE', 'BEST', 'CHEAP', 'TODAY', 'CALL', 'WIN', 'GET', 'SHOP', 'HURRY', 'CLICK', 'BIG', 'ONLY', 'YOU', 'YOUR', 'ALL', 'OUR', 'AND', 'THE', 'FOR', 'NEED', 'WANT', 'LAST', 'FAST', 'EASY', 'HUGE', 'MEGA', 'SUPER']);
/** Mixed-case words written that way on purpose. */
const KNOWN_MIXED = new Set(['PhD', 'PhDs', 'McDonald', 'MacBook', 'iPhone', 'iPad', 'YouTube', 'LinkedIn', 'PayPal', 'eBay', 'WordPress', 'TikTok', 'WhatsApp']);

const CASED_WORD = /[\p{Lu}\p{Ll}][\p{L}\p{M}'’]*/gu;
const isUpper = (ch: string) => ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isLower = (ch: string) => ch !== ch.toUpperCase() && ch === ch.toLowerCase();

/** Words an organisation writes in capitals itself (from its product, keywords, required terms): never shouting. */
export function allowedCapitals(sources: readonly string[]): Set<string> {
  const allowed = new Set<string>();
  for (const source of sources) for (const match of source.matchAll(CASED_WORD)) allowed.add(match[0]);
  return allowed;
}

/**
 * Why a word is gimmicky, or null: ALL CAPS beyond an acronym (2–4 letters, or a plural like "CEOs"), or
 * case that flips inside the word in short pieces ("FrEe", "fReE"; "YouTube" and "iOS" are fine).
 */
export function gimmickyWord(word: string, allowed: ReadonlySet<string>): 'shouting' | 'mixed' | null {
  const letters = [...word].filter((ch) => isUpper(ch) || isLower(ch));
  if (letters.length < 2) return null;
  const stem = word.replace(/[’']?s$/, '');
  const upperStem = [...stem].every((ch) => !isLower(ch));
  if (letters.every(isUpper) || (upperStem && stem.length >= 2)) {
    // A shout stays a shout even in the organisation's own product name ("BEST TEA").
    if (SHOUTS.has(stem.toUpperCase())) return 'shouting';
    return [...stem].filter(isUpper).length >= 5 && !allowed.has(word) ? 'shouting' : null;
  }
  if (allowed.has(word) || KNOWN_MIXED.has(word)) return null;
  if (/^\p{Ll}\p{Lu}{2,}$/u.test(word)) return null;
  const pieces = word.split(/(?=\p{Lu})/u);
  const flips = [...word].some((ch, i) => i > 0 && isUpper(ch) && isLower([...word][i - 1] ?? ''));
  return flips && pieces.every((piece) => [...piece].length <= 2) ? 'mixed' : null;
}

/** A word joined to digits is a code ("SAVE20", "4K"): Google allows coupon codes in capitals. */
const isCode = (text: string, index: number, word: string): boolean => /\p{N}/u.test(text[index + word.length] ?? '') || /\p{N}/u.test(text[index - 1] ?? '');

/** The first gimmicky word of a text, if any. */
export function findGimmickyCaps(text: string, allowed: ReadonlySet<string>): string | null {
  for (const match of text.matchAll(CASED_WORD)) if (!isCode(text, match.index, match[0]) && gimmickyWord(match[0], allowed)) return match[0];
  return null;
}

/** Gimmicky words written as ordinary words ("FREE" → "Free"). */
export function fixGimmickyCaps(text: string, allowed: ReadonlySet<string>): string {
  return text.replace(CASED_WORD, (word, index: number) => (!isCode(text, index, word) && gimmickyWord(word, allowed) ? capitalise(word.toLowerCase()) : word));
}
