import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLlmSandbox, type RunningLlmSandbox } from './llm-sandbox.ts';

const BRIEF = 'Write Meta ads as JSON.\nProduct: yoga mats\nAudience: home yogis\nKeywords: yoga mat, eco yoga mat\nBrand: Stillpoint';
const SCHEMA = {
  type: 'object', additionalProperties: false, required: ['primaryTexts', 'headlines'],
  properties: { primaryTexts: { type: 'array', items: { type: 'string' }, maxItems: 5 }, headlines: { type: 'array', items: { type: 'string', maxLength: 40 }, maxItems: 5 } },
};

describe('the official @anthropic-ai/sdk client against the LLM sandbox, unmodified', () => {
  let sb: RunningLlmSandbox;
  let client: Anthropic;
  beforeAll(async () => {
    sb = await startLlmSandbox({ seed: 7, settings: { ruleBreakRate: 0, malformedRate: 0 } });
    client = new Anthropic({ apiKey: 'sk-ant-sandbox-fidelity', baseURL: sb.urls.anthropic, maxRetries: 0 });
  });
  afterAll(() => sb.close());

  it('answers JSON output matching output_config.format, with usage', async () => {
    const message = await client.messages.create({
      model: 'claude-sonnet-5-5', max_tokens: 2000, system: 'You write ad copy.', messages: [{ role: 'user', content: BRIEF }],
      output_config: { format: { type: 'json_schema', schema: SCHEMA } },
    });
    const [block] = message.content;
    const body: { primaryTexts: string[]; headlines: string[] } = JSON.parse(block?.type === 'text' ? block.text : '');
    expect(body.primaryTexts.length).toBeGreaterThan(0);
    expect(body.headlines.every((h) => h.length <= 40)).toBe(true);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message._request_id).toMatch(/^req_/);
  });

  it('streams message_start … message_stop, which the SDK’s stream helper assembles', async () => {
    const stream = client.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 2000, messages: [{ role: 'user', content: BRIEF }] });
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const final = await stream.finalMessage();
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    const [block] = final.content;
    expect(block?.type === 'text' ? block.text : '').toContain('Headlines:');
    expect(final.usage.output_tokens).toBeGreaterThan(1);
  });

  it('breaks a stream after the 200 with an error event, which the SDK throws', async () => {
    const stream = client.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 2000, messages: [{ role: 'user', content: BRIEF }] }, { headers: { 'x-sandbox-fault': 'stream_error' } });
    let text = '';
    stream.on('text', (piece) => (text += piece));
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.APIError);
    expect(text.length).toBeGreaterThan(0);
  });

  it('stops at max_tokens and counts tokens', async () => {
    const short = await client.messages.create({ model: 'claude-haiku-5-5', max_tokens: 5, messages: [{ role: 'user', content: BRIEF }] });
    expect(short.stop_reason).toBe('max_tokens');
    const counted = await client.messages.countTokens({ model: 'claude-haiku-5-5', messages: [{ role: 'user', content: BRIEF }] });
    expect(counted.input_tokens).toBeGreaterThan(0);
  });

  it('refuses other keys and answers injected 429, 500 and 529 with the SDK’s error classes', async () => {
    const stranger = new Anthropic({ apiKey: 'sk-ant-api03-real', baseURL: sb.urls.anthropic, maxRetries: 0 });
    await expect(stranger.messages.create({ model: 'claude-haiku-5-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    const call = (fault: string) => client.messages.create({ model: 'claude-haiku-5-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-sandbox-fault': fault } });
    const limited = await call('429').catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(limited instanceof Anthropic.APIError ? limited.headers?.get('retry-after') : null).toBe('1');
    await expect(call('500')).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    await expect(call('529')).rejects.toMatchObject({ status: 529, error: { type: 'error', error: { type: 'overloaded_error' } } });
  });
});
