import { z } from 'zod';
import { COPY_FORMATS } from './copy-formats.ts';

/**
 * Ad copy: an organisation's brand voice, the brief for one request, and the copy each platform takes.
 * Text lengths are not capped here in characters: the platforms count double-width characters twice,
 * so the engine's validator (`validateCopy`) measures each text the platform's way and names the one
 * that is too long. The bounds below only keep requests a sane size.
 */

const Term = z.string().trim().min(1).max(80);
/** Generous bound on one text of any field; the validator holds each field to its real limit. */
const Text = z.string().max(2_200);

/** Brand voice, in the shape of Google's brand guidelines: up to 25 term exclusions and 40 message restrictions. */
export const BrandVoice = z
  .object({
    /** Tone adjectives ("friendly", "expert"): guidance for writers, not checked word by word. */
    tone: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
    /** Words or phrases the ad should carry somewhere (brand name, a registered product name). */
    requiredTerms: z.array(Term).max(25).default([]),
    /** Words or phrases no text may contain. */
    bannedTerms: z.array(Term).max(25).default([]),
    /** Natural-language rules ("do not mention prices"), for writers and reviewers. */
    messageRestrictions: z.array(z.string().trim().min(1).max(300)).max(40).default([]),
  })
  .meta({ id: 'BrandVoice' });
export type BrandVoice = z.infer<typeof BrandVoice>;

/** What one request for copy is about. */
export const CopyBrief = z
  .object({
    product: z.string().trim().min(1).max(200),
    offer: z.string().trim().max(200).default(''),
    audience: z.string().trim().max(200).default(''),
    keywords: z.array(Term).max(20).default([]),
    /** The page the ad leads to: https only (whether it answers is checked by the server). */
    landingPage: z.string().trim().min(1).max(2_048),
    /** BCP 47 language tag of the copy ("en", "de", "ja"). */
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en or de-CH').default('en'),
  })
  .meta({ id: 'CopyBrief' });
export type CopyBrief = z.infer<typeof CopyBrief>;

/** Who wrote the copy: a language model, the template grammar (no provider), or a person. */
export const CopySource = z.enum(['ai', 'template', 'manual']);
export type CopySource = z.infer<typeof CopySource>;

const texts = (most: number) => z.array(Text).max(most);
const { google_ads: google, meta, tiktok } = COPY_FORMATS;

/** Google responsive search ad: up to 15 headlines (≤ 30), 4 descriptions (≤ 90), two display paths (≤ 15). */
export const GoogleRsaCopy = z
  .object({
    platform: z.literal('google_ads'),
    source: CopySource,
    headlines: texts(google.fields.headlines.most),
    descriptions: texts(google.fields.descriptions.most),
    paths: texts(google.fields.paths.most).default([]),
  })
  .meta({ id: 'GoogleRsaCopy' });
export type GoogleRsaCopy = z.infer<typeof GoogleRsaCopy>;

/** Meta link ad: up to 5 primary texts, headlines and descriptions, and one of Meta's call-to-action buttons. */
export const MetaCopy = z
  .object({
    platform: z.literal('meta'),
    source: CopySource,
    primaryTexts: texts(meta.fields.primaryTexts.most),
    headlines: texts(meta.fields.headlines.most),
    descriptions: texts(meta.fields.descriptions.most).default([]),
    callToAction: z.string().max(50).optional(),
  })
  .meta({ id: 'MetaCopy' });
export type MetaCopy = z.infer<typeof MetaCopy>;

/** TikTok ad: up to 5 ad texts (one shows per ad) and one of TikTok's call-to-action buttons. */
export const TikTokCopy = z
  .object({
    platform: z.literal('tiktok'),
    source: CopySource,
    adTexts: texts(tiktok.fields.adTexts.most),
    callToAction: z.string().max(50).optional(),
  })
  .meta({ id: 'TikTokCopy' });
export type TikTokCopy = z.infer<typeof TikTokCopy>;

export const AdCopy = z.discriminatedUnion('platform', [GoogleRsaCopy, MetaCopy, TikTokCopy]).meta({ id: 'AdCopy' });
export type AdCopy = z.infer<typeof AdCopy>;

/**
 * One finding of the copy validator. `block`: the platform would refuse or disapprove it, so it cannot be
 * published; `warn`: a person should look (an unproven "#1", a competitor's trademark, a missing keyword).
 * `field` is the copy field (`headlines`, `callToAction`, `landingPage`), `index` the text within it, null
 * for the field or the ad as a whole.
 */
export const CopyCheck = z
  .object({
    id: z.string(),
    severity: z.enum(['block', 'warn']),
    field: z.string(),
    index: z.number().int().min(0).nullable(),
    message: z.string(),
  })
  .meta({ id: 'CopyCheck' });
export type CopyCheck = z.infer<typeof CopyCheck>;
