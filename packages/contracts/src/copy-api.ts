import { z } from 'zod';
import { CampaignChange } from './changes.ts';
import { OrgParams, page, PageQuery } from './common.ts';
import { PlatformId } from './connections.ts';
import { AdCopy, BrandVoice, CopyBrief, CopyCheck } from './copy.ts';

/**
 * The copy generation API: /api/v1/orgs/:orgId/copy/… (a file of its own: the change contracts carry
 * `AdCopy`, and these shapes carry the proposals publishing makes).
 */

const Timestamp = z.iso.datetime({ offset: true });

/** What every AI-written text is labelled with wherever it is shown. */
export const AI_ASSISTED_LABEL = 'AI-assisted';

/** The most variations one request may ask for per platform. */
export const MAX_COPY_VARIATIONS = 3;

/** `POST …/copy/generations`: copy for one brief, on one to three platforms. */
export const GenerateCopyBody = z
  .strictObject({
    brief: CopyBrief,
    platforms: z
      .array(PlatformId)
      .min(1, 'Pick at least one platform')
      .max(3)
      .refine((list) => new Set(list).size === list.length, 'Each platform once'),
    /** The ad group the copy is for (adding ads to it); absent from the new-campaign wizard. */
    adGroupId: z.uuid().optional(),
    /** Variations per platform (default 1). */
    variations: z.number().int().min(1).max(MAX_COPY_VARIATIONS).default(1),
  })
  .meta({ id: 'GenerateCopyBody' });
export type GenerateCopyBody = z.infer<typeof GenerateCopyBody>;

/** One change the repair made: a text fixed (`before` → `after`), dropped (`after` null) or added to reach a minimum (`before` null). */
export const CopyRepair = z
  .object({
    field: z.string(),
    /** The text's position in the copy as written (for an added text: its position in the repaired copy). */
    index: z.number().int().min(0),
    before: z.string().nullable(),
    after: z.string().nullable(),
    reason: z.string(),
  })
  .meta({ id: 'CopyRepair' });
export type CopyRepair = z.infer<typeof CopyRepair>;

/** One variation of one platform's copy: the repaired copy, what the validator found before and after repair, and the repairs. */
export const CopyVariation = z
  .object({
    id: z.string(),
    copy: AdCopy,
    /** The validator's findings on the copy as the model (or the template) wrote it. */
    firstPassChecks: z.array(CopyCheck),
    /** Its findings on `copy`, after repair. */
    checks: z.array(CopyCheck),
    repairs: z.array(CopyRepair),
    /** No `block` check left (the landing page included). */
    publishable: z.boolean(),
  })
  .meta({ id: 'CopyVariation' });
export type CopyVariation = z.infer<typeof CopyVariation>;

/** The landing page as the server found it: only an https page that answers may be published. */
export const LandingPageCheck = z
  .object({
    url: z.string(),
    ok: z.boolean(),
    https: z.boolean(),
    status: z.number().int().nullable(),
    finalUrl: z.string().nullable(),
    title: z.string().nullable(),
    /** Why publishing is blocked (or a note), in words. */
    message: z.string().nullable(),
  })
  .meta({ id: 'LandingPageCheck' });
export type LandingPageCheck = z.infer<typeof LandingPageCheck>;

export const CopyUsage = z
  .object({ tokensIn: z.number().int().min(0), tokensOut: z.number().int().min(0), costMicros: z.number().int().min(0) })
  .meta({ id: 'CopyUsage' });
export type CopyUsage = z.infer<typeof CopyUsage>;

export const CopyPlatformResult = z.object({ platform: PlatformId, variations: z.array(CopyVariation) }).meta({ id: 'CopyPlatformResult' });
export type CopyPlatformResult = z.infer<typeof CopyPlatformResult>;

