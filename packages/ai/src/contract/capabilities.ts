import type { LlmProviderId } from './llm-provider.ts';

/** How a model can be asked for machine-readable output. */
export type StructuredOutputSupport = 'json_schema' | 'json_object' | 'none';

/**
 * What one model can do and what it costs. Prices are US dollars per million tokens, which is
 * also micro-dollars per token: cost in micros = tokens × price.
 */
export interface ModelCapabilities {
  id: string;
  provider: LlmProviderId;
  /** Prompt plus answer, in tokens. */
  contextTokens: number;
  /** The most a single answer may be, in tokens. */
  maxOutputTokens: number;
  structuredOutput: StructuredOutputSupport;
  streaming: boolean;
  pricePerMillion: { inputUsd: number; outputUsd: number };
}
