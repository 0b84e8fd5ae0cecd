import { invalid } from './tiktok-params.ts';
import type { TikTokFailure } from './tiktok-envelope.ts';

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;
const EMOJI = /\p{Extended_Pictographic}/u;

/** TikTok's length: double-width (CJK, full-width) characters count as 2. */
export function tiktokLength(text: string): number {
  let n = 0;
  for (const ch of text) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

export function hasEmoji(text: string): boolean {
  return EMOJI.test(text);
}

/** Checks a name or copy field: length bounds (CJK = 2) and, unless allowed, no emoji. */
export function checkText(field: string, text: string, bounds: { min?: number; max: number; emoji?: boolean }): TikTokFailure | null {
  const length = tiktokLength(text);
  const min = bounds.min ?? 1;
  if (length < min || length > bounds.max) {
    return invalid(field, `Length must be between ${min} and ${bounds.max} (double-width characters count as 2); got ${length}.`);
  }
  if (!bounds.emoji && hasEmoji(text)) return invalid(field, 'Emoji are not allowed.');
  return null;
}

/** Name limits (reference §3.5 / §3.10). */
export const NAME_MAX = 512;
export const AD_TEXT_MAX = 100;
export const DISPLAY_NAME = { min: 2, max: 40 } as const;
