import { describe, expect, it } from 'vitest';
import { classifyGoogleError } from './google-ads.http.ts';
import { searchAll } from './google-ads.search.ts';

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

describe('Google Ads streaming errors', () => {
  const queryError = failure(400, 'INVALID_ARGUMENT', { queryError: 'UNRECOGNIZED_FIELD' }, { location: { fieldPathElements: [{ fieldName: 'query' }] } });

  it('reads the code and message of a searchStream failure, which arrives as a JSON array', () => {
    const error = classifyGoogleError(400, [queryError]);
    expect(error.kind).toBe('invalid_request');
    expect(error.details.platformCode).toBe('queryError.UNRECOGNIZED_FIELD');
    expect(error.details.platformMessage).toBe('The error message.');
    expect(error.details.field).toBe('query');
  });

  it('finds the error after the batches of a stream that failed part-way', () => {
    const error = classifyGoogleError(200, [{ results: [], fieldMask: 'campaign.id' }, failure(503, 'UNAVAILABLE', { internalError: 'TRANSIENT_ERROR' })]);
    expect(error.details.platformCode).toBe('internalError.TRANSIENT_ERROR');
  });
});

describe('searchAll', () => {
  const config = (answer: unknown) => ({
    baseUrl: 'http://ads.test', oauthBaseUrl: 'http://ads.test', authorizeBaseUrl: 'http://ads.test', clientId: 'c', clientSecret: 's', developerToken: 'd',
    fetch: () => Promise.resolve(new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } })),
  });

  it('throws when the stream ends in an error instead of returning the rows sent before it', async () => {
    const answer = [{ results: [{ campaign: { id: '1' } }] }, failure(503, 'UNAVAILABLE', { internalError: 'TRANSIENT_ERROR' })];
    await expect(searchAll(config(answer), { accessToken: 't' }, '1', 'SELECT campaign.id FROM campaign')).rejects.toMatchObject({ kind: 'transient' });
  });

  it('returns every batch of a stream that completed', async () => {
    const rows = await searchAll(config([{ results: [{ campaign: { id: '1' } }] }, { results: [{ campaign: { id: '2' } }] }]), { accessToken: 't' }, '1', 'SELECT campaign.id FROM campaign');
    expect(rows).toHaveLength(2);
  });
});
