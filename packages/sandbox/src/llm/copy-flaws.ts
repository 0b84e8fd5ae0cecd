import type { SequentialRng } from '../simulator/prng.ts';
import type { CopyBrief } from './copy-brief.ts';
import { KIND_LIMITS, kindOf } from './copy-writer.ts';

/** Ways the sandbox's copy breaks the platforms' rules, as real models sometimes do. */
export const RULE_BREAKS = ['too_long', 'banned_claim', 'exclamations', 'all_caps', 'trademark'] as const;
export type RuleBreak = (typeof RULE_BREAKS)[number];

/** Ways its structured output fails to parse or to match the schema. */
export const MALFORMATIONS = ['truncated', 'wrapped_in_prose', 'wrong_shape'] as const;
export type Malformation = (typeof MALFORMATIONS)[number];

const CLAIMS = ['Guaranteed results', '#1 rated', 'Best price guaranteed', 'Cures it fast', 'Risk-free profits'];
const DEFAULT_TRADEMARK = 'Nike';

function breakText(text: string, kind: RuleBreak, limit: number, brief: CopyBrief, rng: SequentialRng): string {
  switch (kind) {
    case 'too_long': {
      let out = text;
      while (out.length <= limit) out += ` and ${brief.product} for everyone`;
      return out;
    }
    case 'banned_claim':
      return `${rng.pick(CLAIMS)} ${text}`.slice(0, limit);
    case 'exclamations':
      return `${text.replace(/[.!?]+$/, '').slice(0, Math.max(1, limit - 3))}!!!`;
    case 'all_caps':
      return text.toUpperCase();
    case 'trademark':
      return `Better than ${brief.competitors[0] ?? DEFAULT_TRADEMARK}`.slice(0, limit);
  }
}

interface Leaf {
  set(value: string): void;
  value: string;
  name: string;
}

function leaves(value: unknown, name: string, out: Leaf[]): Leaf[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item === 'string') out.push({ value: item, name, set: (v) => (value[i] = v) });
      else leaves(item, name, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string') out.push({ value: item, name: key, set: (v) => Reflect.set(value, key, v) });
      else leaves(item, key, out);
    }
  }
  return out;
}

/** Breaks one ad text inside `value` (in place) the way `kind` says; false when there is no text. */
export function breakOneText(value: unknown, kind: RuleBreak, brief: CopyBrief, rng: SequentialRng): boolean {
  const texts = leaves(value, '', []).filter((leaf) => !/url$/i.test(leaf.name) && leaf.value.length > 0);
  if (!texts.length) return false;
  const leaf = rng.pick(texts);
  leaf.set(breakText(leaf.value, kind, KIND_LIMITS[kindOf(leaf.name)], brief, rng));
  return true;
}

export function breakPlainText(text: string, kind: RuleBreak, brief: CopyBrief, rng: SequentialRng): string {
  const lines = text.split('\n');
  const candidates = lines.map((line, i) => ({ line, i })).filter(({ line }) => line.startsWith('- '));
  if (!candidates.length) return text;
  const { line, i } = rng.pick(candidates);
  lines[i] = `- ${breakText(line.slice(2), kind, KIND_LIMITS.headline, brief, rng)}`;
  return lines.join('\n');
}

/** The structured output's JSON text, spoiled the way `kind` says. */
export function malform(value: unknown, kind: Malformation): string {
  const json = JSON.stringify(value);
  switch (kind) {
    case 'truncated':
      return json.slice(0, Math.max(1, Math.floor(json.length * 0.6)));
    case 'wrapped_in_prose':
      return `Here is the ad copy you asked for:\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\``;
    case 'wrong_shape': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return JSON.stringify({ result: value });
      const entries = Object.entries(value);
      const [first] = entries;
      // The first field is dropped and the rest renamed: required keys go missing.
      return JSON.stringify(Object.fromEntries(entries.slice(first ? 1 : 0).map(([k, v]) => [`${k}_list`, v])));
    }
  }
}
