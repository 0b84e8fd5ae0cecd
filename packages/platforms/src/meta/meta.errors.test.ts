import { describe, expect, it } from 'vitest';
import { classifyMetaError } from './meta.http.ts';

const graph = (error: Record<string, unknown>) => ({ error: { type: 'OAuthException', fbtrace_id: 'AbC', ...error } });

describe('Meta error classification', () => {
  it('maps 190 (any subcode) and 102 to auth_expired', () => {
    const expired = classifyMetaError(401, graph({ code: 190, error_subcode: 463, message: 'Error validating access token: Session has expired.' }));
    expect(expired.kind).toBe('auth_expired');
    expect(expired.details.platformCode).toBe('190/463');
    expect(classifyMetaError(401, graph({ code: 190, error_subcode: 460, message: 'password changed' })).kind).toBe('auth_expired');
    expect(classifyMetaError(400, graph({ code: 102, message: 'Session key invalid' })).kind).toBe('auth_expired');
  });

  it('maps throttles to rate_limited with a retry hint from the usage headers, the message or a floor', () => {
    const headers = new Headers({
      'x-business-use-case-usage': JSON.stringify({ '123': [{ type: 'ads_management', call_count: 100, estimated_time_to_regain_access: 7 }] }),
    });
    const management = classifyMetaError(400, graph({ code: 80004, is_transient: true, message: 'There have been too many calls to this ad-account.' }), headers);
    expect(management.kind).toBe('rate_limited');
    expect(management.details.retryAfterSeconds).toBe(420);
    const insights = classifyMetaError(400, graph({ code: 80000, message: 'Too many calls. estimated_time_to_regain_access: 3 minutes' }));
    expect(insights.details.retryAfterSeconds).toBe(180);
    const user = classifyMetaError(400, graph({ code: 17, error_subcode: 2446079, is_transient: true, message: 'User request limit reached' }));
    expect(user.kind).toBe('rate_limited');
    expect(user.details.retryAfterSeconds).toBe(60);
    for (const code of [4, 32, 613]) expect(classifyMetaError(400, graph({ code, message: 'limit' })).kind).toBe('rate_limited');
    expect(classifyMetaError(400, graph({ code: 4, error_subcode: 1504022, message: 'too many requests' })).kind).toBe('rate_limited');
  });

  it('maps unknown and service errors to transient, and "too much data" to report_too_large', () => {
    expect(classifyMetaError(500, graph({ code: 2, is_transient: true, message: 'An unexpected error has occurred.' })).kind).toBe('transient');
    expect(classifyMetaError(500, graph({ code: 1, message: 'An unknown error occurred' })).kind).toBe('transient');
    expect(classifyMetaError(400, graph({ code: -2, error_subcode: 2490547, message: 'async report failed' })).kind).toBe('transient');
    expect(classifyMetaError(502, 'Bad gateway').kind).toBe('transient');
    expect(classifyMetaError(500, graph({ code: 1, message: "Please reduce the amount of data you're asking for, then retry your request" })).kind).toBe('report_too_large');
    expect(classifyMetaError(400, graph({ code: 100, error_subcode: 1504018, message: 'Your request timed out' })).kind).toBe('report_too_large');
    expect(classifyMetaError(400, graph({ code: 2, error_subcode: 1504038, message: 'Request timed out' })).kind).toBe('report_too_large');
  });

  it('maps permissions and missing objects', () => {
    expect(classifyMetaError(403, graph({ code: 10, message: 'Permission denied' })).kind).toBe('permission');
    expect(classifyMetaError(400, graph({ code: 200, message: 'Requires ads_management permission' })).kind).toBe('permission');
    expect(classifyMetaError(400, graph({ code: 294, message: 'Managing advertisements requires ads_management' })).kind).toBe('permission');
    const missing = classifyMetaError(400, graph({ code: 100, error_subcode: 33, type: 'GraphMethodException', message: "Unsupported get request. Object with ID '1' does not exist" }));
    expect(missing.kind).toBe('not_found');
  });

  it('names the blamed field of an invalid parameter and shows the person-facing message', () => {
    const param = classifyMetaError(400, graph({ code: 100, message: '(#100) Param daily_budget must be a positive integer' }));
    expect(param.kind).toBe('invalid_request');
    expect(param.details.field).toBe('daily_budget');
    expect(classifyMetaError(400, graph({ code: 100, message: '(#100) The parameter special_ad_categories is required' })).details.field).toBe('special_ad_categories');
    const low = classifyMetaError(400, graph({ code: 100, error_subcode: 1885272, message: 'Invalid parameter', error_user_title: 'Your budget is too low', error_user_msg: 'The minimum daily budget is 100.' }));
    expect(low.details.field).toBe('daily_budget');
    expect(low.details.platformMessage).toBe('The minimum daily budget is 100.');
    const blamed = classifyMetaError(400, graph({ code: 100, message: 'Invalid parameter', error_data: JSON.stringify({ blame_field_specs: [['targeting', 'geo_locations']] }) }));
    expect(blamed.details.field).toBe('targeting');
    expect(classifyMetaError(400, graph({ code: 2635, message: 'deprecated version' })).kind).toBe('invalid_request');
  });
});
