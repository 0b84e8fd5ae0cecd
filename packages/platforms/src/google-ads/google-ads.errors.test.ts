import { describe, expect, it } from 'vitest';
import { classifyGoogleError } from './google-ads.http.ts';

const failure = (httpStatus: number, status: string, errorCode: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  error: {
    code: httpStatus,
    message: 'Request contains an invalid argument.',
    status,
    details: [{ '@type': 'type.googleapis.com/google.ads.googleads.v21.errors.GoogleAdsFailure', errors: [{ errorCode, message: 'The error message.', ...extra }] }],
  },
});

describe('Google Ads error classification', () => {
  it('reads the retry delay of a quota error', () => {
    const error = classifyGoogleError(429, failure(429, 'RESOURCE_EXHAUSTED', { quotaError: 'RESOURCE_EXHAUSTED' }, { details: { quotaErrorDetails: { retryDelay: '17s' } } }));
    expect(error.kind).toBe('rate_limited');
    expect(error.details.retryAfterSeconds).toBe(17);
    expect(error.details.platformCode).toBe('quotaError.RESOURCE_EXHAUSTED');
  });

  it('names the field of an invalid request', () => {
    const error = classifyGoogleError(400, failure(400, 'INVALID_ARGUMENT', { rangeError: 'TOO_LOW' }, { location: { fieldPathElements: [{ fieldName: 'operations' }, { fieldName: 'update' }, { fieldName: 'amount_micros' }] } }));
    expect(error.kind).toBe('invalid_request');
    expect(error.details.field).toBe('operations.update.amount_micros');
    expect(error.details.platformMessage).toBe('The error message.');
  });

  it('maps authentication, permission and server failures', () => {
    expect(classifyGoogleError(401, { error: { code: 401, message: 'x', status: 'UNAUTHENTICATED' } }).kind).toBe('auth_expired');
    expect(classifyGoogleError(403, failure(403, 'PERMISSION_DENIED', { authorizationError: 'USER_PERMISSION_DENIED' })).kind).toBe('permission');
    expect(classifyGoogleError(503, { error: { code: 503, message: 'x', status: 'UNAVAILABLE' } }).kind).toBe('transient');
    expect(classifyGoogleError(502, 'not json').kind).toBe('transient');
  });
});
