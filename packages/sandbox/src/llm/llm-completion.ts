import { createRng, hash32 } from '../simulator/prng.ts';
import { readBrief } from './copy-brief.ts';
import { breakOneText, breakPlainText, malform, MALFORMATIONS, RULE_BREAKS, type Malformation, type RuleBreak } from './copy-flaws.ts';
import { writeTexts } from './copy-writer.ts';
import type { LlmSandboxSettings } from './llm-settings.ts';
import { fillSchema } from './schema-filler.ts';

export type OutputFormat = { kind: 'text' } | { kind: 'json_object' } | { kind: 'json_schema'; schema: Record<string, unknown> };

/** `clean`, `rule_break:<kind>` or `malformed:<kind>`: what the answer was made to be (sent as `x-sandbox-copy`). */
export type CopyOutcome = 'clean' | `rule_break:${RuleBreak}` | `malformed:${Malformation}`;

export interface Completion {
  text: string;
  outcome: CopyOutcome;
}

/** A JSON object (not null, not an array). */
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A message's text: the string itself, or its parts' `text` joined by new lines. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : '')).join('\n');
}

const DEFAULT_COPY_SCHEMA = {
  type: 'object',
  properties: { headlines: { type: 'array', items: { type: 'string', maxLength: 30 } }, descriptions: { type: 'array', items: { type: 'string', maxLength: 90 } } },
  required: ['headlines', 'descriptions'],
};

/** Reads an `x-sandbox-copy` request header (`clean`, `rule_break[:kind]`, `malformed[:kind]`) into a forced outcome. */
export function parseForcedOutcome(value: string | undefined): { mode: 'clean' | 'rule_break' | 'malformed'; kind?: string } | null {
  if (!value) return null;
  const [mode, kind] = value.split(':');
  if (mode !== 'clean' && mode !== 'rule_break' && mode !== 'malformed') return null;
  return kind ? { mode, kind } : { mode };
}

function pickKind<T extends string>(list: readonly T[], wanted: string | undefined, pick: () => T): T {
  return list.find((k) => k === wanted) ?? pick();
}

/**
 * The model's answer to `prompt`: deterministic for a given sandbox seed and prompt (the same
 * prompt always gets the same copy), clean unless the rates or a forced outcome say otherwise.
 */
export function complete(prompt: string, format: OutputFormat, settings: LlmSandboxSettings, seed: number, forced: ReturnType<typeof parseForcedOutcome>): Completion {
  const rng = createRng(hash32(seed, prompt));
  const brief = readBrief(prompt);
  const roll = rng.next();
  const isStructured = format.kind !== 'text';
  const mode = forced?.mode
    ?? (isStructured && roll < settings.malformedRate ? 'malformed' : roll < settings.malformedRate + settings.ruleBreakRate ? 'rule_break' : 'clean');
  if (!isStructured) {
    let text = `Headlines:\n${writeTexts(brief, 'headline', 5, 30, rng).map((h) => `- ${h}`).join('\n')}\nDescriptions:\n${writeTexts(brief, 'description', 2, 90, rng).map((d) => `- ${d}`).join('\n')}`;
    if (mode !== 'rule_break') return { text, outcome: 'clean' };
    const kind = pickKind(RULE_BREAKS, forced?.kind, () => rng.pick(RULE_BREAKS));
    text = breakPlainText(text, kind, brief, rng);
    return { text, outcome: `rule_break:${kind}` };
  }
  const value = fillSchema(format.kind === 'json_schema' ? format.schema : DEFAULT_COPY_SCHEMA, brief, rng);
  if (mode === 'malformed') {
    const kind = pickKind(MALFORMATIONS, forced?.kind, () => rng.pick(MALFORMATIONS));
    return { text: malform(value, kind), outcome: `malformed:${kind}` };
  }
  if (mode === 'rule_break') {
    const kind = pickKind(RULE_BREAKS, forced?.kind, () => rng.pick(RULE_BREAKS));
    if (breakOneText(value, kind, brief, rng)) return { text: JSON.stringify(value), outcome: `rule_break:${kind}` };
  }
  return { text: JSON.stringify(value), outcome: 'clean' };
}

/** About four characters a token (English); both wire formats report usage from this estimate. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
