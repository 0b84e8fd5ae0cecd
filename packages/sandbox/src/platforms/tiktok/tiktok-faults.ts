import type { SandboxResponse } from '../../http/http.types.ts';
import type { Fault } from '../../simulator/faults.ts';
import { envelope, TT } from './tiktok-envelope.ts';

const MESSAGES: Record<number, string> = {
  [TT.APP_RATE_LIMIT]: 'Requests made too frequently. Please retry later.',
  [TT.ENDPOINT_RATE_LIMIT]: 'Requests made too frequently for this endpoint. Please retry later.',
  [TT.ADVERTISER_QPS]: 'Requests made too frequently for this advertiser. Please retry later.',
  [TT.WRITE_CONFLICT]: 'Write conflict: another request is changing this object. Please retry.',
  [TT.SYSTEM_ERROR]: 'System error. Please retry later.',
  [TT.SERVER_ERROR]: 'TikTok server error. Please retry later.',
  [TT.MAINTENANCE]: 'The system is under maintenance. Please retry later.',
};

/**
 * TikTok's answer to an injected fault. Throttles and server-side errors travel in the envelope
 * with HTTP 200 (`fault.code` picks 40100 / 40016 / 40133 / 40202 / 50000 / 50002 / 60001);
 * `unavailable` and `platform_down` are real HTTP 503s from the gateway.
 */
export function renderTikTokFault(fault: Fault, now: number): SandboxResponse {
  const pick = (fallback: number): SandboxResponse => {
    const code = fault.code ?? fallback;
    return envelope(code, MESSAGES[code] ?? MESSAGES[fallback] ?? 'Error', {}, now);
  };
  switch (fault.kind) {
    case 'rate_limit':
      return pick(TT.APP_RATE_LIMIT);
    case 'quota_exhausted':
      return envelope(fault.code ?? TT.APP_RATE_LIMIT, 'Requests made too frequently. The daily request limit (QPD) of this app is used up; it resets at 00:00 UTC.', {}, now);
    case 'server_error':
      return pick(TT.SYSTEM_ERROR);
    case 'unavailable':
    case 'platform_down':
      return { status: 503, html: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>' };
    case 'token_revoked':
      return envelope(TT.TOKEN_INVALID, 'Access token is incorrect or has been revoked.', {}, now);
    default:
      return envelope(TT.TOKEN_EXPIRED, 'Access token has expired. Please re-authorize.', {}, now);
  }
}
