/**
 * The brief the LLM sandbox writes copy from, read out of the prompt's `Field: value` lines
 * (Product, Offer, Audience, Keywords, Brand, Competitors, Language). Missing fields fall back
 * to words from the prompt, so any prompt yields plausible copy.
 */
export interface CopyBrief {
  product: string;
  offer: string | null;
  audience: string | null;
  keywords: string[];
  brand: string | null;
  competitors: string[];
  language: string;
}

const FIELD = /^\s*[-*]?\s*(product|offer|audience|keywords?|brand|competitors?|language)\s*:\s*(.+?)\s*$/gim;
const STOP_WORDS = new Set(['the', 'and', 'for', 'with', 'you', 'your', 'are', 'that', 'this', 'from', 'write', 'ads', 'copy', 'json', 'return', 'headlines', 'descriptions', 'each', 'must', 'only']);

function list(value: string): string[] {
  return value.split(/[,;|]/).map((part) => part.trim()).filter(Boolean);
}

function fallbackProduct(prompt: string): string {
  const words = prompt.toLowerCase().match(/[a-z]{4,}/g) ?? [];
  const picked = words.filter((w) => !STOP_WORDS.has(w)).slice(0, 2);
  return picked.length ? picked.join(' ') : 'our product';
}

export function readBrief(prompt: string): CopyBrief {
  const fields = new Map<string, string>();
  for (const match of prompt.matchAll(FIELD)) {
    const key = (match[1] ?? '').toLowerCase().replace(/s$/, '');
    if (!fields.has(key)) fields.set(key, match[2] ?? '');
  }
  const product = fields.get('product') ?? fallbackProduct(prompt);
  const keywords = list(fields.get('keyword') ?? '');
  return {
    product,
    offer: fields.get('offer') ?? null,
    audience: fields.get('audience') ?? null,
    keywords: keywords.length ? keywords : [product],
    brand: fields.get('brand') ?? null,
    competitors: list(fields.get('competitor') ?? ''),
    language: fields.get('language') ?? 'en',
  };
}
