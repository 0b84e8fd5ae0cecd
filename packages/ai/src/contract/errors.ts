import type { LlmProviderId } from './llm-provider.ts';

/**
 * - `auth`: the key is wrong or revoked (another provider may still answer).
 * - `rate_limited`: 429; wait `retryAfterSeconds` or use another provider.
 * - `overloaded`: the provider is overloaded for everyone (Anthropic 529, OpenAI 503).
 * - `transient`: 5xx, lost connection, timeout, or a paused circuit.
 * - `invalid_request`: the request itself is wrong (400, 404 model): no retry, no fallback.
 * - `invalid_output`: the answer is not valid JSON or does not match the schema.
 * - `unavailable`: every provider failed; `details.attempts` says how.
 */
export type LlmErrorKind = 'auth' | 'rate_limited' | 'overloaded' | 'transient' | 'invalid_request' | 'invalid_output' | 'unavailable';

export interface LlmErrorDetails {
  provider?: LlmProviderId;
  model?: string;
  httpStatus?: number;
  /** The provider's own error type/code (`rate_limit_exceeded`, `overloaded_error`, ...). */
  code?: string;
  retryAfterSeconds?: number;
  requestId?: string;
  /** `invalid_output`: the text the model sent and why it was refused. */
  rawOutput?: string;
  issues?: string[];
  /** `unavailable`: each provider's failure, in the order tried. */
  attempts?: Array<{ provider: LlmProviderId; kind: LlmErrorKind; message: string }>;
}

const RETRYABLE: ReadonlySet<LlmErrorKind> = new Set(['rate_limited', 'overloaded', 'transient']);

export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly details: LlmErrorDetails = {},
  ) {
    super(message);
    this.name = 'LlmError';
  }

  /** A later attempt at the same provider may succeed. */
  get isRetryable(): boolean {
    return RETRYABLE.has(this.kind);
  }

  /** Another provider may answer where this one did not. */
  get allowsFallback(): boolean {
    return this.isRetryable || this.kind === 'auth';
  }
}
