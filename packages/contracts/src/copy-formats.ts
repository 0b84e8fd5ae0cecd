/**
 * What each platform's ad copy is made of: its text fields, how long each text may be in the platform's
 * counting, how many of each an ad takes, and the call-to-action buttons it offers. Shared by the adapters
 * (capabilities), the engine's copy validator and the web app's counters. No Zod here, like `ad-text.ts`.
 */

export type CopyPlatform = 'google_ads' | 'meta' | 'tiktok';

/** One text field of an ad: each text at most `max` long (as the platform counts); between `min` and `most` texts. */
export interface CopyField {
  max: number;
  min: number;
  most: number;
  /** The platform's own word for the field. */
  label: string;
  /** Texts shown as titles: editorial rules for headlines apply (Google: no "!"). */
  isHeadline: boolean;
}

export interface CopyFormat {
  /** Double-width characters count 2 (see `adTextLength`). */
  countsWide: boolean;
  fields: Readonly<Record<string, CopyField>>;
  /** The call-to-action buttons the platform offers; null when its ads have none. */
  callToActions: readonly string[] | null;
}

/** Meta's call-to-action types for link ads (`call_to_action.type`). */
export const META_CALL_TO_ACTIONS = ['LEARN_MORE', 'SHOP_NOW', 'SIGN_UP', 'SUBSCRIBE', 'CONTACT_US', 'GET_OFFER', 'GET_QUOTE', 'BOOK_TRAVEL', 'APPLY_NOW', 'ORDER_NOW', 'DOWNLOAD', 'WATCH_MORE'] as const;

/** TikTok's `call_to_action` values. */
export const TIKTOK_CALL_TO_ACTIONS = ['LEARN_MORE', 'SHOP_NOW', 'SIGN_UP', 'CONTACT_US', 'DOWNLOAD', 'BOOK_NOW', 'ORDER_NOW', 'APPLY_NOW', 'GET_QUOTE', 'SUBSCRIBE', 'WATCH_NOW', 'PLAY_GAME'] as const;

/**
 * Google responsive search ads: 3–15 headlines ≤ 30, 2–4 descriptions ≤ 90, display paths ≤ 15 (path2 only
 * after path1, which a list of at most two keeps), double-width characters counting 2. Meta link ads: up to
 * 5 variations per text field at the lengths that show without truncation (125 / 40 / 30; Meta's own
 * figures are recommendations, and we hold copy to them as the adapter does). TikTok: `ad_text` 1–100,
 * double-width counting 2, up to 5 variations (`ad_texts`).
 */
export const COPY_FORMATS = {
  google_ads: {
    countsWide: true,
    fields: {
      headlines: { max: 30, min: 3, most: 15, label: 'Headline', isHeadline: true },
      descriptions: { max: 90, min: 2, most: 4, label: 'Description', isHeadline: false },
      paths: { max: 15, min: 0, most: 2, label: 'Display path', isHeadline: false },
    },
    callToActions: null,
  },
  meta: {
    countsWide: false,
    fields: {
      primaryTexts: { max: 125, min: 1, most: 5, label: 'Primary text', isHeadline: false },
      headlines: { max: 40, min: 1, most: 5, label: 'Headline', isHeadline: true },
      descriptions: { max: 30, min: 0, most: 5, label: 'Description', isHeadline: false },
    },
    callToActions: META_CALL_TO_ACTIONS,
  },
  tiktok: {
    countsWide: true,
    fields: {
      adTexts: { max: 100, min: 1, most: 5, label: 'Ad text', isHeadline: false },
    },
    callToActions: TIKTOK_CALL_TO_ACTIONS,
  },
} as const satisfies Readonly<Record<CopyPlatform, CopyFormat>>;

/** A platform's copy format, typed for code that walks any platform's fields. */
export const copyFormat = (platform: CopyPlatform): CopyFormat => COPY_FORMATS[platform];
