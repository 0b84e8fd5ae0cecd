import { describe, expect, it } from 'vitest';
import { PlatformError, type PlatformErrorKind } from '@adloop/platforms';
import { platformFailure } from './platform-access.ts';

const refusal = (kind: PlatformErrorKind, extra: { field?: string; retryAfterSeconds?: number } = {}) =>
  new PlatformError(kind, 'internal words', { platform: 'tiktok', platformMessage: 'The platform said no', ...extra });

describe('platformFailure', () => {
  const action = { doing: 'take the image' };

  it('asks to reconnect (409) when the token is refused or lacks permission', () => {
    for (const kind of ['auth_expired', 'permission'] as const) {
      const error = platformFailure(refusal(kind), 'TikTok', action);
      expect(error.status).toBe(409);
      expect(error.message).toMatch(/reconnect it on the Connections page\. TikTok said: The platform said no/);
    }
  });

  it('says when to try again (429 with Retry-After, rounded up, 60 s without a hint)', () => {
    const hinted = platformFailure(refusal('rate_limited', { retryAfterSeconds: 2.2 }), 'TikTok', action);
    expect(hinted.status).toBe(429);
    expect(hinted.headers).toEqual({ 'retry-after': '3' });
    expect(platformFailure(refusal('rate_limited'), 'TikTok', action).headers).toEqual({ 'retry-after': '60' });
  });

  it('is a 404 for what the platform no longer has', () => {
    expect(platformFailure(refusal('not_found'), 'TikTok', action).status).toBe(404);
  });

  it('puts an invalid request on the caller’s field, else the platform’s, else the body', () => {
    const onCaller = platformFailure(refusal('invalid_request', { field: 'image_file' }), 'TikTok', { ...action, field: 'dataBase64' });
    expect(onCaller.status).toBe(400);
    expect(onCaller.details).toEqual({ issues: [{ location: 'body', field: 'dataBase64', message: 'The platform said no' }] });
    expect(platformFailure(refusal('invalid_request', { field: 'ad.name' }), 'TikTok', action).details).toMatchObject({ issues: [{ field: 'ad.name' }] });
    expect(platformFailure(refusal('invalid_request'), 'TikTok', action).details).toMatchObject({ issues: [{ field: 'body' }] });
  });

  it('is a 502 saying what did not happen for everything else', () => {
    for (const kind of ['transient', 'report_too_large'] as const) {
      const error = platformFailure(refusal(kind), 'TikTok', action);
      expect(error.status).toBe(502);
      expect(error.message).toBe('TikTok did not take the image: The platform said no');
    }
  });
});
