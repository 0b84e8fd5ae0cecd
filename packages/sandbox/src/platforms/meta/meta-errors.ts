import { randomBytes } from 'node:crypto';
import type { SandboxResponse } from '../../http/http.types.ts';
import type { Fault } from '../../simulator/faults.ts';

export interface GraphErrorInput {
  code: number;
  message: string;
  type?: string;
  subcode?: number;
  status?: number;
  transient?: boolean;
  userTitle?: string;
  userMessage?: string;
}

export function fbtraceId(): string {
  return randomBytes(8).toString('base64url');
}

/** Graph API error envelope. Callers should branch on code/subcode, not on HTTP status. */
export function graphError(e: GraphErrorInput): SandboxResponse {
  const error: Record<string, string | number | boolean> = {
    message: e.message, type: e.type ?? 'OAuthException', code: e.code, fbtrace_id: fbtraceId(),
  };
  if (e.subcode !== undefined) error.error_subcode = e.subcode;
  if (e.transient !== undefined) error.is_transient = e.transient;
  if (e.userTitle) error.error_user_title = e.userTitle;
  if (e.userMessage) error.error_user_msg = e.userMessage;
  return { status: e.status ?? 400, json: { error } };
}

export const invalidParameter = (message: string, userMessage?: string): SandboxResponse =>
  graphError({ code: 100, message: `(#100) ${message}`, userMessage, userTitle: userMessage ? 'Invalid parameter' : undefined });

export const expiredToken = (): SandboxResponse => graphError({
  code: 190, subcode: 463, status: 401, message: 'Error validating access token: Session has expired. The current time is later than the expiry time.',
});

export const invalidToken = (): SandboxResponse => graphError({ code: 190, status: 401, message: 'Invalid OAuth access token - Cannot parse access token' });

/** Meta's answer to an injected fault; `fault.code` picks among 17, 613, 4, 2, 80000, 80004. */
export function renderMetaFault(fault: Fault): SandboxResponse {
  const regain = Math.max(1, Math.ceil(fault.retryAfterSeconds / 60));
  switch (fault.kind) {
    case 'rate_limit':
    case 'quota_exhausted': {
      const code = fault.code ?? (fault.kind === 'rate_limit' ? 17 : 80004);
      const variants: Record<number, Omit<GraphErrorInput, 'code'>> = {
        17: { subcode: 2446079, message: 'User request limit reached', transient: true },
        613: { subcode: 1487742, message: 'There have been too many calls from this ad-account. Please wait a bit and try again.', transient: true },
        4: { message: 'Application request limit reached', transient: true },
        80000: { message: `There have been too many calls from this ad-account. Wait a bit and try again. estimated_time_to_regain_access: ${regain} minutes`, transient: true },
        80004: { message: `There have been too many calls to this ad-account. Wait a bit and try again. estimated_time_to_regain_access: ${regain} minutes`, transient: true },
      };
      return graphError({ code, ...(variants[code] ?? variants[17] ?? { message: 'User request limit reached' }) });
    }
    case 'server_error':
      return graphError({ code: fault.code ?? 2, message: 'An unexpected error has occurred. Please retry your request later.', transient: true, status: 500 });
    case 'unavailable':
    case 'platform_down':
      return graphError({ code: 2, message: 'Service temporarily unavailable', transient: true, status: 503 });
    case 'token_revoked':
      return graphError({ code: 190, subcode: 460, status: 401, message: 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.' });
    default:
      return expiredToken();
  }
}
