import type { CopyBrief } from '@adloop/contracts';
import type { CopyField } from '@adloop/contracts/copy-formats';
import { fixStandIns } from './editorial.ts';
import { shuffled } from './seeded.ts';
import { phrasesFor, type PatternSlots, type Phrase, type Phrases } from './template-phrases.ts';
import { capitalise, tidy } from './text.ts';

/**
 * The slot grammar behind template copy: keyword × benefit × call to action, with the brief's product,
 * offer, audience and the brand's required terms, in the brief's language where a grammar exists
 * (`template-phrases.ts`). Phrases are plain and make no claims, so a text passes the platforms' rules
 * once its slots do; the caller checks every text anyway.
 */

export interface Slots {
  phrases: Phrases;
  keywords: string[];
  product: string;
  offer: string;
  audience: string;
  terms: string[];
  benefits: Phrase[];
  actions: Phrase[];
  /** Where each pattern list starts for this seed, so variations of one brief open differently. */
  rotation: number;
}

export function slotsOf(brief: CopyBrief, requiredTerms: readonly string[], random: () => number): Slots {
  const clean = (text: string) => tidy(fixStandIns(text.replace(/[!?¡¿]+/gu, ' ')));
  const phrases = phrasesFor(brief.language);
  return {
    phrases,
    keywords: brief.keywords.map(clean).filter(Boolean),
    product: clean(brief.product),
    offer: clean(brief.offer).replace(/\.$/, ''),
    audience: clean(brief.audience),
    terms: requiredTerms.map(clean).filter(Boolean),
    benefits: shuffled(phrases.benefits, random),
    actions: shuffled(phrases.actions, random),
    rotation: Math.floor(random() * 1_000),
  };
}

/** A URL path piece from words: lower case, letters and digits joined by "-". */
const slug = (text: string): string => text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join('-');

type Kind = 'path' | 'short' | 'long';
/** Which patterns suit a field, from its length alone: display paths, headline-sized, sentence-sized. */
const kindOf = (format: CopyField): Kind => (format.max <= 15 ? 'path' : format.max <= 40 ? 'short' : 'long');

/** The list started at `offset` and wrapped round: every item kept, in the same cyclic order. */
const rotated = <T>(items: readonly T[], offset: number): T[] => (items.length === 0 ? [] : [...items.slice(offset % items.length), ...items.slice(0, offset % items.length)]);

const cycle = (items: readonly Phrase[], offset: number) => (i: number): Phrase => items[(i + offset) % Math.max(1, items.length)] ?? { title: '', inline: '' };

/** Fills every pattern of a group for each value of its slot (keywords, terms) or once (product). */
function expand(s: Slots, short: boolean): string[] {
  const { phrases } = s;
  const style = (text: string) => (short ? phrases.headlineCase(text) : text);
  const base = (offset: number): PatternSlots => ({
    keyword: '',
    product: short ? style(s.product) : capitalise(s.product),
    offer: s.offer,
    audience: s.audience,
    term: '',
    benefit: cycle(s.benefits, offset),
    action: cycle(s.actions, offset),
  });
  const out: string[] = [];
  const keywordPatterns = rotated(short ? phrases.keywordHeadlines : phrases.keywordSentences, s.rotation);
  for (const [i, keyword] of s.keywords.entries()) for (const pattern of keywordPatterns) out.push(pattern({ ...base(i), keyword: style(keyword) }));
  const termPatterns = rotated(short ? phrases.termHeadlines : phrases.termSentences, s.rotation);
  for (const [i, term] of s.terms.entries()) for (const pattern of termPatterns) out.push(pattern({ ...base(i), term }));
  if (s.product !== '') for (const pattern of rotated(short ? phrases.productHeadlines : phrases.productSentences, s.rotation)) out.push(pattern(base(0)));
  return out;
}

function shortTexts(s: Slots, isHeadline: boolean): string[] {
  const plain = [...s.benefits.slice(0, 4), ...s.actions.slice(0, 3)].map((p) => p.title);
  // Short texts that are not headlines (Meta's descriptions) lead with the offer and benefits, so they do not repeat the headlines.
  const lead = isHeadline ? [] : [s.offer && s.phrases.headlineCase(s.offer), ...plain];
  return [...lead, ...expand(s, true), ...plain, ...s.phrases.genericShort];
}

const longTexts = (s: Slots): string[] => [...expand(s, false).map(capitalise), ...s.phrases.genericLong];

function pathTexts(s: Slots, format: CopyField): string[] {
  const fits = (text: string) => text !== '' && [...text].length <= format.max;
  const pieces = [...s.keywords, s.product, s.offer].flatMap((text) => {
    const full = slug(text);
    const words = full.split('-');
    return [full, words.slice(0, 2).join('-'), words[0] ?? ''];
  });
  return pieces.filter(fits);
}

/** Candidate texts for a field, best first: keyword ones, then required terms, the product and offer, then plain ones. */
export function templateTexts(format: CopyField, slots: Slots): string[] {
  const kind = kindOf(format);
  const texts = kind === 'path' ? pathTexts(slots, format) : kind === 'short' ? shortTexts(slots, format.isHeadline) : longTexts(slots);
  return [...new Set(texts.map((t) => tidy(t)).filter((t) => t !== ''))];
}
