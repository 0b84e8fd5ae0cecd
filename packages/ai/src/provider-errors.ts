import { LlmError, type LlmErrorKind } from './contract/errors.ts';
import type { LlmProviderId } from './contract/llm-provider.ts';

/** What both official clients' errors expose (`APIError` and its subclasses). */
export interface ClientErrorFacts {
  status: number | undefined;
  headers: Headers | undefined;
  code: string | undefined;
  message: string;
  requestId: string | undefined;
}

/** `retry-after` as seconds (it may be a number of seconds or an HTTP date). */
export function retryAfterSeconds(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const raw = headers?.get('retry-after-ms');
  if (raw && Number.isFinite(Number(raw))) return Number(raw) / 1000;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  if (Number.isFinite(Number(value))) return Math.max(0, Number(value));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

function kindOf(status: number | undefined, code: string | undefined): LlmErrorKind {
  if (status === undefined) return 'transient';
  if (status === 401 || status === 403) return 'auth';
  // OpenAI's out-of-credit 429: waiting never helps, another provider might.
  if (status === 429) return code === 'insufficient_quota' ? 'auth' : 'rate_limited';
  if (status === 529 || status === 503) return 'overloaded';
  if (status >= 500 || status === 408 || status === 409) return 'transient';
  return 'invalid_request';
}

/** The `LlmError` for a failed call through an official client. */
export function toLlmError(provider: LlmProviderId, model: string, facts: ClientErrorFacts): LlmError {
  const kind = kindOf(facts.status, facts.code);
  return new LlmError(kind, `${provider}: ${facts.message}`, {
    provider, model, httpStatus: facts.status, code: facts.code, requestId: facts.requestId,
    retryAfterSeconds: kind === 'rate_limited' ? retryAfterSeconds(facts.headers) : undefined,
  });
}
