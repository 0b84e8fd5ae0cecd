import { adTextLength } from '@adloop/contracts/ad-text';
import type { CopyCheck } from '@adloop/contracts';
import { copyFormat, type CopyField, type CopyPlatform } from '@adloop/contracts/copy-formats';
import { allowedCapitals } from './caps.ts';
import { findClaims } from './claims.ts';
import { EDITORIAL_RULES } from './editorial.ts';
import { COPY_POLICIES } from './policy.ts';
import { firstTerm } from './text.ts';
import type { CopyContext } from './types.ts';

/** Where a text sits in the copy. */
export interface TextPlace {
  field: string;
  format: CopyField;
  index: number;
}

/** Words the organisation itself writes in capitals: its product, keywords, required terms and competitors' names. */
export const capitalsOf = (ctx: CopyContext): Set<string> =>
  allowedCapitals([ctx.brief.product, ...ctx.brief.keywords, ...ctx.voice.requiredTerms, ...(ctx.competitors ?? [])]);

/**
 * Every check on one text on its own: empty, length in the platform's counting, editorial style, banned
 * terms, restricted claims and competitors' trademarks. Checks across texts (counts, duplicates, keywords,
 * one "!" per ad) are in `validateCopy`.
 */
export function checkText(platform: CopyPlatform, place: TextPlace, text: string, ctx: CopyContext, capitals: ReadonlySet<string> = capitalsOf(ctx)): CopyCheck[] {
  const checks: CopyCheck[] = [];
  const at = (id: string, severity: CopyCheck['severity'], message: string) => checks.push({ id, severity, field: place.field, index: place.index, message });
  const label = `${place.format.label} ${place.index + 1}`;
  if (text.trim() === '') {
    at('empty', 'block', `${label} is empty.`);
    return checks;
  }
  const { countsWide } = copyFormat(platform);
  const length = adTextLength(text, countsWide);
  if (length > place.format.max) {
    at('length', 'block', `${label} is ${length} characters; at most ${place.format.max} are allowed${countsWide ? ' (double-width characters count as 2)' : ''}.`);
  }
  const policy = COPY_POLICIES[platform];
  for (const rule of EDITORIAL_RULES) {
    const severity = policy[rule.policy];
    if (severity === null || (rule.headlinesOnly && !place.format.isHeadline)) continue;
    const found = rule.find(text, capitals);
    if (found !== null) at(rule.id, severity, `${label}: ${rule.message(found)}`);
  }
  const banned = firstTerm(text, ctx.voice.bannedTerms);
  if (banned !== undefined) at('banned-term', 'block', `${label} contains “${banned}”, a term the brand voice bans.`);
  for (const claim of findClaims(text, policy, ctx.claimsSubstantiated ?? false)) at(claim.rule.id, claim.severity, `${label}: ${claim.rule.message(claim.found)}`);
  const competitor = firstTerm(text, ctx.competitors ?? []);
  if (competitor !== undefined) at('trademark', policy.trademarks, `${label} names “${competitor}”, a competitor's trademark; the owner can have the ad disapproved.`);
  return checks;
}
