import type { AdCopy, CopyCheck } from '@adloop/contracts';
import type { CopyPlatform } from '@adloop/contracts/copy-formats';
import { callToActionChecks, countChecks, duplicateChecks, exclamationChecks, keywordChecks, landingPageChecks, requiredTermChecks } from './ad-checks.ts';
import { capitalsOf, checkText } from './check-text.ts';
import { fieldsOf } from './fields.ts';
import type { CopyContext } from './types.ts';

/**
 * Checks ad copy against the platform's rules and the brand voice: each text (length in the platform's
 * counting, editorial style, banned terms, claims, trademarks), then the ad as a whole (counts, duplicates,
 * keywords, required terms, call to action, landing page). Deterministic; runs on every copy, AI-written
 * or not. Any `block` means the copy cannot be published as it is.
 */
export function validateCopy(platform: CopyPlatform, copy: AdCopy, ctx: CopyContext): CopyCheck[] {
  if (copy.platform !== platform) return [{ id: 'platform', severity: 'block', field: 'platform', index: null, message: `This copy is written for ${copy.platform}, not ${platform}.` }];
  const fields = fieldsOf(copy);
  const capitals = capitalsOf(ctx);
  const checks: CopyCheck[] = [];
  for (const field of fields) {
    checks.push(...countChecks(field));
    for (const [index, text] of field.texts.entries()) checks.push(...checkText(platform, { field: field.name, format: field.format, index }, text, ctx, capitals));
    checks.push(...duplicateChecks(field));
  }
  checks.push(...exclamationChecks(copy, fields), ...keywordChecks(fields, ctx), ...requiredTermChecks(fields, ctx), ...callToActionChecks(copy), ...landingPageChecks(ctx));
  return checks;
}

export const hasBlock = (checks: readonly CopyCheck[]): boolean => checks.some((c) => c.severity === 'block');
