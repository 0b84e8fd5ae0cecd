import type { CopyPlatform } from '@adloop/contracts/copy-formats';
import { copyFormat } from '@adloop/contracts/copy-formats';
import { checkText, type TextPlace } from './check-text.ts';
import { removeSuperlatives } from './claims.ts';
import { EDITORIAL_RULES } from './editorial.ts';
import { fitLength } from './fit-length.ts';
import { COPY_POLICIES } from './policy.ts';
import { capitalise, removeTerm, tidy } from './text.ts';
import type { CopyContext } from './types.ts';
import { hasBlock } from './validate.ts';

/**
 * One text repaired the deterministic way: spacing normalised, each editorial problem the platform cares
 * about fixed ("!!" → "!", "FREE" → "Free", "4 u" → "for you"), superlatives taken out where the platform
 * refuses them, banned terms taken out, then cut to length
 * at a word boundary. Returns null when the text cannot be saved (a restricted claim, or nothing left).
 */
export function repairText(platform: CopyPlatform, place: TextPlace, text: string, ctx: CopyContext, capitals: ReadonlySet<string>): string | null {
  const policy = COPY_POLICIES[platform];
  let fixed = tidy(text.normalize('NFC'));
  // Two passes: one fix can leave work for an earlier rule (an ellipsis taken out leaves a double space).
  for (let pass = 0; pass < 2; pass++) {
    for (const rule of EDITORIAL_RULES) {
      if (policy[rule.policy] === null || (rule.headlinesOnly && !place.format.isHeadline)) continue;
      if (rule.find(fixed, capitals) !== null) fixed = tidy(rule.fix(fixed, capitals));
    }
  }
  if (policy.superlatives === 'block' && !ctx.claimsSubstantiated) fixed = removeSuperlatives(fixed);
  for (const term of ctx.voice.bannedTerms) fixed = removeTerm(fixed, term);
  fixed = tidy(fixed);
  if (/^\p{Lu}/u.test(text.trim()) && /^\p{Ll}/u.test(fixed)) fixed = capitalise(fixed);
  fixed = fitLength(fixed, place.format.max, copyFormat(platform).countsWide);
  if (fixed === '' || /^[^\p{L}\p{N}]*$/u.test(fixed)) return null;
  return hasBlock(checkText(platform, place, fixed, ctx, capitals)) ? null : fixed;
}
