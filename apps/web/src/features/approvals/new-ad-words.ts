import { COPY_FORMATS } from '@adloop/contracts/copy-formats';
import type { CampaignChange } from '../../lib/types.ts';

/** One text field of a proposed ad, in the platform's words: "Headline", and its texts in order. */
export interface NewAdField {
  key: string;
  label: string;
  texts: string[];
}

/** A `create_ad` change's ad as the inbox shows it: each field's texts, the button, the landing page and who wrote it. */
export interface NewAdView {
  name: string;
  fields: NewAdField[];
  callToAction: string | null;
  finalUrl: string;
  /** Who wrote the texts, as the copy panels say it: "AI-assisted" (the AI wrote or proposed them), "Template" (the template grammar), null for a person's. */
  sourceLabel: 'AI-assisted' | 'Template' | null;
  /** Once created: the platform's id of the new ad. */
  createdAdId: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []);

/** "Call to action" words as people read them: SHOP_NOW → "Shop now". */
export const ctaWords = (cta: string): string => cta.charAt(0) + cta.slice(1).toLowerCase().replaceAll('_', ' ');

/**
 * The ad a `create_ad` change creates, from its payload (parse boundary: stored JSON, read without the
 * schemas): the platform's copy fields with their labels (`COPY_FORMATS`), empty fields left out; null
 * for any other change or a payload that is not an ad.
 */
export function newAdOf(change: Pick<CampaignChange, 'field' | 'payload' | 'actorType'>): NewAdView | null {
  if (change.field !== 'ad' || !isRecord(change.payload)) return null;
  const { copy, finalUrl, name, createdAd } = change.payload;
  if (!isRecord(copy) || typeof copy.platform !== 'string' || !(copy.platform in COPY_FORMATS)) return null;
  const format = COPY_FORMATS[copy.platform as keyof typeof COPY_FORMATS];
  const fields = Object.entries(format.fields)
    .map(([key, field]) => ({ key, label: field.label, texts: strings(copy[key]) }))
    .filter((f) => f.texts.length > 0);
  return {
    name: typeof name === 'string' ? name : '',
    fields,
    callToAction: typeof copy.callToAction === 'string' ? copy.callToAction : null,
    finalUrl: typeof finalUrl === 'string' ? finalUrl : '',
    sourceLabel: copy.source === 'template' ? 'Template' : copy.source === 'ai' || change.actorType === 'ai' ? 'AI-assisted' : null,
    createdAdId: isRecord(createdAd) && typeof createdAd.platformId === 'string' ? createdAd.platformId : null,
  };
}
