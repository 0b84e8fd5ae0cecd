import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLlmSandbox, type RunningLlmSandbox } from './llm-sandbox.ts';

const BRIEF = 'Write search ads as JSON.\nProduct: trail running shoes\nOffer: 20% off this week\nKeywords: trail shoes, running shoes\nBrand: Peakstep\nCompetitors: Salomon';
const SCHEMA = {
  type: 'object', additionalProperties: false, required: ['headlines', 'descriptions'],
  properties: { headlines: { type: 'array', items: { type: 'string', maxLength: 30 }, minItems: 3, maxItems: 15 }, descriptions: { type: 'array', items: { type: 'string', maxLength: 90 }, minItems: 2, maxItems: 4 } },
};

describe('the official openai client against the LLM sandbox, unmodified', () => {
  let sb: RunningLlmSandbox;
  let client: OpenAI;
  beforeAll(async () => {
    sb = await startLlmSandbox({ seed: 7, settings: { ruleBreakRate: 0, malformedRate: 0 } });
    client = new OpenAI({ apiKey: 'sk-sandbox-fidelity', baseURL: sb.urls.openai, maxRetries: 0 });
  });
  afterAll(() => sb.close());

  it('answers structured output that matches the schema, with usage, the same way for the same prompt', async () => {
    const ask = () => client.chat.completions.create({
      model: 'gpt-5.4-mini', messages: [{ role: 'system', content: 'You write ad copy.' }, { role: 'user', content: BRIEF }],
      response_format: { type: 'json_schema', json_schema: { name: 'search_ad', schema: SCHEMA, strict: true } },
    });
    const first = await ask();
    const body: { headlines: string[]; descriptions: string[] } = JSON.parse(first.choices[0]?.message.content ?? '');
    expect(body.headlines.length).toBeGreaterThanOrEqual(3);
    expect(body.headlines.every((h) => h.length <= 30 && !h.includes('!'))).toBe(true);
    expect(body.descriptions.every((d) => d.length <= 90)).toBe(true);
    expect(first.choices[0]?.finish_reason).toBe('stop');
    expect(first.usage?.total_tokens).toBe((first.usage?.prompt_tokens ?? 0) + (first.usage?.completion_tokens ?? 0));
    expect(first._request_id).toMatch(/^req_/);
    expect((await ask()).choices[0]?.message.content).toBe(first.choices[0]?.message.content);
  });

  it('streams chunks ending in [DONE], with the usage chunk when asked', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-5.4-mini', messages: [{ role: 'user', content: BRIEF }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage = 0;
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage?.completion_tokens ?? usage;
    }
    expect(text).toContain('Headlines:');
    expect(finish).toBe('stop');
    expect(usage).toBeGreaterThan(0);
    const helper = await client.chat.completions.stream({ model: 'gpt-5.4-mini', messages: [{ role: 'user', content: BRIEF }] }).finalChatCompletion();
    expect(helper.choices[0]?.message.content).toBe(text);
  });

  it('refuses other keys, json_object without "JSON", and loose strict schemas with the real errors', async () => {
    const stranger = new OpenAI({ apiKey: 'sk-live-1234567890', baseURL: sb.urls.openai, maxRetries: 0 });
    await expect(stranger.chat.completions.create({ model: 'gpt-5.4-mini', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error' });
    await expect(client.chat.completions.create({ model: 'gpt-5.4-mini', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_object' } })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    const loose = { type: 'object', properties: { a: { type: 'string' } } };
    await expect(client.chat.completions.create({ model: 'gpt-5.4-mini', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_schema', json_schema: { name: 'x', schema: loose, strict: true } } })).rejects.toMatchObject({ status: 400, param: 'response_format' });
    await expect(client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('answers injected 429 (retry-after), 500 and 503 with the SDK’s error classes', async () => {
    const call = (fault: string) => client.chat.completions.create({ model: 'gpt-5.4-mini', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-sandbox-fault': fault } });
    const limited = await call('429').catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited).toMatchObject({ code: 'rate_limit_exceeded', type: 'requests' });
    expect(limited instanceof OpenAI.APIError ? limited.headers.get('retry-after') : null).toBe('1');
    await expect(call('500')).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(call('503')).rejects.toMatchObject({ status: 503 });
  });

  it('breaks a stream after the 200 with an error chunk, which the SDK throws', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-5.4-mini', messages: [{ role: 'user', content: BRIEF }], stream: true }, { headers: { 'x-sandbox-fault': 'stream_error' } });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({ status: undefined, type: 'server_error' });
    expect(text.length).toBeGreaterThan(0);
  });

  it('the SDK retries a queued 429 on its own and then succeeds', async () => {
    const patient = new OpenAI({ apiKey: 'sk-sandbox-fidelity', baseURL: sb.urls.openai, maxRetries: 1 });
    await fetch(`${sb.urls.control}/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ retryAfterSeconds: 0 }) });
    await fetch(`${sb.urls.control}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ format: 'openai', status: 429 }) });
    const before = sb.state.calls.openai;
    const answer = await patient.chat.completions.create({ model: 'gpt-5.4-mini', messages: [{ role: 'user', content: BRIEF }] });
    expect(answer.choices[0]?.message.content).toContain('Headlines:');
    expect(sb.state.calls.openai - before).toBe(2);
  });
});
