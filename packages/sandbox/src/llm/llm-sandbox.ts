import { startHttpServer } from '../http/http-server.ts';
import { json, type SandboxRequest } from '../http/http.types.ts';
import { dispatch, route } from '../http/router.ts';
import { createAnthropicMessagesHandler } from './anthropic-messages.api.ts';
import { clearFaults, llmStateView, queueCopyOutcomes, queueFaults, updateSettings } from './llm-control.api.ts';
import type { LlmSandboxSettings } from './llm-settings.ts';
import { createLlmState, type LlmSandboxState } from './llm-state.ts';
import { createOpenAiChatHandler } from './openai-chat.api.ts';

export interface LlmSandboxUrls {
  /** The OpenAI client's `baseURL` (ends in `/v1`). */
  openai: string;
  /** The Anthropic client's `baseURL` (no `/v1`). */
  anthropic: string;
  /** `/sandbox/state`, `/sandbox/settings`, `/sandbox/faults`, `/sandbox/copy` live under this. */
  control: string;
}

export interface StartLlmSandboxOptions {
  /** Seeds the copy: the same seed and prompt always give the same answer. */
  seed: number;
  port?: number;
  host?: string;
  settings?: Partial<LlmSandboxSettings>;
}

export interface RunningLlmSandbox {
  urls: LlmSandboxUrls;
  state: LlmSandboxState;
  close(): Promise<void>;
}

/**
 * One HTTP server speaking both LLM wire formats the product uses: OpenAI Chat Completions
 * (`POST /v1/chat/completions`) and Anthropic Messages (`POST /v1/messages`), plus a small
 * control API to change rates and queue failures.
 */
export async function startLlmSandbox(options: StartLlmSandboxOptions): Promise<RunningLlmSandbox> {
  const state = createLlmState(options.seed, options.settings);
  const openai = createOpenAiChatHandler(state);
  const anthropic = createAnthropicMessagesHandler(state);
  const routes = [
    route('POST', /^\/v1\/chat\/completions$/, openai),
    route('POST', /^\/v1\/messages(\/count_tokens)?$/, anthropic),
    route('GET', /^\/sandbox\/state$/, () => json(200, llmStateView(state))),
    route('POST', /^\/sandbox\/settings$/, (req) => updateSettings(state, req)),
    route('POST', /^\/sandbox\/faults$/, (req) => queueFaults(state, req)),
    route('POST', /^\/sandbox\/copy$/, (req) => queueCopyOutcomes(state, req)),
    route('DELETE', /^\/sandbox\/faults$/, () => clearFaults(state)),
  ];
  const server = await startHttpServer({
    port: options.port ?? 0,
    host: options.host,
    handle: async (req: SandboxRequest) => dispatch(routes, req, (methodNotAllowed) => json(methodNotAllowed ? 405 : 404, { error: { message: methodNotAllowed ? 'Method not allowed' : `Unknown path ${req.path}`, type: 'invalid_request_error', param: null, code: null } })),
  });
  const base = server.localUrl;
  return { urls: { openai: `${base}/v1`, anthropic: base, control: `${base}/sandbox` }, state, close: () => server.close() };
}
