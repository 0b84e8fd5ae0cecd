import { describe, expect, it } from 'vitest';
import { AiConfigError, createLlmProviders, loadAiConfig, SANDBOX_KEYS } from './config.ts';

describe('AI configuration', () => {
  it('uses the LLM sandbox for both providers when no key is set', () => {
    const config = loadAiConfig({});
    expect(config.mode).toBe('sandbox');
    expect(config.providers.map((p) => [p.id, p.apiKey, p.baseURL])).toEqual([['openai', SANDBOX_KEYS.openai, null], ['anthropic', SANDBOX_KEYS.anthropic, null]]);
    expect(() => createLlmProviders(config)).toThrow(AiConfigError);
    const registry = createLlmProviders(config, { openai: 'http://127.0.0.1:1/v1', anthropic: 'http://127.0.0.1:1' });
    expect(registry.list().map((p) => p.id)).toEqual(['openai', 'anthropic']);
  });

  it('switches to the real providers that have keys, never mixing in the sandbox', () => {
    const config = loadAiConfig({ ANTHROPIC_API_KEY: 'sk-ant-api03-x', ANTHROPIC_BASE_URL: 'https://proxy.example.com' });
    expect(config.mode).toBe('live');
    expect(config.providers).toEqual([{ id: 'anthropic', apiKey: 'sk-ant-api03-x', baseURL: 'https://proxy.example.com', defaultModel: 'claude-sonnet-5-5' }]);
    const both = loadAiConfig({ OPENAI_API_KEY: 'sk-proj-x', ANTHROPIC_API_KEY: 'sk-ant-x', AI_OPENAI_MODEL: 'gpt-5.4' });
    expect(both.providers.map((p) => [p.id, p.baseURL, p.defaultModel])).toEqual([['openai', 'https://api.openai.com/v1', 'gpt-5.4'], ['anthropic', 'https://api.anthropic.com', 'claude-sonnet-5-5']]);
  });

  it('takes prices from configuration and names every bad value', () => {
    const config = loadAiConfig({ AI_MODEL_PRICES: '{"gpt-5.4-mini":{"inputUsd":1,"outputUsd":5}}' });
    expect(config.models.find((m) => m.id === 'gpt-5.4-mini')?.pricePerMillion).toEqual({ inputUsd: 1, outputUsd: 5 });
    expect(() => loadAiConfig({ OPENAI_BASE_URL: 'not a url', AI_MODEL_PRICES: '{' })).toThrow(/OPENAI_BASE_URL[\s\S]*AI_MODEL_PRICES/);
    expect(() => loadAiConfig({ AI_OPENAI_MODEL: 'claude-haiku-5-5' })).toThrow(/AI_OPENAI_MODEL/);
  });
});
