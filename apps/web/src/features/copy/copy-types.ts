/**
 * The copy API's shapes, inferred from the shared contract. Type-only imports: the Zod schemas never
 * reach the browser bundle.
 */
import type { z } from 'zod';
import type * as c from '@adloop/contracts';

export type AdCopy = z.infer<typeof c.AdCopy>;
export type CopyBrief = z.infer<typeof c.CopyBrief>;
export type BrandVoice = z.infer<typeof c.BrandVoice>;
export type CopyCheck = z.infer<typeof c.CopyCheck>;
export type PlatformId = z.infer<typeof c.PlatformId>;
export type CopyRepair = z.infer<typeof c.CopyRepair>;
export type CopyVariation = z.infer<typeof c.CopyVariation>;
export type CopyGeneration = z.infer<typeof c.CopyGeneration>;
export type CopyPromptView = z.infer<typeof c.CopyPromptView>;
export type GenerateCopyBody = z.input<typeof c.GenerateCopyBody>;
export type RegenerateCopyBody = z.input<typeof c.RegenerateCopyBody>;
export type PublishCopyBody = z.input<typeof c.PublishCopyBody>;
export type PublishCopyResponse = z.infer<typeof c.PublishCopyResponse>;
export type CheckCopyBody = z.input<typeof c.CheckCopyBody>;
export type CheckCopyResponse = z.infer<typeof c.CheckCopyResponse>;

/** What the AI-assisted label says (`AI_ASSISTED_LABEL` in the contract, written here so no schema reaches the bundle). */
export const AI_ASSISTED = 'AI-assisted';
/** The most variations one request may ask for per platform (`MAX_COPY_VARIATIONS`). */
export const MOST_VARIATIONS = 3;
