/**
 * How ad platforms count the length of ad text, shared by the adapters (checks before sending) and
 * the web wizard (counters as the person types), so both count the same way. No Zod here: the web
 * app imports this module (`@adloop/contracts/ad-text`) at runtime, and the schemas stay out of its bundle.
 */

/** Double-width characters: CJK ideographs, kana, Hangul, full-width forms (the ranges both Google and TikTok count as 2). */
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** A text's length as the platform counts it: characters (code points, so an emoji is one), double-width ones twice where `countsWide`. */
export function adTextLength(text: string, countsWide: boolean): number {
  let length = 0;
  for (const ch of text) length += countsWide && WIDE.test(ch) ? 2 : 1;
  return length;
}
