import { startLlmSandbox, type RunningLlmSandbox } from '@adloop/sandbox/llm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LlmError } from '../contract/errors.ts';
import type { LlmProviderId } from '../contract/llm-provider.ts';
import { createLlmClient, type LlmClientEvent, type LlmClientOptions } from '../llm-client.ts';
import { createLlmProviderRegistry } from '../registry.ts';
import { BRIEF, SEARCH_AD } from './conformance.ts';
import { injectFault, sandboxProvider, setLlmSettings } from './sandbox-harness.ts';

describe('LLM fallback, retries and circuit breaker against the LLM sandbox', () => {
  let sandbox: RunningLlmSandbox;
  let now = 0;
  let events: LlmClientEvent[] = [];
  let waits: number[] = [];

  const client = (order: LlmProviderId[] = ['openai', 'anthropic'], extra: LlmClientOptions = {}) => createLlmClient(createLlmProviderRegistry(order.map((id) => sandboxProvider(sandbox, id))), {
    backoff: { retries: 2, baseMs: 100, capMs: 1000 },
    breaker: { failureThreshold: 3, cooldownMs: 30_000 },
    sleep: async (ms) => void waits.push(ms),
    now: () => now,
    onEvent: (event) => events.push(event),
    ...extra,
  });
  const calls = () => ({ ...sandbox.state.calls });

  beforeAll(async () => {
    sandbox = await startLlmSandbox({ seed: 5, settings: { ruleBreakRate: 0, malformedRate: 0 } });
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    events = [];
    waits = [];
    await fetch(`${sandbox.urls.control}/faults`, { method: 'DELETE' });
    await setLlmSettings(sandbox, { retryAfterSeconds: 1 });
  });

  it('retries a single 429 on the same provider, waiting at least its retry-after', async () => {
    await injectFault(sandbox, 'openai', 429);
    const response = await client().chat(BRIEF);
    expect(response.provider).toBe('openai');
    expect(waits).toEqual([1000]);
    expect(events).toEqual([{ type: 'retry', provider: 'openai', kind: 'rate_limited', attempt: 1, delayMs: 1000 }]);
  });

  it('falls back OpenAI → Anthropic when OpenAI keeps answering 429, with structured output', async () => {
    await injectFault(sandbox, 'openai', 429, 3);
    const before = calls();
    const response = await client().chatStructured(BRIEF, { name: 'search_ad', schema: SEARCH_AD });
    expect(response.provider).toBe('anthropic');
    expect(SEARCH_AD.safeParse(response.value).success).toBe(true);
    expect(calls().openai - before.openai).toBe(3);
    expect(events.filter((e) => e.type === 'fallback')).toEqual([{ type: 'fallback', from: 'openai', kind: 'rate_limited' }]);
  });

  it('falls back Anthropic → OpenAI on 529 overloaded', async () => {
    await injectFault(sandbox, 'anthropic', 529, 3);
    const response = await client(['anthropic', 'openai']).chat(BRIEF);
    expect(response.provider).toBe('openai');
    expect(events.some((e) => e.type === 'fallback' && e.kind === 'overloaded')).toBe(true);
  });

  it('moves on at once when retry-after is longer than a person should wait', async () => {
    await setLlmSettings(sandbox, { retryAfterSeconds: 30 });
    await injectFault(sandbox, 'openai', 429);
    const before = calls();
    expect((await client().chat(BRIEF)).provider).toBe('anthropic');
    expect(calls().openai - before.openai).toBe(1);
    expect(waits).toEqual([]);
  });

  it('falls back on a rejected key, but not on a bad request or spoiled output', async () => {
    const registry = createLlmProviderRegistry([sandboxProvider(sandbox, 'openai', 'sk-live-wrong'), sandboxProvider(sandbox, 'anthropic')]);
    expect((await createLlmClient(registry, { sleep: async () => {} }).chat(BRIEF)).provider).toBe('anthropic');
    await setLlmSettings(sandbox, { malformedRate: 1 });
    try {
      const spoiled = await client().chatStructured(BRIEF, { name: 'search_ad', schema: SEARCH_AD }).catch((e: unknown) => e);
      expect(spoiled).toMatchObject({ kind: 'invalid_output', details: { provider: 'openai' } });
      expect(events.some((e) => e.type === 'fallback')).toBe(false);
    } finally {
      await setLlmSettings(sandbox, { malformedRate: 0 });
    }
  });

  it('opens the breaker after repeated failures, skips the provider while open, closes after a good trial', async () => {
    const llm = client();
    await injectFault(sandbox, 'openai', 500, 3);
    const first = await llm.chat(BRIEF);
    expect(first.provider).toBe('anthropic');
    expect(llm.breakerState('openai')).toBe('open');
    expect(events).toContainEqual({ type: 'breaker', provider: 'openai', from: 'closed', to: 'open' });
    const before = calls();
    expect((await llm.chat(BRIEF)).provider).toBe('anthropic');
    expect(calls().openai).toBe(before.openai);
    now += 30_000;
    expect(llm.breakerState('openai')).toBe('half_open');
    expect((await llm.chat(BRIEF)).provider).toBe('openai');
    expect(llm.breakerState('openai')).toBe('closed');
  });

  it('says which providers failed and how when none answers', async () => {
    await injectFault(sandbox, 'openai', 503, 3);
    await injectFault(sandbox, 'anthropic', 529, 3);
    const error = await client().chat(BRIEF).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ kind: 'unavailable', details: { attempts: [{ provider: 'openai', kind: 'overloaded' }, { provider: 'anthropic', kind: 'overloaded' }] } });
  });

  it('streams from the fallback provider when the first fails before any text', async () => {
    await injectFault(sandbox, 'openai', 429, 3);
    let text = '';
    let provider = '';
    for await (const event of client().stream(BRIEF)) {
      if (event.type === 'delta') text += event.text;
      else provider = event.response.provider;
    }
    expect(provider).toBe('anthropic');
    expect(text).toContain('Headlines:');
  });

  it('does not fall back once a stream has written text: the cut is the caller’s to handle', async () => {
    await injectFault(sandbox, 'openai', 'stream_error');
    const before = calls();
    let text = '';
    const error = await (async () => {
      for await (const event of client().stream(BRIEF)) if (event.type === 'delta') text += event.text;
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'transient', details: { provider: 'openai' } });
    expect(text.length).toBeGreaterThan(0);
    expect(calls().anthropic).toBe(before.anthropic);
  });
});
