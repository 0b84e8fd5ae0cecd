import type { CopyBrief } from '@adloop/contracts';
import type { CopyField } from '@adloop/contracts/copy-formats';
import { fixStandIns } from './editorial.ts';
import { shuffled } from './seeded.ts';
import { capitalise, tidy } from './text.ts';

/**
 * The slot grammar behind template copy: keyword × benefit × call to action, with the brief's product,
 * offer and audience. Phrases are plain and make no claims, so every text a pattern yields passes the
 * platforms' rules once its slots do. English phrasing.
 */

const BENEFITS = ['Easy Ordering', 'Friendly Support', 'Great Value', 'Simple Setup', 'Secure Checkout', 'Flexible Options', 'Helpful Advice', 'Thoughtful Design'];
const ACTIONS = ['Learn More', 'Get Started', 'Find Out More', 'See Your Options', 'Take a Look', 'Order Today', 'Explore the Range'];
/** Headlines that need no slot: the last resort when the brief's words cannot be used. */
const GENERIC_SHORT = ['Learn More Today', 'Get Started Today', 'See Our Options', 'Explore Our Range', 'Talk to Our Team', 'Visit Our Website', 'Take a Closer Look', 'See What Is New', 'Find Your Fit', 'Options for Every Need', 'Simple and Friendly', 'Here to Help', 'Ready When You Are', 'Made for You', 'Questions Answered'];
const GENERIC_LONG = [
  'Find out more about what we offer and choose the option that suits you.',
  'Take a look at our range and get in touch if you have any questions.',
  'Our team is here to help you choose. Visit our website to learn more.',
  'Compare our options at your own pace and order when you are ready.',
  'Clear information, friendly people and a simple way to get started.',
];
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** Headline style: each word capitalised except short joining words (words already in capitals stay). */
export const titleCase = (text: string): string =>
  text
    .split(' ')
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word.toLowerCase()) ? word.toLowerCase() : capitalise(word)))
    .join(' ');

/** A URL path piece from words: lower case, letters and digits joined by "-". */
const slug = (text: string): string => text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join('-');

export interface Slots {
  keywords: string[];
  product: string;
  offer: string;
  audience: string;
  terms: string[];
  benefits: string[];
  actions: string[];
}

export function slotsOf(brief: CopyBrief, requiredTerms: readonly string[], random: () => number): Slots {
  const clean = (text: string) => tidy(fixStandIns(text.replace(/[!?¡¿]+/gu, ' ')));
  return {
    keywords: brief.keywords.map(clean).filter(Boolean),
    product: clean(brief.product),
    offer: clean(brief.offer).replace(/\.$/, ''),
    audience: clean(brief.audience),
    terms: requiredTerms.map(clean).filter(Boolean),
    benefits: shuffled(BENEFITS, random),
    actions: shuffled(ACTIONS, random),
  };
}

type Kind = 'path' | 'short' | 'long';
/** Which patterns suit a field, from its length alone: display paths, headline-sized, sentence-sized. */
const kindOf = (format: CopyField): Kind => (format.max <= 15 ? 'path' : format.max <= 40 ? 'short' : 'long');

const pick = (items: readonly string[], i: number): string => items[i % Math.max(1, items.length)] ?? '';

function shortTexts(s: Slots): string[] {
  const out: string[] = [];
  const b = (i: number) => pick(s.benefits, i);
  const a = (i: number) => pick(s.actions, i);
  for (const [i, raw] of s.keywords.entries()) {
    const k = titleCase(raw);
    out.push(k, `${k} Online`, `Discover ${k}`, `Quality ${k}`, `${k} Made Easy`, `Find ${k} Today`, `${k} – ${b(i)}`);
    if (s.audience) out.push(`${k} for ${titleCase(s.audience)}`);
  }
  for (const t of s.terms) out.push(t, `Choose ${t}`, `${t} – ${a(0)}`);
  const p = titleCase(s.product);
  if (p) out.push(p, `${p} – ${b(1)}`, `Discover ${p}`, `${b(2)} With ${p}`);
  if (s.offer) out.push(titleCase(s.offer), `${p} – ${titleCase(s.offer)}`);
  out.push(...s.benefits.slice(0, 4), ...s.actions.slice(0, 3).map((x) => `${x} Today`.replace(/ Today Today$/, ' Today')));
  out.push(...GENERIC_SHORT);
  return out;
}

function longTexts(s: Slots): string[] {
  const out: string[] = [];
  const b = (i: number) => pick(s.benefits, i).toLowerCase();
  const a = (i: number) => capitalise(pick(s.actions, i).toLowerCase());
  const p = capitalise(s.product);
  const who = s.audience ? ` for ${s.audience}` : '';
  for (const [i, k] of s.keywords.entries()) {
    out.push(`Looking for ${k}? ${p} brings you ${b(i)} and ${b(i + 1)}. ${a(i)}.`);
    out.push(`Discover ${k} from ${p}${who}. ${capitalise(b(i + 2))}, ${b(i + 3)}. ${a(i + 1)}.`);
  }
  for (const t of s.terms) out.push(`${p} from ${t}. ${capitalise(b(0))} and ${b(1)}. ${a(0)}.`);
  if (s.offer) out.push(`${p}: ${s.offer}. ${capitalise(b(0))} and ${b(1)}. ${a(2)}.`, `${capitalise(s.offer)}. ${a(3)} and see what ${p} can do${who}.`);
  if (p) out.push(`${p}${who}: ${b(2)}, ${b(3)} and ${b(4)}. ${a(4)}.`, `Choose ${p} for ${b(5)} and ${b(6)}. ${a(5)}.`);
  out.push(...GENERIC_LONG);
  return out;
}

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
  const short = () => {
    const texts = shortTexts(slots);
    // Short texts that are not headlines (Meta's descriptions) lead with the offer and benefits, so they do not repeat the headlines.
    if (format.isHeadline) return texts;
    const lead = [slots.offer && titleCase(slots.offer), ...slots.benefits, ...slots.actions].filter(Boolean);
    return [...lead, ...texts];
  };
  const texts = kind === 'path' ? pathTexts(slots, format) : kind === 'short' ? short() : longTexts(slots);
  return [...new Set(texts.map((t) => tidy(t)).filter((t) => t !== ''))];
}
