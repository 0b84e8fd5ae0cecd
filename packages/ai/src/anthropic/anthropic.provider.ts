import Anthropic from '@anthropic-ai/sdk';
import type { ModelCapabilities } from '../contract/capabilities.ts';
import { LlmError } from '../contract/errors.ts';
import type { ChatRequest, ChatResponse, ChatStreamEvent, LlmProvider, StructuredOutput, StructuredResponse } from '../contract/llm-provider.ts';
import { costMicros } from '../cost.ts';
import { modelsFor, outputLimit, pickModel } from '../provider-models.ts';
import { toLlmError } from '../provider-errors.ts';
import { parseStructured, toJsonSchema, type JsonSchema } from '../structured-output.ts';
import { estimatePromptTokens } from '../tokens.ts';

export interface AnthropicProviderOptions {
  apiKey: string;
  /** Without `/v1`, e.g. `https://api.anthropic.com` or the sandbox's `anthropic` URL. */
  baseURL: string;
  models: readonly ModelCapabilities[];
  defaultModel: string;
  timeoutMs?: number;
}

function finish(reason: string | null | undefined): ChatResponse['finishReason'] {
  return reason === 'end_turn' || reason === 'stop_sequence' ? 'stop' : reason === 'max_tokens' ? 'length' : 'other';
}

function textOf(content: readonly Anthropic.ContentBlock[]): string {
  return content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

/** Anthropic Messages through the official `@anthropic-ai/sdk` client (its own retries off: the resilient client retries). */
export function createAnthropicProvider(options: AnthropicProviderOptions): LlmProvider {
  const client = new Anthropic({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 0, timeout: options.timeoutMs ?? 60_000 });
  const models = modelsFor('anthropic', options.models);

  const failure = (model: string, error: unknown): unknown => {
    if (error instanceof Anthropic.APIUserAbortError || error instanceof LlmError) return error;
    if (error instanceof Anthropic.APIError) {
      const body: unknown = error.error;
      const inner = body && typeof body === 'object' ? Reflect.get(body, 'error') : undefined;
      const code = inner && typeof inner === 'object' ? Reflect.get(inner, 'type') : undefined;
      return toLlmError('anthropic', model, { status: error.status, headers: error.headers ?? undefined, code: typeof code === 'string' ? code : undefined, message: error.message, requestId: error.requestID ?? undefined });
    }
    return error;
  };

  /** System messages go to the top-level `system`; the rest stay in order. */
  const params = (request: ChatRequest, model: ModelCapabilities, schema?: JsonSchema): Anthropic.MessageCreateParamsNonStreaming => {
    const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
    return {
      model: model.id,
      max_tokens: outputLimit(request, model),
      messages: request.messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role === 'assistant' ? 'assistant' : 'user', content: m.content })),
      ...(system ? { system } : {}),
      ...(schema ? { output_config: { format: { type: 'json_schema', schema } } } : {}),
    };
  };

  const respond = (model: ModelCapabilities, message: Anthropic.Message, requestId: string | null): ChatResponse => {
    const usage = { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens };
    return { provider: 'anthropic', model: model.id, text: textOf(message.content), finishReason: finish(message.stop_reason), usage, costMicros: costMicros(model, usage), requestId };
  };

  const complete = async (request: ChatRequest, model: ModelCapabilities, schema?: JsonSchema): Promise<ChatResponse> => {
    try {
      const { data, request_id } = await client.messages.create(params(request, model, schema), { signal: request.signal }).withResponse();
      return respond(model, data, request_id ?? null);
    } catch (error) {
      throw failure(model.id, error);
    }
  };

  /** The asked model's capabilities, or the default model's. */
  const modelOf = (model?: string): ModelCapabilities => pickModel('anthropic', models, model ?? options.defaultModel);

  return {
    id: 'anthropic',
    defaultModel: options.defaultModel,
    models,
    capabilities: modelOf,
    countTokens: estimatePromptTokens,
    chat: async (request) => complete(request, modelOf(request.model)),
    async chatStructured<T>(request: ChatRequest, output: StructuredOutput<T>): Promise<StructuredResponse<T>> {
      const model = modelOf(request.model);
      const response = await complete(request, model, toJsonSchema(output));
      return { ...response, value: parseStructured(response.text, output, { provider: 'anthropic', model: model.id, requestId: response.requestId ?? undefined }) };
    },
    async *stream(request: ChatRequest): AsyncIterable<ChatStreamEvent> {
      const model = modelOf(request.model);
      let final: Anthropic.Message;
      let requestId: string | null = null;
      try {
        const stream = client.messages.stream(params(request, model), { signal: request.signal });
        stream.on('connect', () => {
          requestId = stream.request_id ?? null;
        });
        for await (const event of stream) {
          if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') yield { type: 'delta', text: event.delta.text };
        }
        final = await stream.finalMessage();
      } catch (error) {
        throw failure(model.id, error);
      }
      yield { type: 'done', response: respond(model, final, requestId) };
    },
  };
}
