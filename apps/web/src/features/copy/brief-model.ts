import type { CopyBrief, GenerateCopyBody, PlatformId } from './copy-types.ts';
import { keywordList } from './copy-model.ts';

/** The brief form as typed: keywords as one text (comma or one per line). */
export interface BriefDraft {
  product: string;
  offer: string;
  audience: string;
  keywords: string;
  landingPage: string;
  language: string;
  platforms: PlatformId[];
  variations: number;
}

export const BRIEF_FIELDS = ['product', 'offer', 'audience', 'keywords', 'landingPage', 'language', 'platforms', 'variations'] as const;
export type BriefField = (typeof BRIEF_FIELDS)[number];
export type BriefErrors = Partial<Record<BriefField, string>>;

/** Languages offered in the form (any BCP 47 tag is accepted by the API). */
export const LANGUAGES: readonly { value: string; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'de', label: 'German' },
  { value: 'fr', label: 'French' },
  { value: 'es', label: 'Spanish' },
  { value: 'it', label: 'Italian' },
  { value: 'nl', label: 'Dutch' },
  { value: 'pt', label: 'Portuguese' },
  { value: 'ja', label: 'Japanese' },
];

export function emptyBrief(platform: PlatformId, prefill: Partial<BriefDraft> = {}): BriefDraft {
  return { product: '', offer: '', audience: '', keywords: '', landingPage: '', language: 'en', platforms: [platform], variations: 2, ...prefill };
}

function isHttps(text: string): 'ok' | 'http' | 'bad' {
  try {
    const url = new URL(text);
    if (!/^[^.]+(\.[^.]+)+$/.test(url.hostname)) return 'bad';
    return url.protocol === 'https:' ? 'ok' : url.protocol === 'http:' ? 'http' : 'bad';
  } catch {
    return 'bad';
  }
}

/** What the form refuses before asking the server (the server's checks are the same, and name the same fields). */
export function briefErrors(draft: BriefDraft): BriefErrors {
  const errors: BriefErrors = {};
  const product = draft.product.trim();
  if (!product) errors.product = 'Say what the ad is for, e.g. “trail running shoes”';
  else if (product.length > 200) errors.product = 'Use at most 200 characters';
  if (draft.offer.trim().length > 200) errors.offer = 'Use at most 200 characters';
  if (draft.audience.trim().length > 200) errors.audience = 'Use at most 200 characters';
  const keywordLines = draft.keywords.split(/[\n,]/).map((k) => k.trim()).filter(Boolean);
  if (keywordLines.some((k) => k.length > 80)) errors.keywords = 'Keep each keyword to 80 characters';
  else if (new Set(keywordLines.map((k) => k.toLowerCase())).size > 20) errors.keywords = 'Use at most 20 keywords';
  const page = draft.landingPage.trim();
  const kind = page ? isHttps(page) : 'bad';
  if (!page) errors.landingPage = 'Enter the page the ad leads to, like https://example.com/offer';
  else if (kind === 'http') errors.landingPage = 'The landing page must use https';
  else if (kind === 'bad') errors.landingPage = 'Enter a full https address, like https://example.com/offer';
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(draft.language)) errors.language = 'Choose a language';
  if (draft.platforms.length === 0) errors.platforms = 'Pick at least one platform';
  return errors;
}

export function toBrief(draft: BriefDraft): CopyBrief {
  return {
    product: draft.product.trim(),
    offer: draft.offer.trim(),
    audience: draft.audience.trim(),
    keywords: keywordList(draft.keywords),
    landingPage: draft.landingPage.trim(),
    language: draft.language,
  };
}

export function toGenerateBody(draft: BriefDraft, adGroupId: string | undefined): GenerateCopyBody {
  return { brief: toBrief(draft), platforms: draft.platforms, variations: draft.variations, ...(adGroupId ? { adGroupId } : {}) };
}

/** The API names brief fields `brief.product`…: the form's own names. */
export function briefFieldOf(apiField: string): BriefField | null {
  const name = apiField.replace(/^brief\./, '').split('.')[0] ?? '';
  return (BRIEF_FIELDS as readonly string[]).includes(name) ? (name as BriefField) : null;
}
