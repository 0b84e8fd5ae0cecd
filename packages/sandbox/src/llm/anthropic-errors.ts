import type { SandboxResponse } from '../http/http.types.ts';

/** An error in Anthropic's shape: `{type:"error", error:{type,message}, request_id}`; `request-id` header. */
export function anthropicError(status: number, type: string, message: string, requestId: string, headers: Record<string, string> = {}): SandboxResponse {
  return { status, json: { type: 'error', error: { type, message }, request_id: requestId }, headers: { 'request-id': requestId, ...headers } };
}

export function anthropicUnauthorized(requestId: string, hasKey: boolean): SandboxResponse {
  return anthropicError(401, 'authentication_error', hasKey ? 'invalid x-api-key' : 'x-api-key header is required', requestId);
}

/** The injected failure for `status` (429 carries `retry-after`, 529 is "Overloaded"). */
export function anthropicFault(status: number, requestId: string, retryAfterSeconds: number): SandboxResponse {
  switch (status) {
    case 401:
      return anthropicUnauthorized(requestId, true);
    case 429:
      return anthropicError(429, 'rate_limit_error', 'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.', requestId, {
        'retry-after': String(retryAfterSeconds), 'anthropic-ratelimit-requests-limit': '50', 'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': new Date(Date.now() + retryAfterSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      });
    case 529:
      return anthropicError(529, 'overloaded_error', 'Overloaded', requestId);
    default:
      return anthropicError(500, 'api_error', 'Internal server error', requestId);
  }
}
