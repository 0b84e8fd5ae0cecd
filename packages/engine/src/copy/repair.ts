import type { AdCopy, CopyCheck } from '@adloop/contracts';
import { copyFormat, type CopyPlatform } from '@adloop/contracts/copy-formats';
import { duplicateOf } from './ad-checks.ts';
import { capitalsOf } from './check-text.ts';
import { callToActionOf, fieldsOf, withFields, type FieldTexts } from './fields.ts';
import { fillFields } from './fill.ts';
import { COPY_POLICIES } from './policy.ts';
import { repairText } from './repair-text.ts';
import { templateCallToAction, templateCopy } from './template.ts';
import { tidy } from './text.ts';
import type { CopyContext } from './types.ts';
import { validateCopy } from './validate.ts';

/** Keeps the first `most` exclamation marks of the ad (in field order) and turns the rest into full stops. */
function limitExclamations(platform: CopyPlatform, fields: FieldTexts[]): void {
  const rule = COPY_POLICIES[platform].exclamationsPerAd;
  if (rule === null) return;
  let left = rule.most;
  for (const field of fields) {
    field.texts = field.texts.map((text) => tidy(text.replace(/!/g, () => (left-- > 0 ? '!' : '.')).replace(/\.{2,}/g, '.')));
  }
}

const dropDuplicates = (field: FieldTexts): void => {
  field.texts = field.texts.filter((_, i) => duplicateOf(field.texts, i) === null).slice(0, field.format.most);
};

/**
 * Repairs copy deterministically so that `validateCopy` finds nothing that blocks it: texts a check points
 * at are fixed or dropped (`repairText`), duplicates and near-duplicates go, a second "!" becomes ".", the
 * call to action comes from the platform's list, and fields are filled to their minimum (and to the keyword
 * and required-term targets) from the template grammar. Texts no check points at are kept as written.
 * A brief-level problem (the landing page) is not copy and stays reported.
 */
export function repairCopy(platform: CopyPlatform, copy: AdCopy, checks: readonly CopyCheck[], ctx: CopyContext, seed = 0): AdCopy {
  if (copy.platform !== platform) return templateCopy(platform, ctx.brief, ctx.voice, seed);
  const capitals = capitalsOf(ctx);
  const flagged = new Set(checks.filter((c) => c.index !== null).map((c) => `${c.field}:${c.index}`));
  const fields = fieldsOf(copy);
  /** Flagged texts repaired (or, with `drop`, taken out); the rest kept. */
  const repairFlagged = (field: FieldTexts, isFlagged: (index: number) => boolean, drop = false) => {
    field.texts = field.texts
      .map((text, index) => (!isFlagged(index) ? text : drop ? null : repairText(platform, { field: field.name, format: field.format, index }, text, ctx, capitals)))
      .filter((text): text is string => text !== null);
  };
  for (const field of fields) {
    repairFlagged(field, (index) => flagged.has(`${field.name}:${index}`));
    dropDuplicates(field);
  }
  limitExclamations(platform, fields);
  fillFields(platform, fields, ctx, seed, (field) => field.format.min, capitals);

  // Whatever still blocks (a check the caller did not pass, a fix that made a new problem) is repaired or dropped, then refilled.
  let next: AdCopy = withCallToAction(withFields(copy, fields), platform, seed);
  for (let round = 0; round < 3; round++) {
    const blocking = validateCopy(platform, next, ctx).filter((c) => c.severity === 'block' && c.index !== null);
    if (blocking.length === 0) break;
    const again = new Set(blocking.map((c) => `${c.field}:${c.index}`));
    const current = fieldsOf(next);
    for (const field of current) {
      // First round: repair once more; after that, whatever still blocks goes.
      repairFlagged(field, (index) => again.has(`${field.name}:${index}`), round > 0);
      dropDuplicates(field);
    }
    limitExclamations(platform, current);
    fillFields(platform, current, ctx, seed + round + 1, (field) => field.format.min, capitals);
    next = withFields(next, current);
  }
  return next;
}

/** The copy's call to action kept when the platform offers it, otherwise replaced from the platform's list (or removed where there is none). */
function withCallToAction(copy: AdCopy, platform: CopyPlatform, seed: number): AdCopy {
  const cta = callToActionOf(copy);
  const offered = copyFormat(platform).callToActions;
  if (cta === undefined || offered?.includes(cta)) return copy;
  const next = { ...copy };
  const replacement = templateCallToAction(platform, seed);
  if (replacement === undefined) Reflect.deleteProperty(next, 'callToAction');
  else Object.assign(next, { callToAction: replacement });
  return next;
}
