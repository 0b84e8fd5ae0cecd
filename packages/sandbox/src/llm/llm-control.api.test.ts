import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLlmSandbox, type RunningLlmSandbox } from './llm-sandbox.ts';

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('LLM sandbox control API', () => {
  let sb: RunningLlmSandbox;
  beforeAll(async () => {
    sb = await startLlmSandbox({ seed: 1 });
  });
  afterAll(() => sb.close());

  it('queues faults per wire format and clears them', async () => {
    expect((await post(`${sb.urls.control}/faults`, { format: 'anthropic', status: 529, count: 2 })).status).toBe(200);
    const state: unknown = await (await fetch(`${sb.urls.control}/state`)).json();
    expect(state).toMatchObject({ faults: { openai: [], anthropic: [529, 529] } });
    await fetch(`${sb.urls.control}/faults`, { method: 'DELETE' });
    expect(sb.state.faults.anthropic).toEqual([]);
  });

  it('makes the next answers break a rule as asked, for callers that cannot send the x-sandbox-copy header', async () => {
    expect(await (await post(`${sb.urls.control}/copy`, { outcome: 'shouting' })).json()).toMatchObject({ error: { field: 'outcome' } });
    expect((await post(`${sb.urls.control}/copy`, { outcome: 'rule_break:too_long' })).status).toBe(200);
    const ask = () =>
      fetch(`${sb.urls.openai}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-sandbox-test' },
        body: JSON.stringify({ model: 'gpt-5.4-mini', messages: [{ role: 'user', content: 'Write ad copy as json for: trail shoes' }], response_format: { type: 'json_object' } }),
      });
    const forced = await ask();
    expect(forced.headers.get('x-sandbox-copy')).toBe('rule_break:too_long');
    expect(sb.state.copyOutcomes).toEqual([]);
    // Taken once: the next answer follows the rates again (the same prompt, so the same clean copy).
    await post(`${sb.urls.control}/settings`, { ruleBreakRate: 0, malformedRate: 0 });
    expect((await ask()).headers.get('x-sandbox-copy')).toBe('clean');
  });

  it('names the field it refuses', async () => {
    expect(await (await post(`${sb.urls.control}/faults`, { format: 'openai', status: 529 })).json()).toMatchObject({ error: { field: 'status' } });
    expect(await (await post(`${sb.urls.control}/settings`, { ruleBreakRate: 2 })).json()).toMatchObject({ error: { field: 'ruleBreakRate' } });
    const ok = await post(`${sb.urls.control}/settings`, { ruleBreakRate: 0.3, malformedRate: 0 });
    expect(await ok.json()).toMatchObject({ settings: { ruleBreakRate: 0.3, malformedRate: 0 } });
  });
});
