import { randomBytes } from 'node:crypto';
import type { SandboxResponse } from '../../http/http.types.ts';
import type { JsonValue } from '../../simulator/world.types.ts';

/** One GoogleAdsError inside a GoogleAdsFailure. */
export interface AdsError {
  errorCode: Record<string, string>;
  message: string;
  trigger?: { stringValue: string };
  location?: { fieldPathElements: Array<{ fieldName: string; index?: number }> };
  details?: { [key: string]: JsonValue };
}

export const RPC_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL', 501: 'UNIMPLEMENTED', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED',
};

export function newRequestId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

export function adsError(category: string, code: string, message: string, extra: Partial<AdsError> = {}): AdsError {
  return { errorCode: { [category]: code }, message, ...extra };
}

export function fieldPath(...elements: Array<string | [string, number]>): AdsError['location'] {
  return { fieldPathElements: elements.map((e) => (typeof e === 'string' ? { fieldName: e } : { fieldName: e[0], index: e[1] })) };
}

/** google.rpc.Status body with a GoogleAdsFailure detail (the versioned @type). */
export function failureStatus(httpStatus: number, message: string, errors: AdsError[], version: string, requestId: string): { [key: string]: JsonValue } {
  const status = {
    code: httpStatus, message, status: RPC_STATUS[httpStatus] ?? 'UNKNOWN',
    details: [{ '@type': `type.googleapis.com/google.ads.googleads.${version}.errors.GoogleAdsFailure`, errors: errors.map(toJson), requestId }],
  };
  return status;
}

function toJson(e: AdsError): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = { errorCode: e.errorCode, message: e.message };
  if (e.trigger) out.trigger = e.trigger;
  if (e.location) out.location = e.location;
  if (e.details) out.details = e.details;
  return out;
}

export function adsFailure(httpStatus: number, errors: AdsError[], version: string, requestId: string, message?: string): SandboxResponse {
  const text = message ?? (httpStatus === 400 ? 'Request contains an invalid argument.' : errors[0]?.message ?? 'Error');
  return { status: httpStatus, json: { error: failureStatus(httpStatus, text, errors, version, requestId) } };
}

/** The plain Status Google returns for a missing, invalid or expired bearer token (no details). */
export function unauthenticated(): SandboxResponse {
  return {
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
    json: {
      error: {
        code: 401, status: 'UNAUTHENTICATED',
        message: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      },
    },
  };
}

export function plainStatus(httpStatus: number, message: string): SandboxResponse {
  return { status: httpStatus, json: { error: { code: httpStatus, message, status: RPC_STATUS[httpStatus] ?? 'UNKNOWN' } } };
}
