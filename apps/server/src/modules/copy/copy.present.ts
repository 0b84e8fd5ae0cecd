import { AI_ASSISTED_LABEL, BrandVoice, CopyBrief, type CopyGeneration, type CopyGenerationSummary, type CopyPromptView, type LandingPageCheck, type PlatformId } from '@adloop/contracts';
import type { CopyGenerationRow, StoredPrompt, StoredResult } from './copy.repository.ts';

/** What template copy is labelled with (AI copy is `AI-assisted`). */
export const TEMPLATE_LABEL = 'Template';

const sourceOf = (row: CopyGenerationRow): 'ai' | 'template' => (row.source === 'ai' ? 'ai' : 'template');

// jsonb columns written only by this module: read back as stored.
export const storedResult = (row: CopyGenerationRow): StoredResult => row.result as StoredResult;
export const storedPrompt = (row: CopyGenerationRow): StoredPrompt => (Array.isArray(row.prompt) ? (row.prompt as StoredPrompt) : []);
export const storedBrief = (row: CopyGenerationRow): CopyBrief => CopyBrief.parse(row.brief);
export const storedVoice = (row: CopyGenerationRow): BrandVoice => BrandVoice.parse(row.brandVoice);

export function presentGeneration(row: CopyGenerationRow): CopyGeneration {
  const result = storedResult(row);
  const source = sourceOf(row);
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    source,
    provider: row.provider,
    model: row.model,
    label: source === 'ai' ? AI_ASSISTED_LABEL : TEMPLATE_LABEL,
    requestedBy: row.userLabel,
    brief: storedBrief(row),
    brandVoice: storedVoice(row),
    platforms: row.platforms as PlatformId[],
    landingPage: (row.landingPage as LandingPageCheck | null) ?? null,
    results: result.platforms,
    usage: result.usage,
    adGroupId: row.adGroupId,
    publishedChangeIds: Array.isArray(row.publishedChangeIds) ? (row.publishedChangeIds as string[]) : [],
  };
}

export function presentSummary(row: CopyGenerationRow): CopyGenerationSummary {
  const full = presentGeneration(row);
  return {
    id: full.id, createdAt: full.createdAt, source: full.source, label: full.label, provider: full.provider, model: full.model, requestedBy: full.requestedBy,
    platforms: full.platforms, adGroupId: full.adGroupId, publishedChangeIds: full.publishedChangeIds, usage: full.usage,
    product: full.brief.product,
    variations: full.results.reduce((sum, p) => sum + p.variations.length, 0),
  };
}

export function presentPrompt(row: CopyGenerationRow): CopyPromptView {
  return { generationId: row.id, source: sourceOf(row), calls: storedPrompt(row) };
}
