import type { ChatRequest } from './contract/llm-provider.ts';

/**
 * An ESTIMATE of the tokens in a text: UTF-8 bytes / 4, rounded up. Close for English with
 * OpenAI's and Anthropic's tokenizers; CJK and other wide scripts come out higher (each
 * character is 3 bytes), which errs on the safe side for budgets. Bills use the provider's
 * reported usage, never this.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 4);
}

/** Per-message framing the chat formats add (role markers, separators). */
const PER_MESSAGE = 4;
const PER_REQUEST = 3;

/** An estimate of a request's prompt tokens (see `estimateTokens`). */
export function estimatePromptTokens(request: Pick<ChatRequest, 'messages'>): number {
  return request.messages.reduce((sum, m) => sum + PER_MESSAGE + estimateTokens(m.content), PER_REQUEST);
}
