import type { AdCopy, BrandVoice, CopyBrief } from '@adloop/contracts';
import type { CopyPlatform } from '@adloop/contracts/copy-formats';
import { LlmError } from '../contract/errors.ts';
import type { ChatMessage, TokenUsage } from '../contract/llm-provider.ts';
import type { LlmClient } from '../llm-client.ts';
import { estimatePromptTokens, estimateTokens } from '../tokens.ts';
import { buildCopyPrompt } from './copy-prompt.ts';
import { copyOutputName, copyOutputSchema, maxCopyOutputTokens, toAdCopy } from './copy-schemas.ts';

export interface GenerateCopyInput {
  client: Pick<LlmClient, 'chatStructured'>;
  brief: CopyBrief;
  voice: BrandVoice;
  platforms: readonly CopyPlatform[];
  landingText?: string | null | undefined;
  /** Variations per platform (default 1). */
  variations?: number | undefined;
  /** 0 for a first generation; a regeneration passes a new number so the model writes afresh. */
  seed?: number | undefined;
  model?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** One call's messages as sent, and (for a retry) the second round too. */
export interface CopyCall {
  platform: CopyPlatform;
  messages: ChatMessage[];
  provider: string;
  model: string;
  usage: TokenUsage;
  /** Calls made: 2 when the first answer could not be read and was asked again. */
  attempts: number;
}

export interface GeneratedCopy {
  /** Per platform, the copy as the model wrote it (not yet validated or repaired), labelled `ai`. */
  platforms: Array<{ platform: CopyPlatform; copies: AdCopy[] }>;
  calls: CopyCall[];
  /** Every call's tokens, retries included. */
  usage: TokenUsage;
  provider: string;
  model: string;
}

/** The model's answer twice could not be read as copy. */
export class CopyOutputError extends Error {
  constructor(
    readonly platform: CopyPlatform,
    readonly issues: readonly string[],
    readonly usage: TokenUsage,
  ) {
    super(`The AI answered twice with copy for ${platform} that could not be read (${issues.slice(0, 3).join('; ') || 'not valid JSON'}). Try again, or write the copy by hand.`);
    this.name = 'CopyOutputError';
  }
}

const add = (a: TokenUsage, b: TokenUsage): TokenUsage => ({ inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens });
const ZERO: TokenUsage = { inputTokens: 0, outputTokens: 0 };

/** What a refused answer cost: the providers bill it, but the error carries no usage, so it is estimated. */
function spentOn(messages: ChatMessage[], error: LlmError): TokenUsage {
  return { inputTokens: estimatePromptTokens({ messages }), outputTokens: estimateTokens(error.details.rawOutput ?? '') };
}

/** The second round after an unreadable answer: the model sees what it sent and why it was refused. */
function retryMessages(messages: ChatMessage[], error: LlmError): ChatMessage[] {
  const issues = error.details.issues?.slice(0, 5).join('; ') || 'not valid JSON';
  return [
    ...messages,
    { role: 'assistant', content: (error.details.rawOutput ?? '').slice(0, 4_000) },
    { role: 'user', content: `That answer could not be read (${issues}). Answer again with only the JSON object the schema describes: no prose, no code fences.` },
  ];
}

async function onePlatform(input: GenerateCopyInput, platform: CopyPlatform): Promise<{ copies: AdCopy[]; call: CopyCall }> {
  const count = input.variations ?? 1;
  const messages = buildCopyPrompt(input.brief, input.voice, platform, input.landingText, { variations: count, attempt: input.seed ?? 0 });
  const output = { name: copyOutputName(platform), schema: copyOutputSchema(platform, count) };
  const request = { model: input.model, maxOutputTokens: maxCopyOutputTokens(platform, count), signal: input.signal };
  let spent = ZERO;
  let sent = messages;
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await input.client.chatStructured({ ...request, messages: sent }, output);
      const copies = response.value.variations.slice(0, count).map((ad) => toAdCopy(platform, ad));
      const usage = add(spent, response.usage);
      return { copies, call: { platform, messages: sent, provider: response.provider, model: response.model, usage, attempts: attempt } };
    } catch (error) {
      if (!(error instanceof LlmError) || error.kind !== 'invalid_output') throw error;
      spent = add(spent, spentOn(sent, error));
      if (attempt >= 2) throw new CopyOutputError(platform, error.details.issues ?? [], spent);
      sent = retryMessages(messages, error);
    }
  }
}

/**
 * Asks the model for each platform's copy through structured output, one call per platform (the calls
 * run one after another: the client's breakers and the cost cap see them in order). An answer that is
 * not the schema's shape is asked for once more with the reason; a second failure is `CopyOutputError`.
 * Other LLM errors pass through. The copy returned is raw: the caller validates and repairs it.
 */
export async function generateCopy(input: GenerateCopyInput): Promise<GeneratedCopy> {
  const platforms: GeneratedCopy['platforms'] = [];
  const calls: CopyCall[] = [];
  for (const platform of input.platforms) {
    const { copies, call } = await onePlatform(input, platform);
    platforms.push({ platform, copies });
    calls.push(call);
  }
  const last = calls.at(-1);
  return { platforms, calls, usage: calls.reduce((sum, c) => add(sum, c.usage), ZERO), provider: last?.provider ?? '', model: last?.model ?? '' };
}

/**
 * The most a `generateCopy` call can use, for a cost cap's reservation: every platform's prompt and
 * longest answer, twice (an unreadable answer is asked again).
 */
export function copyCallPlan(input: Omit<GenerateCopyInput, 'client'>): { promptTokens: number; maxOutputTokens: number } {
  let promptTokens = 0;
  let maxOutputTokens = 0;
  for (const platform of input.platforms) {
    const count = input.variations ?? 1;
    const messages = buildCopyPrompt(input.brief, input.voice, platform, input.landingText, { variations: count, attempt: input.seed ?? 0 });
    const answer = maxCopyOutputTokens(platform, count);
    // The retry carries the first answer back, so its prompt is the prompt plus an answer.
    promptTokens += 2 * estimatePromptTokens({ messages }) + answer + 60;
    maxOutputTokens += 2 * answer;
  }
  return { promptTokens, maxOutputTokens };
}
