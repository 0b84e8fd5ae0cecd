import type { ModelCapabilities } from './contract/capabilities.ts';
import { LlmError } from './contract/errors.ts';
import type { ChatRequest, LlmProviderId } from './contract/llm-provider.ts';

/** An answer's default token cap when the request names none: enough for a full set of ad copy. */
const DEFAULT_OUTPUT_TOKENS = 4096;

export function modelsFor(provider: LlmProviderId, catalog: readonly ModelCapabilities[]): readonly ModelCapabilities[] {
  return catalog.filter((m) => m.provider === provider);
}

/** The named model's capabilities; a model the provider does not list is refused before any call. */
export function pickModel(provider: LlmProviderId, models: readonly ModelCapabilities[], id: string): ModelCapabilities {
  const model = models.find((m) => m.id === id);
  if (!model) throw new LlmError('invalid_request', `${provider} offers no model ${id}`, { provider, model: id });
  return model;
}

export function outputLimit(request: ChatRequest, model: ModelCapabilities): number {
  return Math.min(request.maxOutputTokens ?? DEFAULT_OUTPUT_TOKENS, model.maxOutputTokens);
}
