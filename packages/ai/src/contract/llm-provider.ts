import type { z } from 'zod';
import type { ModelCapabilities } from './capabilities.ts';

export type LlmProviderId = 'openai' | 'anthropic';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** A model the provider lists; absent: the provider's default model. */
  model?: string;
  /** Cap on the answer's tokens; absent: the model's maximum (bounded at 4,096). */
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

/** Structured output: the answer must be JSON matching `schema` (sent to the model as JSON Schema). */
export interface StructuredOutput<T> {
  /** Letters, digits, `_` and `-` (OpenAI's rule for schema names). */
  name: string;
  schema: z.ZodType<T>;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatResponse {
  provider: LlmProviderId;
  model: string;
  text: string;
  /** `length`: the answer hit `maxOutputTokens` and is cut. */
  finishReason: 'stop' | 'length' | 'other';
  /** As the provider reported it (billing uses these, not the estimate). */
  usage: TokenUsage;
  costMicros: number;
  requestId: string | null;
}

export interface StructuredResponse<T> extends ChatResponse {
  value: T;
}

export type ChatStreamEvent = { type: 'delta'; text: string } | { type: 'done'; response: ChatResponse };

/**
 * One LLM provider behind its official client. Implementations throw `LlmError` only, never
 * retry by themselves (the resilient client does), and get their secrets through the constructor.
 */
export interface LlmProvider {
  readonly id: LlmProviderId;
  readonly defaultModel: string;
  /** The models this provider offers, with their limits and prices. */
  readonly models: readonly ModelCapabilities[];
  capabilities(model?: string): ModelCapabilities;
  chat(request: ChatRequest): Promise<ChatResponse>;
  /** The answer parsed as JSON and checked by `output.schema`; `invalid_output` when it is not. */
  chatStructured<T>(request: ChatRequest, output: StructuredOutput<T>): Promise<StructuredResponse<T>>;
  /** The answer as it is written; the last event carries usage and cost. */
  stream(request: ChatRequest): AsyncIterable<ChatStreamEvent>;
  /** An estimate of the prompt's tokens (no network call; see tokens.ts). */
  countTokens(request: ChatRequest): number;
}
