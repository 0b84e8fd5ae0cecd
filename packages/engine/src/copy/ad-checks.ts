import type { AdCopy, CopyCheck } from '@adloop/contracts';
import { copyFormat } from '@adloop/contracts/copy-formats';
import type { FieldTexts } from './fields.ts';
import { callToActionOf } from './fields.ts';
import { COPY_POLICIES } from './policy.ts';
import { isNearDuplicate } from './similarity.ts';
import { hasTerm, wordsOf } from './text.ts';
import type { CopyContext } from './types.ts';

type Check = CopyCheck;
const DEFAULT_KEYWORD_HEADLINES = 3;

/** Too few or too many texts in a field. */
export function countChecks(field: FieldTexts): Check[] {
  const { format, texts, name } = field;
  if (texts.length < format.min) return [{ id: 'count', severity: 'block', field: name, index: null, message: `The ad needs at least ${format.min} ${format.label.toLowerCase()}s; it has ${texts.length}.` }];
  if (texts.length > format.most) return [{ id: 'count', severity: 'block', field: name, index: null, message: `The ad takes at most ${format.most} ${format.label.toLowerCase()}s; it has ${texts.length}.` }];
  return [];
}

/** Which texts of a field repeat an earlier one: exactly (same words, any case) or nearly. */
export function duplicateOf(texts: readonly string[], index: number): 'exact' | 'near' | null {
  const text = texts[index] ?? '';
  const key = wordsOf(text).join(' ');
  let near = false;
  for (const earlier of texts.slice(0, index)) {
    if (wordsOf(earlier).join(' ') === key) return 'exact';
    if (isNearDuplicate(earlier, text)) near = true;
  }
  return near ? 'near' : null;
}

export function duplicateChecks(field: FieldTexts): Check[] {
  const checks: Check[] = [];
  for (const index of field.texts.keys()) {
    const kind = duplicateOf(field.texts, index);
    if (kind === 'exact') checks.push({ id: 'duplicate', severity: 'block', field: field.name, index, message: `${field.format.label} ${index + 1} repeats an earlier one.` });
    if (kind === 'near') checks.push({ id: 'near-duplicate', severity: 'warn', field: field.name, index, message: `${field.format.label} ${index + 1} says nearly the same as an earlier one.` });
  }
  return checks;
}

/** Google: at most one "!" in the whole ad; each one past that is flagged where it is. */
export function exclamationChecks(copy: AdCopy, fields: readonly FieldTexts[]): Check[] {
  const rule = COPY_POLICIES[copy.platform].exclamationsPerAd;
  if (rule === null) return [];
  const checks: Check[] = [];
  let seen = 0;
  for (const field of fields) {
    for (const [index, text] of field.texts.entries()) {
      seen += [...text].filter((ch) => ch === '!').length;
      if (seen > rule.most && text.includes('!')) {
        checks.push({ id: 'editorial.exclamations-per-ad', severity: rule.severity, field: field.name, index, message: `An ad may have at most ${rule.most} exclamation mark${rule.most === 1 ? '' : 's'}; ${field.format.label} ${index + 1} adds more.` });
      }
    }
  }
  return checks;
}

/** The field whose texts should carry the keywords: the first headline field, else the first field. */
export const keywordField = (fields: readonly FieldTexts[]): FieldTexts | undefined => fields.find((f) => f.format.isHeadline) ?? fields[0];

/** How many texts of the keyword field should carry a keyword when the field is full (0 without keywords). */
export const wantedKeywordTexts = (field: FieldTexts, ctx: CopyContext): number =>
  ctx.brief.keywords.length === 0 ? 0 : Math.min(field.format.isHeadline ? (ctx.keywordHeadlines ?? DEFAULT_KEYWORD_HEADLINES) : 1, field.format.most);

export const carriesKeyword = (text: string, ctx: CopyContext): boolean => ctx.brief.keywords.some((k) => hasTerm(text, k));

export function keywordChecks(fields: readonly FieldTexts[], ctx: CopyContext): Check[] {
  const field = keywordField(fields);
  if (!field) return [];
  const target = Math.min(wantedKeywordTexts(field, ctx), field.texts.length);
  const carrying = field.texts.filter((t) => carriesKeyword(t, ctx)).length;
  if (carrying >= target) return [];
  return [{ id: 'keyword', severity: 'warn', field: field.name, index: null, message: `${carrying} of the ${field.format.label.toLowerCase()}s carry a keyword (${ctx.brief.keywords.join(', ')}); at least ${target} should.` }];
}

export function requiredTermChecks(fields: readonly FieldTexts[], ctx: CopyContext): Check[] {
  const all = fields.flatMap((f) => f.texts);
  return ctx.voice.requiredTerms
    .filter((term) => !all.some((text) => hasTerm(text, term)))
    .map((term) => ({ id: 'required-term', severity: 'warn' as const, field: 'copy', index: null, message: `No text carries “${term}”, which the brand voice asks for.` }));
}

export function callToActionChecks(copy: AdCopy): Check[] {
  const cta = callToActionOf(copy);
  if (cta === undefined) return [];
  const allowed = copyFormat(copy.platform).callToActions;
  if (allowed === null) return [{ id: 'call-to-action', severity: 'block', field: 'callToAction', index: null, message: 'This platform’s ads have no call-to-action button.' }];
  if (!allowed.includes(cta)) return [{ id: 'call-to-action', severity: 'block', field: 'callToAction', index: null, message: `Call to action must be one of ${allowed.join(', ')}.` }];
  return [];
}

/** The landing page must be an https address with a real host name; whether it answers is checked by the server. */
export function landingPageChecks(ctx: CopyContext): Check[] {
  let url: URL | null = null;
  try {
    url = new URL(ctx.brief.landingPage);
  } catch {
    url = null;
  }
  if (url && url.protocol === 'https:' && /^[^.]+(\.[^.]+)+$/.test(url.hostname)) return [];
  const message = url?.protocol === 'http:' ? 'The landing page must use https.' : 'The landing page must be an https address such as https://example.com/.';
  return [{ id: 'landing-page', severity: 'block', field: 'landingPage', index: null, message }];
}
