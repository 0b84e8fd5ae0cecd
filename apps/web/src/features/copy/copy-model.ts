import { adTextLength } from '@adloop/contracts/ad-text';
import { copyFormat, type CopyPlatform } from '@adloop/contracts/copy-formats';
import { validateCopy, type CopyContext } from '@adloop/engine';
import { AI_ASSISTED, type AdCopy, type BrandVoice, type CopyBrief, type CopyCheck } from './copy-types.ts';

/** One text field of a platform's copy, as the panel lists it. */
export interface CopyFieldView {
  name: string;
  label: string;
  max: number;
  min: number;
  most: number;
  countsWide: boolean;
}

/** The platform's text fields in its own order and words, with their limits as the platform counts. */
export function copyFields(platform: CopyPlatform): CopyFieldView[] {
  const format = copyFormat(platform);
  return Object.entries(format.fields).map(([name, f]) => ({ name, label: f.label, max: f.max, min: f.min, most: f.most, countsWide: format.countsWide }));
}

/** The texts of one field of a copy (none when the copy lacks the field). */
export function textsOf(copy: AdCopy, field: string): string[] {
  const value: unknown = (copy as Record<string, unknown>)[field];
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
}

/** The copy with one text replaced (`value` null: removed). */
export function withText<C extends AdCopy>(copy: C, field: string, index: number, value: string | null): C {
  const texts = [...textsOf(copy, field)];
  if (value === null) texts.splice(index, 1);
  else texts[index] = value;
  return { ...copy, [field]: texts };
}

/** The copy's call to action, where the platform's ads have one. */
export const callToActionOf = (copy: AdCopy): string | undefined => ('callToAction' in copy ? copy.callToAction : undefined);

/** How long a text is as the platform counts it, and how far over its field's limit. */
export function countOf(text: string, field: CopyFieldView): { length: number; over: number } {
  const length = adTextLength(text, field.countsWide);
  return { length, over: Math.max(0, length - field.max) };
}

/** The checks about one text (`index`) of a field, or about the field as a whole (`index` null). */
export const checksAt = (checks: readonly CopyCheck[], field: string, index: number | null): CopyCheck[] => checks.filter((c) => c.field === field && c.index === index);

/** The checks about no single text: the ad as a whole, its call to action, the landing page. */
export function adChecks(checks: readonly CopyCheck[], platform: CopyPlatform): CopyCheck[] {
  const fields = new Set(Object.keys(copyFormat(platform).fields));
  return checks.filter((c) => c.index === null || !fields.has(c.field));
}

export const blocks = (checks: readonly CopyCheck[]) => checks.filter((c) => c.severity === 'block');
export const warnings = (checks: readonly CopyCheck[]) => checks.filter((c) => c.severity === 'warn');

const EMPTY_VOICE: BrandVoice = { tone: [], requiredTerms: [], bannedTerms: [], messageRestrictions: [] };

/**
 * The engine's checks of copy as edited in the browser: the same validator the server runs on every
 * output (lengths in the platform's counting, editorial rules, claims, the brand voice's terms).
 * The server checks again when the copy is published.
 */
export function checkEdited(copy: AdCopy, brief: CopyBrief, voice: BrandVoice | null | undefined): CopyCheck[] {
  const ctx: CopyContext = { brief, voice: voice ?? EMPTY_VOICE };
  // Edited copy is a person's: the source says so, the checks do not depend on it.
  return validateCopy(copy.platform, copy, ctx);
}

/** Copy as written by a person from a model's or the template's: marked `manual` once edited. */
export const asEdited = <C extends AdCopy>(copy: C): C => ({ ...copy, source: 'manual' });

/** Two copies with the same texts and call to action (the source aside). */
export function sameTexts(a: AdCopy, b: AdCopy): boolean {
  if (a.platform !== b.platform) return false;
  if (callToActionOf(a) !== callToActionOf(b)) return false;
  return copyFields(a.platform).every((f) => {
    const x = textsOf(a, f.name);
    const y = textsOf(b, f.name);
    return x.length === y.length && x.every((t, i) => t === y[i]);
  });
}

/** The label every text of the copy carries: who wrote it. */
export function sourceLabel(source: AdCopy['source']): string {
  if (source === 'ai') return AI_ASSISTED;
  if (source === 'template') return 'Template';
  return 'Edited by you';
}

/**
 * What the wizard's ad step takes from a variation: its headlines and descriptions in the wizard's own
 * fields (Meta's "Primary text" is the wizard's description; TikTok's ad text too), sized to what the
 * wizard's ad takes, and the call to action when the platform offers one.
 */
export function wizardTexts(copy: AdCopy, limits: { headlines: number; descriptions: number }): { headlines: string[]; descriptions: string[]; callToAction: string | undefined } {
  const fit = (texts: string[], most: number) => (most <= 0 ? [''] : texts.slice(0, most).length > 0 ? texts.slice(0, most) : ['']);
  switch (copy.platform) {
    case 'google_ads':
      return { headlines: fit(copy.headlines, limits.headlines), descriptions: fit(copy.descriptions, limits.descriptions), callToAction: undefined };
    case 'meta':
      return { headlines: fit(copy.headlines, limits.headlines), descriptions: fit(copy.primaryTexts, limits.descriptions), callToAction: copy.callToAction };
    case 'tiktok':
      return { headlines: [''], descriptions: fit(copy.adTexts, limits.descriptions), callToAction: copy.callToAction };
  }
}

/** The brief's keywords from the wizard's keyword lines ("[exact]", "phrase", broad) or a comma list. */
export function keywordList(text: string): string[] {
  const words = text
    .split(/[\n,]/)
    .map((k) => k.trim().replace(/^\[(.*)\]$/, '$1').replace(/^["“](.*)["”]$/, '$1').replace(/\s+/g, ' ').trim())
    .filter((k) => k.length > 0 && k.length <= 80);
  return [...new Set(words)].slice(0, 20);
}

/** Where the person's browser speaks a language the template grammar writes (en, de), that one; else English. */
export function defaultLanguage(navigatorLanguage: string | undefined): string {
  const primary = (navigatorLanguage ?? 'en').toLowerCase().split('-')[0] ?? 'en';
  return /^[a-z]{2,3}$/.test(primary) ? primary : 'en';
}
