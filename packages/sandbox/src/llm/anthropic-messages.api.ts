import { header, type SandboxRequest, type SandboxResponse } from '../http/http.types.ts';
import { anthropicError, anthropicFault, anthropicUnauthorized } from './anthropic-errors.ts';
import { complete, contentText, estimateTokens, isObject, parseForcedOutcome, type OutputFormat } from './llm-completion.ts';
import { takeFault } from './llm-faults.ts';
import { isSandboxKey, STREAM_ERROR } from './llm-settings.ts';
import { nextRequestId, takeCopyOutcome, type LlmSandboxState } from './llm-state.ts';

type Body = Record<string, unknown>;

/** The API version whose requests may not carry sampling parameters. */
const NO_SAMPLING_VERSION = '2026-10-21';

function readFormat(body: Body): OutputFormat {
  const format = isObject(body.output_config) ? body.output_config.format : undefined;
  if (isObject(format) && format.type === 'json_schema' && isObject(format.schema)) return { kind: 'json_schema', schema: format.schema };
  return { kind: 'text' };
}

/** The problem with a Messages request body, or null. */
function invalid(body: Body, version: string): string | null {
  if (typeof body.model !== 'string') return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages) || !body.messages.length) return 'messages: Field required';
  if (version === NO_SAMPLING_VERSION) {
    for (const key of ['temperature', 'top_p', 'top_k']) if (body[key] !== undefined) return `${key}: Extra inputs are not permitted`;
  }
  return null;
}

function promptOf(body: Body): { text: string; tokens: number } {
  const system = contentText(body.system);
  const messages = Array.isArray(body.messages) ? body.messages.filter(isObject) : [];
  const parts = [system, ...messages.map((m) => contentText(m.content))].filter(Boolean);
  return { text: parts.join('\n\n'), tokens: parts.reduce((sum, p) => sum + 3 + estimateTokens(p), 2) };
}

const event = (data: Body): string => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;

/** `POST /v1/messages` (whole, or SSE events from message_start to message_stop) and `POST /v1/messages/count_tokens`. */
export function createAnthropicMessagesHandler(state: LlmSandboxState) {
  return (req: SandboxRequest): SandboxResponse => {
    state.calls.anthropic += 1;
    const requestId = nextRequestId(state, 'req_011');
    const answer = (res: SandboxResponse): SandboxResponse => ({ ...res, headers: { 'request-id': requestId, 'anthropic-organization-id': 'sandbox-org', ...res.headers } });
    const key = header(req, 'x-api-key') ?? /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
    if (!isSandboxKey('anthropic', key)) return answer(anthropicUnauthorized(requestId, Boolean(key)));
    const body = isObject(req.json) ? req.json : {};
    const fault = takeFault(state, 'anthropic', header(req, 'x-sandbox-fault'));
    const breaksStream = fault === STREAM_ERROR && body.stream === true;
    if (fault !== null && !breaksStream) return answer(anthropicFault(fault === STREAM_ERROR ? 500 : fault, requestId, state.settings.retryAfterSeconds));
    const version = header(req, 'anthropic-version');
    if (!version) return answer(anthropicError(400, 'invalid_request_error', 'anthropic-version: header is required', requestId));
    const isCount = req.path.endsWith('/count_tokens');
    const problem = invalid(isCount ? { max_tokens: 1, ...body } : body, version);
    if (problem) return answer(anthropicError(400, 'invalid_request_error', problem, requestId));
    const model = String(body.model);
    if (!model.startsWith('claude-')) return answer(anthropicError(404, 'not_found_error', `model: ${model}`, requestId));
    const prompt = promptOf(body);
    if (isCount) return answer({ status: 200, json: { input_tokens: prompt.tokens } });

    const completion = complete(prompt.text, readFormat(body), state.settings, state.seed, parseForcedOutcome(takeCopyOutcome(state, header(req, 'x-sandbox-copy'))));
    const limit = Number(body.max_tokens);
    const isCut = estimateTokens(completion.text) > limit;
    const text = isCut ? completion.text.slice(0, limit * 4) : completion.text;
    const stopReason = isCut ? 'max_tokens' : 'end_turn';
    const outputTokens = estimateTokens(text);
    const usage = { input_tokens: prompt.tokens, output_tokens: outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, service_tier: 'standard' };
    const id = `msg_${requestId.slice(4)}`;
    const headers = { 'x-sandbox-copy': completion.outcome };
    if (body.stream !== true) {
      return answer({
        status: 200, headers,
        json: { id, type: 'message', role: 'assistant', model, content: [{ type: 'text', text, citations: null }], stop_reason: stopReason, stop_sequence: null, stop_details: null, container: null, usage },
      });
    }
    let sse = event({ type: 'message_start', message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } });
    sse += event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    sse += event({ type: 'ping' });
    if (breaksStream) {
      // A failure after the 200: an `error` event, and the stream ends there.
      sse += event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: text.slice(0, 20) } });
      sse += event({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
      return answer({ status: 200, text: sse, headers: { ...headers, 'content-type': 'text/event-stream; charset=utf-8' } });
    }
    for (const piece of text.match(/[\s\S]{1,20}/g) ?? []) sse += event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } });
    sse += event({ type: 'content_block_stop', index: 0 });
    sse += event({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens } });
    sse += event({ type: 'message_stop' });
    return answer({ status: 200, text: sse, headers: { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' } });
  };
}
