import { CircuitBreaker, retryWithBackoff, type BackoffPolicy, type BreakerState, type RetryClassifier } from '@adloop/resilience';
import { LlmError } from './contract/errors.ts';
import type { ChatRequest, ChatResponse, ChatStreamEvent, LlmProvider, LlmProviderId, StructuredOutput, StructuredResponse } from './contract/llm-provider.ts';
import type { LlmProviderRegistry } from './registry.ts';

/** What the client reports as it works: for logs and metrics. */
export type LlmClientEvent =
  | { type: 'retry'; provider: LlmProviderId; kind: string; attempt: number; delayMs: number }
  | { type: 'fallback'; from: LlmProviderId; kind: string }
  | { type: 'breaker'; provider: LlmProviderId; from: BreakerState; to: BreakerState };

export interface LlmClientOptions {
  /** Short: a person is waiting for the copy. */
  backoff?: BackoffPolicy;
  /** A retry-after longer than this moves on to the next provider instead of waiting. */
  maxRetryWaitMs?: number;
  breaker?: { failureThreshold: number; cooldownMs: number };
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onEvent?: (event: LlmClientEvent) => void;
}

/** The product's entry point to LLMs: each call goes to the first healthy provider, with retries and fallback. */
export interface LlmClient {
  readonly registry: LlmProviderRegistry;
  chat(request: ChatRequest): Promise<ChatResponse>;
  chatStructured<T>(request: ChatRequest, output: StructuredOutput<T>): Promise<StructuredResponse<T>>;
  /** Falls back only before the first piece of text arrives; a stream cut later throws. */
  stream(request: ChatRequest): AsyncIterable<ChatStreamEvent>;
  breakerState(provider: LlmProviderId): BreakerState;
}

export const DEFAULT_LLM_BACKOFF: BackoffPolicy = { retries: 2, baseMs: 250, capMs: 4_000 };
const DEFAULT_BREAKER = { failureThreshold: 5, cooldownMs: 30_000 };

/**
 * Retry/backoff/circuit-breaker discipline shared with the ad adapters (@adloop/resilience):
 * every attempt runs through the provider's breaker; rate limits, overload and transient
 * failures are retried with full-jitter backoff (the provider's retry-after is a floor), unless
 * the wait would exceed `maxRetryWaitMs`; then, and on `auth`, the next provider is tried.
 * `invalid_request` and `invalid_output` are thrown at once: another provider would not help.
 */
export function createLlmClient(registry: LlmProviderRegistry, options: LlmClientOptions = {}): LlmClient {
  const maxWaitMs = options.maxRetryWaitMs ?? 5_000;
  const breakers = new Map<LlmProviderId, CircuitBreaker>();
  const breakerFor = (provider: LlmProviderId): CircuitBreaker => {
    let breaker = breakers.get(provider);
    if (!breaker) {
      breaker = new CircuitBreaker(provider, {
        countsAsFailure: (error) => error instanceof LlmError && error.isRetryable,
        openError: (waitSeconds) => new LlmError('transient', `${provider}: calls paused after repeated failures; next try in ${waitSeconds} s`, { provider, retryAfterSeconds: waitSeconds, code: 'circuit_open' }),
      }, {
        ...(options.breaker ?? DEFAULT_BREAKER),
        now: options.now,
        onStateChange: (_key, from, to) => options.onEvent?.({ type: 'breaker', provider, from, to }),
      });
      breakers.set(provider, breaker);
    }
    return breaker;
  };
  const classify: RetryClassifier<LlmError> = {
    isRetryable: (error): error is LlmError => error instanceof LlmError && error.isRetryable && (error.details.retryAfterSeconds ?? 0) * 1000 <= maxWaitMs,
    retryAfterMs: (error) => (error.details.retryAfterSeconds ?? 0) * 1000,
  };
  /** The request for `provider`: its own model unless the request names one it offers. */
  const forProvider = (provider: LlmProvider, request: ChatRequest): ChatRequest => ({
    ...request,
    model: request.model && provider.models.some((m) => m.id === request.model) ? request.model : provider.defaultModel,
  });

  async function withFallback<T>(call: (provider: LlmProvider, request: ChatRequest) => Promise<T>, request: ChatRequest): Promise<T> {
    const attempts: NonNullable<LlmError['details']['attempts']> = [];
    const providers = registry.list();
    for (const provider of providers) {
      try {
        return await retryWithBackoff(() => breakerFor(provider.id).run(() => call(provider, forProvider(provider, request))), classify, options.backoff ?? DEFAULT_LLM_BACKOFF, {
          sleep: options.sleep, random: options.random,
          onRetry: (error, attempt, delayMs) => options.onEvent?.({ type: 'retry', provider: provider.id, kind: error.kind, attempt, delayMs }),
        });
      } catch (error) {
        if (!(error instanceof LlmError) || !error.allowsFallback) throw error;
        attempts.push({ provider: provider.id, kind: error.kind, message: error.message });
        if (provider !== providers.at(-1)) options.onEvent?.({ type: 'fallback', from: provider.id, kind: error.kind });
      }
    }
    const last = attempts.at(-1);
    throw new LlmError('unavailable', `No LLM provider answered${last ? ` (last: ${last.message})` : ''}`, { attempts });
  }

  return {
    registry,
    chat: (request) => withFallback((provider, req) => provider.chat(req), request),
    chatStructured: (request, output) => withFallback((provider, req) => provider.chatStructured(req, output), request),
    async *stream(request) {
      // Opening a stream = getting its first event; only that part is retried and may fall back.
      const opened = await withFallback(async (provider, req) => {
        const iterator = provider.stream(req)[Symbol.asyncIterator]();
        return { iterator, first: await iterator.next() };
      }, request);
      let next = opened.first;
      try {
        while (!next.done) {
          yield next.value;
          next = await opened.iterator.next();
        }
      } finally {
        // A consumer that stops early closes the provider's stream (and its connection).
        if (!next.done) await opened.iterator.return?.();
      }
    },
    breakerState: (provider) => breakerFor(provider).currentState,
  };
}
