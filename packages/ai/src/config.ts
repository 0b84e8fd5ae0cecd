import { z } from 'zod';
import { createAnthropicProvider } from './anthropic/anthropic.provider.ts';
import type { ModelCapabilities } from './contract/capabilities.ts';
import type { LlmProvider, LlmProviderId } from './contract/llm-provider.ts';
import { DEFAULT_MODEL_BY_PROVIDER, DEFAULT_MODELS } from './models.catalog.ts';
import { createOpenAiProvider } from './openai/openai.provider.ts';
import { createLlmProviderRegistry, type LlmProviderRegistry } from './registry.ts';

/** The keys the LLM sandbox accepts (any key starting `sk-sandbox` / `sk-ant-sandbox`). */
export const SANDBOX_KEYS: Record<LlmProviderId, string> = { openai: 'sk-sandbox-adloop', anthropic: 'sk-ant-sandbox-adloop' };

const optional = z.string().trim().transform((v) => v || undefined).optional();
const prices = z.record(z.string(), z.object({ inputUsd: z.number().nonnegative(), outputUsd: z.number().nonnegative() }));

const envSchema = z.object({
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: z.url().default('https://api.openai.com/v1'),
  ANTHROPIC_API_KEY: optional,
  ANTHROPIC_BASE_URL: z.url().default('https://api.anthropic.com'),
  AI_OPENAI_MODEL: z.string().default(DEFAULT_MODEL_BY_PROVIDER.openai),
  AI_ANTHROPIC_MODEL: z.string().default(DEFAULT_MODEL_BY_PROVIDER.anthropic),
  /** JSON: `{"gpt-5.4-mini": {"inputUsd": 0.75, "outputUsd": 4.5}}`, replacing list prices. */
  AI_MODEL_PRICES: z.string().optional().transform((raw, ctx) => {
    if (!raw) return {};
    try {
      const parsed = prices.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'must be JSON like {"gpt-5.4-mini":{"inputUsd":0.75,"outputUsd":4.5}}' });
    return z.NEVER;
  }),
});

export interface AiProviderConfig {
  id: LlmProviderId;
  apiKey: string;
  /** null in sandbox mode: the LLM sandbox's URL is known only once it runs. */
  baseURL: string | null;
  defaultModel: string;
}

export interface AiConfig {
  /** `sandbox` unless a real key is set: then only the providers with keys, never the sandbox. */
  mode: 'sandbox' | 'live';
  /** In fallback order: OpenAI first, then Anthropic. */
  providers: AiProviderConfig[];
  models: ModelCapabilities[];
}

export class AiConfigError extends Error {}

/** Reads the LLM settings from the environment once; `OPENAI_API_KEY` / `ANTHROPIC_API_KEY` switch to the real providers. */
export function loadAiConfig(env: NodeJS.ProcessEnv = process.env): AiConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new AiConfigError(`Invalid AI configuration:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  const models = DEFAULT_MODELS.map((m) => {
    const price = e.AI_MODEL_PRICES[m.id];
    return price ? { ...m, pricePerMillion: price } : { ...m };
  });
  const defaults = { openai: e.AI_OPENAI_MODEL, anthropic: e.AI_ANTHROPIC_MODEL };
  for (const [id, model] of Object.entries(defaults)) {
    if (!models.some((m) => m.id === model && m.provider === id)) throw new AiConfigError(`Invalid AI configuration:\n  - AI_${id.toUpperCase()}_MODEL: ${model} is not a known ${id} model`);
  }
  if (!e.OPENAI_API_KEY && !e.ANTHROPIC_API_KEY) {
    return { mode: 'sandbox', models, providers: (['openai', 'anthropic'] as const).map((id) => ({ id, apiKey: SANDBOX_KEYS[id], baseURL: null, defaultModel: defaults[id] })) };
  }
  const providers: AiProviderConfig[] = [];
  if (e.OPENAI_API_KEY) providers.push({ id: 'openai', apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, defaultModel: defaults.openai });
  if (e.ANTHROPIC_API_KEY) providers.push({ id: 'anthropic', apiKey: e.ANTHROPIC_API_KEY, baseURL: e.ANTHROPIC_BASE_URL, defaultModel: defaults.anthropic });
  return { mode: 'live', models, providers };
}

/** The providers the configuration names, in fallback order; sandbox mode needs the LLM sandbox's URLs. */
export function createLlmProviders(config: AiConfig, sandboxUrls?: Record<LlmProviderId, string>): LlmProviderRegistry {
  const providers: LlmProvider[] = config.providers.map((p) => {
    const baseURL = p.baseURL ?? sandboxUrls?.[p.id];
    if (!baseURL) throw new AiConfigError(`The LLM sandbox's ${p.id} URL is needed in sandbox mode`);
    const options = { apiKey: p.apiKey, baseURL, models: config.models, defaultModel: p.defaultModel };
    return p.id === 'openai' ? createOpenAiProvider(options) : createAnthropicProvider(options);
  });
  return createLlmProviderRegistry(providers);
}
