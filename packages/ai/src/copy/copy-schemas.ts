import { z } from 'zod';
import type { AdCopy } from '@adloop/contracts';
import { COPY_FORMATS, copyFormat, type CopyPlatform } from '@adloop/contracts/copy-formats';

/**
 * The structured output asked of the model per platform. Limits (text lengths, counts, the call-to-action
 * list) are sent as JSON Schema hints but NOT enforced when parsing: a text that is too long or a call to
 * action the platform lacks is the validator's business (it is repaired and the repair recorded), while an
 * answer that is not the right shape at all is refused here and asked again.
 */

/** The bound the contracts hold any ad text to; beyond it the answer is not ad copy. */
const ANY_TEXT = 2_200;
const MOST_TEXTS = 50;

const texts = (platform: CopyPlatform, field: string) => {
  const format = copyFormat(platform).fields[field];
  if (!format) throw new Error(`${platform} has no copy field ${field}`);
  return z
    .array(z.string().max(ANY_TEXT).meta({ maxLength: format.max }))
    .max(MOST_TEXTS)
    .meta({ minItems: format.min, maxItems: format.most, description: `${format.label}s: ${format.min}–${format.most} texts of at most ${format.max} characters` });
};

const callToAction = (platform: CopyPlatform) => {
  const offered = copyFormat(platform).callToActions ?? [];
  return z.string().max(50).meta({ enum: [...offered], description: 'One of the platform’s call-to-action buttons' });
};

const ONE_AD = {
  google_ads: z.strictObject({ headlines: texts('google_ads', 'headlines'), descriptions: texts('google_ads', 'descriptions'), paths: texts('google_ads', 'paths') }),
  meta: z.strictObject({ primaryTexts: texts('meta', 'primaryTexts'), headlines: texts('meta', 'headlines'), descriptions: texts('meta', 'descriptions'), callToAction: callToAction('meta') }),
  tiktok: z.strictObject({ adTexts: texts('tiktok', 'adTexts'), callToAction: callToAction('tiktok') }),
} as const;

export type ModelAd<P extends CopyPlatform> = z.infer<(typeof ONE_AD)[P]>;
type AnyModelAd = ModelAd<CopyPlatform>;

/** The answer's schema for `count` variations of one platform's ad: `{ variations: [ad, …] }`. */
export function copyOutputSchema(platform: CopyPlatform, count: number) {
  return z.strictObject({
    variations: z.array(ONE_AD[platform] as z.ZodType<AnyModelAd>).min(1).max(MOST_TEXTS).meta({ minItems: count, maxItems: count }),
  });
}
export type CopyOutput = z.infer<ReturnType<typeof copyOutputSchema>>;

/** The output's name as OpenAI takes it (letters, digits, `_`, `-`). */
export const copyOutputName = (platform: CopyPlatform): string => `ad_copy_${platform}`;

/** A model's ad as the contracts' `AdCopy`, labelled `ai`. */
export function toAdCopy(platform: CopyPlatform, ad: AnyModelAd): AdCopy {
  const text = (field: string): string[] => {
    const value = (ad as Record<string, unknown>)[field];
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  };
  const cta = (ad as Record<string, unknown>).callToAction;
  const callToAction = typeof cta === 'string' && cta.trim() ? { callToAction: cta.trim() } : {};
  switch (platform) {
    case 'google_ads':
      return { platform, source: 'ai', headlines: text('headlines'), descriptions: text('descriptions'), paths: text('paths') };
    case 'meta':
      return { platform, source: 'ai', primaryTexts: text('primaryTexts'), headlines: text('headlines'), descriptions: text('descriptions'), ...callToAction };
    case 'tiktok':
      return { platform, source: 'ai', adTexts: text('adTexts'), ...callToAction };
  }
}

/** Tokens an answer of `count` variations may take: the longest texts a platform allows, at about 3 characters a token, plus JSON. */
export function maxCopyOutputTokens(platform: CopyPlatform, count: number): number {
  const fields = Object.values(COPY_FORMATS[platform].fields);
  const characters = fields.reduce((sum, f) => sum + f.most * (f.max + 8), 40);
  return Math.min(4_096, 64 + count * Math.ceil(characters / 3));
}
