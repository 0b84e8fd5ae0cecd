import type { ModelCapabilities } from './contract/capabilities.ts';
import type { TokenUsage } from './contract/llm-provider.ts';

/**
 * Cost in micro-dollars, rounded up to a whole micro. A price in USD per million tokens is
 * micro-dollars per token, so this is tokens × price.
 */
export function costMicros(model: Pick<ModelCapabilities, 'pricePerMillion'>, usage: TokenUsage): number {
  return Math.ceil(usage.inputTokens * model.pricePerMillion.inputUsd + usage.outputTokens * model.pricePerMillion.outputUsd);
}

/** Margin on estimated prompt tokens, since `estimateTokens` is not the provider's tokenizer. */
const PROMPT_ESTIMATE_MARGIN = 1.2;

/**
 * The most a call can cost before it is sent: the prompt estimate with a margin, plus an answer
 * as long as `maxOutputTokens` allows. A cost cap refuses calls whose worst case would cross it.
 */
export function worstCaseCostMicros(model: ModelCapabilities, estimatedPromptTokens: number, maxOutputTokens: number): number {
  return costMicros(model, { inputTokens: Math.ceil(estimatedPromptTokens * PROMPT_ESTIMATE_MARGIN), outputTokens: Math.min(maxOutputTokens, model.maxOutputTokens) });
}
