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

/**
 * Edit distance between two code-point arrays when it is at most `max`, otherwise `max + 1`: only the band
 * of cells within `max` of the diagonal is computed, and the walk stops once a whole row is past `max`.
 */
export function levenshteinWithin(x: readonly string[], y: readonly string[], max: number): number {
  const over = max + 1;
  if (Math.abs(x.length - y.length) > max) return over;
  if (x.length === 0 || y.length === 0) return Math.max(x.length, y.length);
  let previous = new Int32Array(y.length + 1);
  let current = new Int32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) previous[j] = j <= max ? j : over;
  for (let i = 1; i <= x.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(y.length, i + max);
    current[from - 1] = from === 1 ? Math.min(i, over) : over;
    let best = current[from - 1] ?? over;
    for (let j = from; j <= to; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? over) + 1, (current[j - 1] ?? over) + 1, (previous[j - 1] ?? over) + cost, over);
      current[j] = value;
      if (value < best) best = value;
    }
    if (to < y.length) current[to + 1] = over;
    if (best > max) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[y.length] ?? over, over);
}

/**
 * Whether two texts are near-duplicates (`similarity` at least `NEAR_DUPLICATE`), without computing the
 * whole edit distance: word overlap first, then the lengths alone, then only the band of the edit
 * distance that could still reach the threshold.
 */
export function isNearDuplicate(a: string, b: string): boolean {
  if (wordOverlap(a, b) >= NEAR_DUPLICATE) return true;
  const left = [...wordsOf(a).join(' ')];
  const right = [...wordsOf(b).join(' ')];
  const longest = Math.max(left.length, right.length);
  if (longest === 0) return true;
  const max = Math.floor(longest * (1 - NEAR_DUPLICATE) + 1e-9);
  const distance = levenshteinWithin(left, right, max);
  return distance <= max && 1 - distance / longest >= NEAR_DUPLICATE;
}
