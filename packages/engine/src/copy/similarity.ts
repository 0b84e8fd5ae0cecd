import { wordsOf } from './text.ts';

/** Texts this similar (0–1) say the same thing: one of them is dropped. */
export const NEAR_DUPLICATE = 0.8;

/** Edit distance between two strings, by code point. */
export function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/** Share of distinct words two texts have in common (Jaccard index). */
export function wordOverlap(a: string, b: string): number {
  const left = new Set(wordsOf(a));
  const right = new Set(wordsOf(b));
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared);
}

/**
 * How alike two texts are, 0–1: the higher of their character similarity (1 − edit distance / longer
 * length, on lower-cased words) and their word overlap, so both "Green Tea" / "Green Teas" and reordered
 * words count as alike.
 */
export function similarity(a: string, b: string): number {
  const left = wordsOf(a).join(' ');
  const right = wordsOf(b).join(' ');
  const longest = Math.max([...left].length, [...right].length);
  const chars = longest === 0 ? 1 : 1 - levenshtein(left, right) / longest;
  return Math.max(chars, wordOverlap(a, b));
}

/** Whether two texts are near-duplicates; skips the edit distance when the lengths alone rule it out. */
export function isNearDuplicate(a: string, b: string): boolean {
  if (wordOverlap(a, b) >= NEAR_DUPLICATE) return true;
  const left = wordsOf(a).join(' ');
  const right = wordsOf(b).join(' ');
  const longest = Math.max(left.length, right.length);
  if (longest > 0 && 1 - Math.abs(left.length - right.length) / longest < NEAR_DUPLICATE) return false;
  return similarity(a, b) >= NEAR_DUPLICATE;
}
