import type { SequentialRng } from '../simulator/prng.ts';
import type { CopyBrief } from './copy-brief.ts';

/** What a text is for, read from the name the schema gives it; each kind has the platforms' usual limit. */
export type CopyKind = 'headline' | 'description' | 'primary_text' | 'path' | 'call_to_action' | 'text';

export const KIND_LIMITS: Record<CopyKind, number> = { headline: 30, description: 90, primary_text: 125, path: 15, call_to_action: 20, text: 100 };

export function kindOf(name: string): CopyKind {
  const key = name.toLowerCase().replace(/[^a-z]/g, '');
  if (key.includes('headline') || key.includes('title')) return 'headline';
  if (key.includes('primary') || key.includes('body')) return 'primary_text';
  if (key.includes('description')) return 'description';
  if (key.includes('path')) return 'path';
  if (key.includes('calltoaction') || key.includes('cta')) return 'call_to_action';
  return 'text';
}

const BENEFITS = ['Free delivery', 'Easy 30-day returns', 'Rated 4.8 by customers', 'New season range', 'Made to last', 'Friendly expert support', 'Secure checkout', 'Fast dispatch'];
const CTAS = ['Shop now', 'Order today', 'Get started', 'Learn more', 'See the range', 'Try it today'];
const SUFFIXES = ['Today', 'Online', 'Deals', 'Range', 'Offers', 'Collection', 'Made Simple', 'For Less', 'Delivered', 'Experts'];
const PLATFORM_CTAS = ['Shop Now', 'Learn More', 'Sign Up', 'Order Now', 'Get Offer'];

const title = (text: string): string => text.replace(/\b([a-z])/g, (c) => c.toUpperCase());
const sentence = (text: string): string => (text ? text[0]?.toUpperCase() + text.slice(1) : text);

function candidates(brief: CopyBrief, kind: CopyKind, rng: SequentialRng): string[] {
  const product = brief.product;
  const keyword = rng.pick(brief.keywords);
  const benefit = () => rng.pick(BENEFITS);
  const cta = () => rng.pick(CTAS);
  const two = (joiner: string): string => {
    const first = benefit();
    return `${first}${joiner}${rng.pick(BENEFITS.filter((b) => b !== first)).toLowerCase()}`;
  };
  const audience = brief.audience ? ` for ${brief.audience}` : '';
  switch (kind) {
    case 'headline':
      return [
        title(keyword), title(product), `Shop ${title(product)}`, `${title(keyword)} ${rng.pick(SUFFIXES)}`, `Get ${title(product)} Today`,
        ...(brief.offer ? [title(brief.offer)] : []), ...(brief.brand ? [`${brief.brand} ${title(product)}`, `${brief.brand} Official Site`] : []),
        ...(brief.audience ? [`${title(product)}${title(audience)}`] : []), ...BENEFITS.map(title), ...brief.keywords.map(title),
        ...SUFFIXES.map((s) => `${title(keyword)} ${s}`),
      ];
    case 'description':
    case 'text':
      return [
        `${sentence(product)}${audience}. ${two(' and ')}. ${cta()}.`,
        `Looking for ${keyword}? ${two(', ')}. ${cta()}.`,
        ...(brief.offer ? [`${sentence(brief.offer)} on ${product}. ${cta()}.`, `${sentence(brief.offer)}. ${benefit()}. ${cta()}.`] : []),
        `${brief.brand ?? 'Our'} ${product}: ${benefit().toLowerCase()}. ${cta()}.`,
        `Discover ${keyword}${audience}. ${benefit()}. ${cta()}.`,
        ...brief.keywords.map((k) => `${sentence(k)} that fit the way you live. ${benefit()}. ${cta()}.`),
        ...['free delivery', 'easy 30-day returns', 'friendly expert support', 'fast dispatch'].map((b) => `${sentence(product)} with ${b}. ${cta()}.`),
      ];
    case 'primary_text':
      return [
        `${sentence(product)}${audience}, chosen with care. ${two(' and ')}. ${brief.offer ? `${sentence(brief.offer)}. ` : ''}${cta()}.`,
        `Meet ${brief.brand ?? 'our'} ${product}. ${two(', ')}. ${cta()}.`,
        ...BENEFITS.map((b) => `Everything you want from ${keyword}. ${b}. ${cta()}.`),
      ];
    case 'path':
      return [...brief.keywords, product, ...SUFFIXES].map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''));
    case 'call_to_action':
      return PLATFORM_CTAS;
  }
}

/** Cuts at the last word boundary that fits. */
function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1).replace(/\s+\S*$/, '').replace(/[\s,.:;-]+$/, '').replace(/\s+(for|and|with|the|a|an|of|to|on|in|your)$/i, '');
  return cut.length ? cut : text.slice(0, max);
}

/**
 * `count` different texts of `kind`, each within `maxLength`: plausible, policy-clean copy
 * (no "!", no shouting, no claims) drawn deterministically from the brief by `rng`.
 */
export function writeTexts(brief: CopyBrief, kind: CopyKind, count: number, maxLength: number, rng: SequentialRng): string[] {
  const all = candidates(brief, kind, rng).filter(Boolean);
  const pool = [...new Set(all.filter((c) => c.length <= maxLength))];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [pool[i], pool[j]] = [pool[j] ?? '', pool[i] ?? ''];
  }
  // Texts cut to fit only when whole ones run out.
  for (const text of all) if (pool.length < count && !pool.includes(fit(text, maxLength))) pool.push(fit(text, maxLength));
  const out = pool.slice(0, count);
  for (let n = 2; out.length < count; n++) out.push(fit(`${title(brief.product)} ${n}`, maxLength));
  return out;
}
