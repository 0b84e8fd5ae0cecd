import type { SandboxResponse } from '../http/http.types.ts';

/** An error in OpenAI's shape: `{error:{message,type,param,code}}` with explicit nulls. */
export function openaiError(status: number, message: string, type: string, code: string | null, param: string | null = null, headers: Record<string, string> = {}): SandboxResponse {
  return { status, json: { error: { message, type, param, code } }, headers };
}

function masked(key: string): string {
  return key.length <= 8 ? '*'.repeat(key.length) : `${key.slice(0, 3)}${'*'.repeat(Math.min(40, key.length - 7))}${key.slice(-4)}`;
}

export function openaiUnauthorized(key: string | undefined): SandboxResponse {
  if (!key) {
    return openaiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (i.e. username: YOUR_KEY) when using a POST request. You can obtain an API key from https://platform.openai.com/account/api-keys.", 'invalid_request_error', null);
  }
  return openaiError(401, `Incorrect API key provided: ${masked(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key');
}

/** The injected failure for `status` (429 carries `retry-after`). */
export function openaiFault(status: number, model: string, retryAfterSeconds: number): SandboxResponse {
  switch (status) {
    case 401:
      return openaiUnauthorized('sk-revoked-key-0000');
    case 429:
      return openaiError(429, `Rate limit reached for ${model} in organization org-sandbox on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in ${retryAfterSeconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`, 'requests', 'rate_limit_exceeded', null, {
        'retry-after': String(retryAfterSeconds), 'x-ratelimit-limit-requests': '500', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': `${retryAfterSeconds}s`,
      });
    case 503:
      return openaiError(503, 'The engine is currently overloaded, please try again later.', 'server_error', null);
    default:
      return openaiError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null);
  }
}
