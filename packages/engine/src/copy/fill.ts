import { adTextLength } from '@adloop/contracts/ad-text';
import { copyFormat, type CopyPlatform } from '@adloop/contracts/copy-formats';
import { carriesKeyword, keywordField, wantedKeywordTexts } from './ad-checks.ts';
import type { FieldTexts } from './fields.ts';
import { repairText } from './repair-text.ts';
import { seededRandom } from './seeded.ts';
import { isNearDuplicate } from './similarity.ts';
import { slotsOf, templateTexts } from './template-grammar.ts';
import { hasTerm } from './text.ts';
import type { CopyContext } from './types.ts';

/**
 * Adds template texts to the fields, in place, until each field has `target(field)` texts, the first
 * headline field carries the keywords often enough and each required term appears somewhere. Only texts
 * that fit unrepaired, pass every blocking check and are not near-duplicates of the field's texts are added;
 * nothing is added past a field's maximum. Deterministic for a seed.
 */
export function fillFields(platform: CopyPlatform, fields: FieldTexts[], ctx: CopyContext, seed: number, target: (field: FieldTexts) => number, capitals: ReadonlySet<string>): void {
  const slots = slotsOf(ctx.brief, ctx.voice.requiredTerms, seededRandom(seed));
  const { countsWide } = copyFormat(platform);
  // Candidates are repaired and checked lazily, once per field (the checks do not depend on where in the
  // field a text goes): a repair that needs two texts does not pay for the fifty it never looks at.
  const cache = new Map<string, { raw: string[]; checked: Array<string | null> }>();
  function* candidatesFor(field: FieldTexts): Generator<string> {
    let entry = cache.get(field.name);
    if (!entry) {
      entry = { raw: templateTexts(field.format, slots).filter((text) => adTextLength(text, countsWide) <= field.format.max), checked: [] };
      cache.set(field.name, entry);
    }
    for (const [i, raw] of entry.raw.entries()) {
      if (i === entry.checked.length) entry.checked.push(repairText(platform, { field: field.name, format: field.format, index: 0 }, raw, ctx, capitals));
      const text = entry.checked[i];
      if (text !== null && text !== undefined) yield text;
    }
  }
  const add = (field: FieldTexts, wanted: number, fits: (text: string) => boolean) => {
    let added = 0;
    for (const text of candidatesFor(field)) {
      if (added >= wanted || field.texts.length >= field.format.most) break;
      if (!fits(text) || field.texts.some((t) => isNearDuplicate(t, text))) continue;
      field.texts.push(text);
      added++;
    }
  };

  const field = keywordField(fields);
  if (field) {
    const carrying = field.texts.filter((t) => carriesKeyword(t, ctx)).length;
    const wanted = wantedKeywordTexts(field, ctx);
    if (carrying < wanted) add(field, wanted - carrying, (t) => carriesKeyword(t, ctx));
  }
  for (const term of ctx.voice.requiredTerms) {
    if (fields.some((f) => f.texts.some((t) => hasTerm(t, term)))) continue;
    for (const field of fields) {
      const before = field.texts.length;
      add(field, 1, (t) => hasTerm(t, term));
      if (field.texts.length > before) break;
    }
  }
  for (const field of fields) {
    const wanted = target(field) - field.texts.length;
    if (wanted > 0) add(field, wanted, () => true);
  }
}
