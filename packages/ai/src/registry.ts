import type { ModelCapabilities } from './contract/capabilities.ts';
import type { LlmProvider, LlmProviderId } from './contract/llm-provider.ts';

/**
 * The explicit list of LLM providers, in fallback order (first = preferred). Generic code asks
 * the registry and a model's capabilities; it never branches on a provider's name.
 */
export interface LlmProviderRegistry {
  get(id: LlmProviderId): LlmProvider;
  has(id: LlmProviderId): boolean;
  /** In fallback order. */
  list(): LlmProvider[];
  /** Every model any registered provider offers. */
  models(): ModelCapabilities[];
}

export function createLlmProviderRegistry(providers: readonly LlmProvider[]): LlmProviderRegistry {
  const byId = new Map(providers.map((p) => [p.id, p] as const));
  if (byId.size !== providers.length) throw new Error('Two LLM providers registered under the same id');
  return {
    get(id) {
      const provider = byId.get(id);
      if (!provider) throw new Error(`No LLM provider registered for ${id}`);
      return provider;
    },
    has: (id) => byId.has(id),
    list: () => [...providers],
    models: () => providers.flatMap((p) => [...p.models]),
  };
}
