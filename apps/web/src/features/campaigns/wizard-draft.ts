import { z } from 'zod';
import { EMPTY, STEPS, type Draft, type StepId } from './wizard-model.ts';

/** What a reload brings back: the draft, the step shown, and the furthest step reached. */
export interface SavedWizard {
  draft: Draft;
  step: StepId;
  furthest: StepId;
}

const StepIdSchema = z.enum(STEPS.map((s) => s.id) as [StepId, ...StepId[]]);
const DraftSchema = z.object({
  platform: z.enum(['google_ads', 'meta', 'tiktok']).nullable(),
  accountId: z.string().nullable(),
  name: z.string(),
  objective: z.string(),
  budgetKind: z.enum(['daily', 'lifetime']),
  amount: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  adGroupName: z.string(),
  countries: z.array(z.string()),
  ageMin: z.string(),
  ageMax: z.string(),
  keywords: z.string(),
  adName: z.string(),
  headlines: z.array(z.string()),
  descriptions: z.array(z.string()),
  finalUrl: z.string(),
  utm: z.object({ utm_source: z.string(), utm_medium: z.string(), utm_campaign: z.string(), utm_content: z.string() }).nullable(),
  callToAction: z.string(),
  imageHash: z.string(),
  imageName: z.string(),
  assets: z.record(z.string(), z.string()),
  startActive: z.boolean(),
  copyGenerationId: z.string(),
});
// Fields added after a draft was saved take their empty value instead of discarding the draft.
const Saved = z.object({ draft: DraftSchema.partial(), step: StepIdSchema, furthest: StepIdSchema });

/** One draft per organisation, in this browser only. */
const storageKey = (orgId: string) => `adloop.campaign-draft.${orgId}`;

export function loadWizard(orgId: string): SavedWizard | null {
  try {
    const raw = window.localStorage.getItem(storageKey(orgId));
    if (!raw) return null;
    const parsed = Saved.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    return { ...parsed.data, draft: { ...EMPTY, ...parsed.data.draft } as Draft };
  } catch {
    return null;
  }
}

export function saveWizard(orgId: string, saved: SavedWizard): void {
  try {
    // Nothing chosen yet: nothing worth keeping.
    if (saved.draft.platform === null && saved.step === 'platform') window.localStorage.removeItem(storageKey(orgId));
    else window.localStorage.setItem(storageKey(orgId), JSON.stringify(saved));
  } catch {
    // Storage full or disabled: the wizard still works, without a draft.
  }
}

export function clearWizard(orgId: string): void {
  try {
    window.localStorage.removeItem(storageKey(orgId));
  } catch {
    // As above.
  }
}
