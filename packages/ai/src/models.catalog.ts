import type { ModelCapabilities } from './contract/capabilities.ts';

/**
 * Default model list and list prices (USD per million tokens, input / output), as published
 * mid/late 2026 (OpenAI pricing page readings, June 2026; Anthropic's model table). Context and
 * output sizes are the documented ones where known, conservative otherwise. Prices change:
 * configuration may replace any entry (see `AI_MODEL_PRICES` in config.ts).
 */
export const DEFAULT_MODELS: readonly ModelCapabilities[] = [
  { id: 'gpt-5.4-mini', provider: 'openai', contextTokens: 400_000, maxOutputTokens: 128_000, structuredOutput: 'json_schema', streaming: true, pricePerMillion: { inputUsd: 0.75, outputUsd: 4.5 } },
  { id: 'gpt-5.4', provider: 'openai', contextTokens: 400_000, maxOutputTokens: 128_000, structuredOutput: 'json_schema', streaming: true, pricePerMillion: { inputUsd: 2.5, outputUsd: 15 } },
  { id: 'gpt-5.4-nano', provider: 'openai', contextTokens: 400_000, maxOutputTokens: 128_000, structuredOutput: 'json_schema', streaming: true, pricePerMillion: { inputUsd: 0.2, outputUsd: 1.25 } },
  { id: 'gpt-4.1', provider: 'openai', contextTokens: 1_047_576, maxOutputTokens: 32_768, structuredOutput: 'json_schema', streaming: true, pricePerMillion: { inputUsd: 2, outputUsd: 8 } },
  { id: 'claude-sonnet-5-5', provider: 'anthropic', contextTokens: 200_000, maxOutputTokens: 64_000, structuredOutput: 'json_schema', streaming: true, pricePerMillion: { inputUsd: 2, outputUsd: 10 } },
  { id: 'claude-haiku-5-5', provider: 'anthropic', contextTokens: 200_000, maxOutputTokens: 64_000, structuredOutput: 'json_schema', streaming: true, pricePerMillion: { inputUsd: 0.1, outputUsd: 0.5 } },
  { id: 'claude-opus-5-5', provider: 'anthropic', contextTokens: 200_000, maxOutputTokens: 32_000, structuredOutput: 'json_schema', streaming: true, pricePerMillion: { inputUsd: 4, outputUsd: 20 } },
];

/** The model each provider uses unless a request names another: the cheaper capable tier for ad copy. */
export const DEFAULT_MODEL_BY_PROVIDER = { openai: 'gpt-5.4-mini', anthropic: 'claude-sonnet-5-5' } as const;
