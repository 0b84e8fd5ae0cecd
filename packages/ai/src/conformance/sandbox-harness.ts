import { startLlmSandbox, type RunningLlmSandbox } from '@adloop/sandbox/llm';
import { createAnthropicProvider } from '../anthropic/anthropic.provider.ts';
import { SANDBOX_KEYS } from '../config.ts';
import type { LlmProvider, LlmProviderId } from '../contract/llm-provider.ts';
import { DEFAULT_MODEL_BY_PROVIDER, DEFAULT_MODELS } from '../models.catalog.ts';
import { createOpenAiProvider } from '../openai/openai.provider.ts';
import type { LlmConformanceHarness } from './conformance.ts';

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
}

/** A provider of `id` pointed at a running LLM sandbox. */
export function sandboxProvider(sandbox: RunningLlmSandbox, id: LlmProviderId, apiKey: string = SANDBOX_KEYS[id]): LlmProvider {
  const options = { apiKey, baseURL: sandbox.urls[id], models: DEFAULT_MODELS, defaultModel: DEFAULT_MODEL_BY_PROVIDER[id], timeoutMs: 10_000 };
  return id === 'openai' ? createOpenAiProvider(options) : createAnthropicProvider(options);
}

export const injectFault = (sandbox: RunningLlmSandbox, format: LlmProviderId, status: number | 'stream_error', count = 1) => post(`${sandbox.urls.control}/faults`, { format, status, count });
export const setLlmSettings = (sandbox: RunningLlmSandbox, settings: Record<string, number>) => post(`${sandbox.urls.control}/settings`, settings);

/** The conformance harness for one wire format: a fresh sandbox with clean copy (no rule breaks, nothing spoiled). */
export async function sandboxHarness(id: LlmProviderId): Promise<LlmConformanceHarness> {
  const sandbox = await startLlmSandbox({ seed: 11, settings: { ruleBreakRate: 0, malformedRate: 0 } });
  return {
    provider: sandboxProvider(sandbox, id),
    withKey: (key) => sandboxProvider(sandbox, id, key),
    injectFault: (status, count) => injectFault(sandbox, id, status, count),
    setMalformedRate: (rate) => setLlmSettings(sandbox, { malformedRate: rate }),
    overloadStatus: id === 'openai' ? 503 : 529,
    close: () => sandbox.close(),
  };
}
