import OpenAI from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { ModelCapabilities } from '../contract/capabilities.ts';
import { LlmError } from '../contract/errors.ts';
import type { ChatRequest, ChatResponse, ChatStreamEvent, LlmProvider, StructuredOutput, StructuredResponse } from '../contract/llm-provider.ts';
import { costMicros } from '../cost.ts';
import { toLlmError } from '../provider-errors.ts';
import { isStrictCompatible, parseStructured, toJsonSchema } from '../structured-output.ts';
import { estimatePromptTokens } from '../tokens.ts';
import { modelsFor, outputLimit, pickModel } from '../provider-models.ts';

export interface OpenAiProviderOptions {
  apiKey: string;
  /** With `/v1`, e.g. `https://api.openai.com/v1` or the sandbox's `openai` URL. */
  baseURL: string;
  models: readonly ModelCapabilities[];
  defaultModel: string;
  timeoutMs?: number;
}

function finish(reason: string | null | undefined): ChatResponse['finishReason'] {
  return reason === 'stop' ? 'stop' : reason === 'length' ? 'length' : 'other';
}

/** OpenAI Chat Completions through the official `openai` client (its own retries off: the resilient client retries). */
export function createOpenAiProvider(options: OpenAiProviderOptions): LlmProvider {
  const client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: 0, timeout: options.timeoutMs ?? 60_000 });
  const models = modelsFor('openai', options.models);

  const failure = (model: string, error: unknown): unknown => {
    if (error instanceof OpenAI.APIUserAbortError || error instanceof LlmError) return error;
    if (error instanceof OpenAI.APIError) {
      return toLlmError('openai', model, { status: error.status, headers: error.headers, code: typeof error.code === 'string' ? error.code : error.type, message: error.message, requestId: error.requestID ?? undefined });
    }
    return error;
  };

  const params = (request: ChatRequest, model: ModelCapabilities): ChatCompletionCreateParamsBase => ({
    model: model.id,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    max_completion_tokens: outputLimit(request, model),
  });

  const respond = (model: ModelCapabilities, text: string, reason: string | null | undefined, usage: { prompt_tokens: number; completion_tokens: number } | undefined, requestId: string | null | undefined): ChatResponse => {
    const tokens = { inputTokens: usage?.prompt_tokens ?? 0, outputTokens: usage?.completion_tokens ?? 0 };
    return { provider: 'openai', model: model.id, text, finishReason: finish(reason), usage: tokens, costMicros: costMicros(model, tokens), requestId: requestId ?? null };
  };

  const complete = async (request: ChatRequest, model: ModelCapabilities, format?: ChatCompletionCreateParamsBase['response_format']): Promise<ChatResponse> => {
    try {
      const completion = await client.chat.completions.create({ ...params(request, model), stream: false, ...(format ? { response_format: format } : {}) }, { signal: request.signal });
      const choice = completion.choices[0];
      return respond(model, choice?.message.content ?? '', choice?.finish_reason, completion.usage, completion._request_id);
    } catch (error) {
      throw failure(model.id, error);
    }
  };

  /** The asked model's capabilities, or the default model's. */
  const modelOf = (model?: string): ModelCapabilities => pickModel('openai', models, model ?? options.defaultModel);

  return {
    id: 'openai',
    defaultModel: options.defaultModel,
    models,
    capabilities: modelOf,
    countTokens: estimatePromptTokens,
    chat: async (request) => complete(request, modelOf(request.model)),
    async chatStructured<T>(request: ChatRequest, output: StructuredOutput<T>): Promise<StructuredResponse<T>> {
      const model = modelOf(request.model);
      const schema = toJsonSchema(output);
      const response = await complete(request, model, { type: 'json_schema', json_schema: { name: output.name, schema, strict: isStrictCompatible(schema) } });
      return { ...response, value: parseStructured(response.text, output, { provider: 'openai', model: model.id, requestId: response.requestId ?? undefined }) };
    },
    async *stream(request: ChatRequest): AsyncIterable<ChatStreamEvent> {
      const model = modelOf(request.model);
      let text = '';
      let reason: string | null = null;
      let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
      let requestId: string | null = null;
      try {
        const { data: stream, request_id } = await client.chat.completions
          .create({ ...params(request, model), stream: true, stream_options: { include_usage: true } }, { signal: request.signal })
          .withResponse();
        requestId = request_id;
        for await (const chunk of stream) {
          const choice = chunk.choices[0];
          const piece = choice?.delta.content ?? '';
          reason = choice?.finish_reason ?? reason;
          usage = chunk.usage ?? usage;
          if (piece) {
            text += piece;
            yield { type: 'delta', text: piece };
          }
        }
      } catch (error) {
        throw failure(model.id, error);
      }
      yield { type: 'done', response: respond(model, text, reason, usage, requestId) };
    },
  };
}
