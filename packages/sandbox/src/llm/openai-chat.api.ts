import { header, type SandboxRequest, type SandboxResponse } from '../http/http.types.ts';
import { complete, contentText, estimateTokens, isObject, parseForcedOutcome, type OutputFormat } from './llm-completion.ts';
import { takeFault } from './llm-faults.ts';
import { isSandboxKey, STREAM_ERROR } from './llm-settings.ts';
import { nextRequestId, takeCopyOutcome, type LlmSandboxState } from './llm-state.ts';
import { openaiError, openaiFault, openaiUnauthorized } from './openai-errors.ts';
import { strictSchemaProblem } from './strict-schema.ts';

type Body = Record<string, unknown>;

const isReasoningModel = (model: string): boolean => /^(gpt-5|o\d)/.test(model);

function readFormat(body: Body): OutputFormat | SandboxResponse {
  const format = body.response_format;
  if (!isObject(format) || format.type === 'text' || format.type === undefined) return { kind: 'text' };
  if (format.type === 'json_object') return { kind: 'json_object' };
  if (format.type !== 'json_schema') return openaiError(400, `Invalid value: '${String(format.type)}'. Supported values are: 'json_object', 'json_schema', and 'text'.`, 'invalid_request_error', 'invalid_value', 'response_format.type');
  const spec = format.json_schema;
  if (!isObject(spec) || typeof spec.name !== 'string') return openaiError(400, "Missing required parameter: 'response_format.json_schema.name'.", 'invalid_request_error', 'missing_required_parameter', 'response_format.json_schema.name');
  const schema = isObject(spec.schema) ? spec.schema : {};
  if (spec.strict === true) {
    const problem = strictSchemaProblem(schema);
    if (problem) return openaiError(400, `Invalid schema for response_format '${spec.name}': ${problem}`, 'invalid_request_error', null, 'response_format');
  }
  return { kind: 'json_schema', schema };
}

/** Splits text into stream-sized pieces (about five tokens each). */
function pieces(text: string): string[] {
  return text.match(/[\s\S]{1,20}/g) ?? [''];
}

/** `POST /v1/chat/completions`: OpenAI Chat Completions, whole or streamed as `data:` lines ending in `[DONE]`. */
export function createOpenAiChatHandler(state: LlmSandboxState) {
  return (req: SandboxRequest): SandboxResponse => {
    state.calls.openai += 1;
    const requestId = nextRequestId(state, 'req_');
    const answer = (res: SandboxResponse): SandboxResponse => ({ ...res, headers: { 'x-request-id': requestId, 'openai-version': '2020-10-01', 'openai-processing-ms': '12', ...res.headers } });
    const key = /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
    if (!isSandboxKey('openai', key)) return answer(openaiUnauthorized(key));
    const body = isObject(req.json) ? req.json : {};
    const model = typeof body.model === 'string' ? body.model : '';
    const fault = takeFault(state, 'openai', header(req, 'x-sandbox-fault'));
    const breaksStream = fault === STREAM_ERROR && body.stream === true;
    if (fault !== null && !breaksStream) return answer(openaiFault(fault === STREAM_ERROR ? 500 : fault, model || 'gpt-5.4-mini', state.settings.retryAfterSeconds));
    if (!isObject(req.json)) return answer(openaiError(400, 'We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)', 'invalid_request_error', null));
    if (!model) return answer(openaiError(400, 'you must provide a model parameter', 'invalid_request_error', null));
    if (!/^(gpt-|o\d|chatgpt-)/.test(model)) return answer(openaiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'));
    const messages = Array.isArray(body.messages) ? body.messages.filter(isObject) : [];
    if (!messages.length) return answer(openaiError(400, "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'invalid_request_error', 'empty_array', 'messages'));
    if (isReasoningModel(model) && body.max_tokens !== undefined) {
      return answer(openaiError(400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'invalid_request_error', 'unsupported_parameter', 'max_tokens'));
    }
    if (isReasoningModel(model) && body.temperature !== undefined && body.temperature !== 1) {
      return answer(openaiError(400, "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.".replace('0.2', String(body.temperature)), 'invalid_request_error', 'unsupported_value', 'temperature'));
    }
    const format = readFormat(body);
    if ('status' in format) return answer(format);
    const prompt = messages.map((m) => contentText(m.content)).join('\n\n');
    if (format.kind === 'json_object' && !/json/i.test(prompt)) {
      return answer(openaiError(400, "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'invalid_request_error', null, 'messages'));
    }
    const completion = complete(prompt, format, state.settings, state.seed, parseForcedOutcome(takeCopyOutcome(state, header(req, 'x-sandbox-copy'))));
    const limit = typeof body.max_completion_tokens === 'number' ? body.max_completion_tokens : typeof body.max_tokens === 'number' ? body.max_tokens : Infinity;
    const isCut = estimateTokens(completion.text) > limit;
    const content = isCut ? completion.text.slice(0, Math.max(0, limit * 4)) : completion.text;
    const finishReason = isCut ? 'length' : 'stop';
    const promptTokens = messages.reduce((sum, m) => sum + 4 + estimateTokens(contentText(m.content)), 3);
    const completionTokens = estimateTokens(content);
    const usage = {
      prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    };
    const id = `chatcmpl-${requestId.slice(4)}`;
    const created = Math.floor(Date.now() / 1000);
    const headers = { 'x-sandbox-copy': completion.outcome };
    if (body.stream !== true) {
      return answer({
        status: 200, headers,
        json: {
          id, object: 'chat.completion', created, model,
          choices: [{ index: 0, message: { role: 'assistant', content, refusal: null, annotations: [] }, logprobs: null, finish_reason: finishReason }],
          usage, service_tier: 'default', system_fingerprint: 'fp_sandbox',
        },
      });
    }
    const includeUsage = isObject(body.stream_options) && body.stream_options.include_usage === true;
    const chunk = (choices: unknown[], extra: Body = {}): string => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, service_tier: 'default', system_fingerprint: 'fp_sandbox', choices, ...(includeUsage ? { usage: null } : {}), ...extra })}\n\n`;
    const delta = (d: Body, finish: string | null = null) => [{ index: 0, delta: d, logprobs: null, finish_reason: finish }];
    let sse = chunk(delta({ role: 'assistant', content: '', refusal: null }));
    if (breaksStream) {
      // A failure after the 200: an error chunk, then the connection ends without [DONE].
      sse += chunk(delta({ content: pieces(content)[0] ?? '' }));
      sse += `data: ${JSON.stringify({ error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null } })}\n\n`;
      return answer({ status: 200, text: sse, headers: { ...headers, 'content-type': 'text/event-stream; charset=utf-8' } });
    }
    for (const piece of pieces(content)) sse += chunk(delta({ content: piece }));
    sse += chunk(delta({}, finishReason));
    if (includeUsage) sse += chunk([], { usage });
    sse += 'data: [DONE]\n\n';
    return answer({ status: 200, text: sse, headers: { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' } });
  };
}
