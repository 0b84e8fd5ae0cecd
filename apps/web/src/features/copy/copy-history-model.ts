import type { z } from 'zod';
import type * as c from '@adloop/contracts';
import type { CopyGeneration, PlatformId } from './copy-types.ts';

/** One line of the history (type only: no schema reaches the bundle). */
export type CopyGenerationSummary = z.infer<typeof c.CopyGenerationSummary>;
export type CopyGenerationPage = z.infer<typeof c.CopyGenerationPage>;

const PLATFORM_LABEL: Record<PlatformId, string> = { google_ads: 'Google Ads', meta: 'Meta', tiktok: 'TikTok' };

/** How many days the server keeps a generation (brief, prompt, copy) before deleting it. */
export const COPY_KEPT_DAYS = 90;

/** "Google Ads, Meta": the platforms in the order they were asked for. */
export const platformsText = (platforms: readonly PlatformId[]) => platforms.map((p) => PLATFORM_LABEL[p]).join(', ');

/** Who asked (their email, or the API key's name); unknown when not recorded. */
export const requesterText = (requestedBy: string | null) => requestedBy ?? 'Unknown';

/** "None", "1 proposal", "3 proposals": what publishing this generation sent to the approval inbox. */
export function publishedText(count: number): string {
  if (count === 0) return 'None';
  return `${count} ${count === 1 ? 'proposal' : 'proposals'}`;
}

/** "2 variations": how many variations the generation holds over all its platforms. */
export const variationsText = (count: number) => `${count} ${count === 1 ? 'variation' : 'variations'}`;

/** The day a generation is deleted: 90 days after it was written. */
export function deletedOn(createdAt: string): Date {
  return new Date(new Date(createdAt).getTime() + COPY_KEPT_DAYS * 24 * 60 * 60 * 1000);
}

/** The variations of a generation, per platform, numbered as they were in the panel; empty platforms are left out. */
export function variationsByPlatform(generation: Pick<CopyGeneration, 'results'>) {
  return generation.results.filter((r) => r.variations.length > 0).map((r) => ({ platform: r.platform, name: PLATFORM_LABEL[r.platform], variations: r.variations.map((variation, i) => ({ variation, number: i + 1 })) }));
}

/** The pages of the list as one list, without a generation twice (a page boundary can move while new ones are written). */
export function flattenPages(pages: ReadonlyArray<{ items: readonly CopyGenerationSummary[] }> | undefined): CopyGenerationSummary[] {
  const seen = new Set<string>();
  const out: CopyGenerationSummary[] = [];
  for (const page of pages ?? []) {
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(item);
    }
  }
  return out;
}
