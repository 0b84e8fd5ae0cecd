import { adTextLength } from '@adloop/contracts/ad-text';
import { tidy } from './text.ts';

/** Words a cut text should not end on. */
const DANGLING = /[\s,;:–—\-&+/|]+(?:and|or|for|with|the|a|an|to|of|in|on|at|by|from|your|our|und|oder|mit)?$/iu;

/**
 * The text cut to at most `max` characters as the platform counts them: at the last word boundary that
 * fits (never mid-word when a boundary exists), without a dangling "and"/"for" or separator at the end.
 * Texts without spaces (Chinese, Japanese) are cut by character.
 */
export function fitLength(text: string, max: number, countsWide: boolean): string {
  if (adTextLength(text, countsWide) <= max) return text;
  const chars = [...text];
  let length = 0;
  let cut = 0;
  while (cut < chars.length) {
    const next = length + adTextLength(chars[cut] ?? '', countsWide);
    if (next > max) break;
    length = next;
    cut++;
  }
  const head = chars.slice(0, cut).join('');
  const atBoundary = chars[cut] === ' ' || /\s/.test(chars[cut] ?? '');
  const lastSpace = head.lastIndexOf(' ');
  let cutText = atBoundary || lastSpace <= 0 ? head : head.slice(0, lastSpace);
  for (let previous = ''; previous !== cutText; ) {
    previous = cutText;
    cutText = cutText.replace(DANGLING, '');
  }
  const result = tidy(cutText);
  return adTextLength(result, countsWide) <= max ? result : chars.slice(0, Math.max(0, cut - 1)).join('').trim();
}