/** One generation: the brief, its platforms' variations, and what it cost. AI texts carry `label`. */
export const CopyGeneration = z
  .object({
    id: z.uuid(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    /** `ai`: a language model wrote it; `template`: the template grammar (no AI provider). */
    source: z.enum(['ai', 'template']),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    /** `AI-assisted` for AI copy, `Template` for the template grammar's. */
    label: z.string(),
    requestedBy: z.string().nullable(),
    brief: CopyBrief,
    brandVoice: BrandVoice,
    platforms: z.array(PlatformId),
    landingPage: LandingPageCheck.nullable(),
    results: z.array(CopyPlatformResult),
    /** Null for template copy (no call was made). */
    usage: CopyUsage.nullable(),
    adGroupId: z.uuid().nullable(),
    /** The proposals (change ids) publishing created. */
    publishedChangeIds: z.array(z.uuid()),
  })
  .meta({ id: 'CopyGeneration' });
export type CopyGeneration = z.infer<typeof CopyGeneration>;

/** One line of the list: enough to find a generation again. */
export const CopyGenerationSummary = CopyGeneration.pick({
  id: true, createdAt: true, source: true, label: true, provider: true, model: true, requestedBy: true, platforms: true, adGroupId: true, publishedChangeIds: true,
})
  .extend({ product: z.string(), variations: z.number().int().min(0), usage: CopyUsage.nullable() })
  .meta({ id: 'CopyGenerationSummary' });
export type CopyGenerationSummary = z.infer<typeof CopyGenerationSummary>;
export const CopyGenerationPage = page(CopyGenerationSummary);
export const CopyGenerationListQuery = PageQuery.extend({ adGroupId: z.uuid().optional() });

/** "View prompt": the messages exactly as sent to the model, per call (for template copy, the inputs it was filled from). */
export const CopyPromptMessage = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() });
export const CopyPromptCall = z
  .object({
    /** Which platform the call wrote for, and when (first generation or a regeneration). */
    platform: PlatformId,
    at: Timestamp,
    messages: z.array(CopyPromptMessage),
  })
  .meta({ id: 'CopyPromptCall' });
export const CopyPromptView = z
  .object({
    generationId: z.uuid(),
    source: z.enum(['ai', 'template']),
    /** Fenced parts (brief, landing page text) are data the model is told never to follow as instructions. */
    calls: z.array(CopyPromptCall),
  })
  .meta({ id: 'CopyPromptView' });
export type CopyPromptView = z.infer<typeof CopyPromptView>;

export const CopyGenerationParams = OrgParams.extend({ generationId: z.uuid() });

/** `POST …/generations/:id/regenerate`: one platform, one variation of it, or (empty body) everything. */
export const RegenerateCopyBody = z
  .strictObject({
    platform: PlatformId.optional(),
    /** Needs `platform`. */
    variationId: z.string().min(1).max(100).optional(),
  })
  .refine((b) => b.variationId === undefined || b.platform !== undefined, { message: 'Name the platform of the variation', path: ['platform'] })
  .meta({ id: 'RegenerateCopyBody' });
export type RegenerateCopyBody = z.infer<typeof RegenerateCopyBody>;

/** `POST …/copy/check`: checks edited copy the way generated copy is checked. */
export const CheckCopyBody = z
  .strictObject({
    copy: AdCopy,
    brief: CopyBrief,
    /** Also check that the landing page answers over https (a network call). */
    checkLandingPage: z.boolean().default(false),
  })
  .meta({ id: 'CheckCopyBody' });
export type CheckCopyBody = z.infer<typeof CheckCopyBody>;

export const CheckCopyResponse = z
  .object({
    checks: z.array(CopyCheck),
    landingPage: LandingPageCheck.nullable(),
    publishable: z.boolean(),
  })
  .meta({ id: 'CheckCopyResponse' });
export type CheckCopyResponse = z.infer<typeof CheckCopyResponse>;

/** `POST …/generations/:id/publish`: the copy (as edited) becomes a proposal for a new ad in the ad group; a person approves it. */
export const PublishCopyBody = z
  .strictObject({
    idempotencyKey: z.string().min(8).max(100),
    platform: PlatformId,
    variationId: z.string().min(1).max(100),
    /** The final copy, edited or not; checked again before it is proposed. */
    copy: AdCopy,
    adGroupId: z.uuid(),
  })
  .meta({ id: 'PublishCopyBody' });
export type PublishCopyBody = z.infer<typeof PublishCopyBody>;

export const PublishCopyResponse = z.object({ proposals: z.array(CampaignChange) }).meta({ id: 'PublishCopyResponse' });
export type PublishCopyResponse = z.infer<typeof PublishCopyResponse>;
