import type { CopyPlatform } from '@adloop/contracts/copy-formats';

export type Severity = 'block' | 'warn';

/**
 * How strictly a platform treats each kind of copy problem: `block` where its policy disapproves the ad
 * or its API refuses the text, `warn` where a reviewer should look, null where it does not care.
 */
export interface CopyPolicy {
  /** Google: no "!" in headlines. */
  exclamationInHeadline: Severity | null;
  /** Google: at most one "!" in the whole ad. */
  exclamationsPerAd: { most: number; severity: Severity } | null;
  /** "!!", "??", "$$$", "**". */
  repeatedPunctuation: Severity | null;
  /** ALL CAPS words that are not acronyms, and gimmicky mixed case ("FrEe"). */
  gimmickyCaps: Severity | null;
  /** "4 u", "2day", "F1owers", "$ave". */
  symbolsForWords: Severity | null;
  /** Ellipses, bullets and non-standard superscripts. */
  ellipsisAndBullets: Severity | null;
  /** Two or more spaces in a row. */
  spacing: Severity | null;
  /** The same word twice or more in a row ("Tea Tea Tea"). */
  repetition: Severity | null;
  /** A phone number in the text (Google wants call assets instead). */
  phoneNumbers: Severity | null;
  emoji: Severity | null;
  /** Characters the platform does not support in ads (Google: single-byte katakana). */
  unsupportedCharacters: Severity | null;
  /** A call to action that could end any ad ("Click here"). */
  genericCallToAction: Severity | null;
  /** Asserting a person's health, beliefs, finances or other personal attributes ("Are you overweight?"). */
  personalAttributes: Severity | null;
  /** "#1", "best", "number one" without proof. */
  superlatives: Severity;
  /** Another company's trademark in the text. */
  trademarks: Severity;
}

/** Meta's policy: no style rules (shouting and "!!!" only warn), but ads that assert personal attributes are refused. */
const META_POLICY: CopyPolicy = {
  exclamationInHeadline: null,
  exclamationsPerAd: null,
  repeatedPunctuation: 'warn',
  gimmickyCaps: 'warn',
  symbolsForWords: null,
  ellipsisAndBullets: null,
  spacing: null,
  repetition: 'warn',
  phoneNumbers: null,
  emoji: null,
  unsupportedCharacters: null,
  genericCallToAction: null,
  personalAttributes: 'block',
  superlatives: 'warn',
  trademarks: 'warn',
};

/**
 * Google's editorial policy (support.google.com/adspolicy/answer/14847994 and the pages beside it; formerly
 * support.google.com/adwordspolicy/answer/176095) disapproves every style
 * problem listed; unverified superlatives and trademarks are reviewed case by case, so they warn. Meta and
 * TikTok have no such style rules (shouting and "!!!" only warn), but both refuse ads that assert personal
 * attributes, and TikTok's API refuses emoji in ad text.
 */
export const COPY_POLICIES: Readonly<Record<CopyPlatform, CopyPolicy>> = {
  google_ads: {
    exclamationInHeadline: 'block',
    exclamationsPerAd: { most: 1, severity: 'block' },
    repeatedPunctuation: 'block',
    gimmickyCaps: 'block',
    symbolsForWords: 'block',
    ellipsisAndBullets: 'block',
    spacing: 'block',
    repetition: 'block',
    phoneNumbers: 'block',
    emoji: 'block',
    unsupportedCharacters: 'block',
    genericCallToAction: 'block',
    personalAttributes: 'warn',
    superlatives: 'warn',
    trademarks: 'warn',
  },
  meta: META_POLICY,
  /**
   * TikTok: Meta's rules, its API refuses emoji in ad text, and its misleading-claims policy refuses absolute
   * terms about a product in relation to time, region or brand ("Number 1 essence on TikTok") outright.
   */
  tiktok: { ...META_POLICY, emoji: 'block', superlatives: 'block' },
};
