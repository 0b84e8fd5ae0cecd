import { randomUUID } from 'node:crypto';
import type { AdCopy, BrandVoice, CopyBrief, CopyCheck, CopyRepair, CopyVariation, LandingPageCheck } from '@adloop/contracts';
import { copyFormat, type CopyPlatform } from '@adloop/contracts/copy-formats';
import { hasBlock, repairCopy, similarity, validateCopy, type CopyContext } from '@adloop/engine';

/** A fixed text is paired with the text it became when they are at least this alike; otherwise it was dropped and another added. */
const SAME_TEXT = 0.3;

/** The copy's texts per field, in the platform's field order, and its call to action as a one-text field. */
function textsOf(platform: CopyPlatform, copy: AdCopy): Array<{ field: string; texts: string[] }> {
  const record = copy as unknown as Record<string, unknown>;
  const fields = Object.keys(copyFormat(platform).fields).map((field) => {
    const value = record[field];
    return { field, texts: Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [] };
  });
  const cta = record.callToAction;
  if (copyFormat(platform).callToActions) fields.push({ field: 'callToAction', texts: typeof cta === 'string' ? [cta] : [] });
  return fields;
}

/**
 * What the repair changed, field by field: a text kept as written is no repair; a flagged text is
 * paired with the new text most like it (fixed: before → after) or, with none alike, reported dropped;
 * new texts left over were added (to reach a minimum, or a keyword or required-term target). Each repair
 * gives the validator's reason for the text it touched.
 */
export function describeRepairs(platform: CopyPlatform, written: AdCopy, repaired: AdCopy, firstPass: readonly CopyCheck[]): CopyRepair[] {
  const before = textsOf(platform, written);
  const after = new Map(textsOf(platform, repaired).map((f) => [f.field, f.texts]));
  const repairs: CopyRepair[] = [];
  for (const { field, texts } of before) {
    const now = after.get(field) ?? [];
    const unused = now.map((text, index) => ({ text, index })).filter(({ text }) => !texts.includes(text));
    const reasonFor = (index: number) => firstPass.filter((c) => c.field === field && (c.index === index || (field === 'callToAction' && c.index === null))).map((c) => c.message);
    for (const [index, text] of texts.entries()) {
      if (now.includes(text)) continue;
      let best = -1;
      let bestScore = SAME_TEXT;
      for (const [i, candidate] of unused.entries()) {
        const score = field === 'callToAction' ? 1 : similarity(text, candidate.text);
        if (score >= bestScore) [best, bestScore] = [i, score];
      }
      const reasons = reasonFor(index);
      const [match] = best >= 0 ? unused.splice(best, 1) : [];
      repairs.push({
        field, index, before: text, after: match?.text ?? null,
        reason: reasons.length ? reasons.join(' ') : match ? 'Rewritten to keep the ad within the platform’s rules.' : 'Removed: it repeated another text too closely.',
      });
    }
    for (const added of unused) {
      repairs.push({ field, index: added.index, before: null, after: added.text, reason: 'Added to reach the platform’s minimum or the brief’s keyword and brand-term targets.' });
    }
  }
  return repairs;
}

/** A landing page that is not https or did not answer blocks publishing, with the check's own words. */
export function landingPageBlock(landing: LandingPageCheck | null): CopyCheck[] {
  if (!landing || landing.ok) return [];
  return [{ id: 'landing_page_unreachable', severity: 'block', field: 'landingPage', index: null, message: landing.message ?? 'The landing page could not be reached over https.' }];
}

export interface ReviewInput {
  brief: CopyBrief;
  voice: BrandVoice;
  landing: LandingPageCheck | null;
  seed: number;
}

const contextOf = (input: ReviewInput): CopyContext => ({ brief: input.brief, voice: input.voice });

/** The validator's findings on copy as it stands (edited copy included), with the landing page's. */
export function checkCopy(platform: CopyPlatform, copy: AdCopy, input: ReviewInput): CopyCheck[] {
  return [...validateCopy(platform, copy, contextOf(input)), ...landingPageBlock(input.landing)];
}

/**
 * Every copy written, by a model or the template grammar, goes through the same steps: validate,
 * repair, validate again. The variation keeps both verdicts and the repairs, and may be published
 * only when nothing blocks it.
 */
export function reviewCopy(platform: CopyPlatform, written: AdCopy, input: ReviewInput): CopyVariation {
  const ctx = contextOf(input);
  const firstPassChecks = validateCopy(platform, written, ctx);
  const repaired = repairCopy(platform, written, firstPassChecks, ctx, input.seed);
  const checks = checkCopy(platform, repaired, input);
  return {
    id: randomUUID(),
    copy: repaired,
    firstPassChecks,
    checks,
    repairs: describeRepairs(platform, written, repaired, firstPassChecks),
    publishable: !hasBlock(checks),
  };
}
