import { z } from 'zod';
import { PlatformError, type OAuthApi } from '../types.ts';
import { tiktokCall, type TikTokConfig } from './tiktok.http.ts';

const TokenData = z.object({ access_token: z.string(), advertiser_ids: z.array(z.string()).optional(), scope: z.array(z.number()).optional() });

/**
 * TikTok's advertiser authorisation: the auth code becomes a long-term token that never
 * expires and cannot be refreshed; it ends only when revoked (by us or the advertiser).
 */
export function createTikTokOAuth(config: TikTokConfig): OAuthApi {
  const app = { app_id: config.appId, secret: config.secret };
  return {
    authorizeUrl({ state, redirectUri }) {
      const params = new URLSearchParams({ app_id: config.appId, state, redirect_uri: redirectUri });
      return `${config.authorizeBaseUrl}/portal/auth?${params.toString()}`;
    },
    async exchangeCode({ code }) {
      const data = TokenData.parse(await tiktokCall(config, 'oauth2/access_token/', { method: 'POST', params: { ...app, auth_code: code } }));
      return { accessToken: data.access_token, scopes: data.scope?.map(String) };
    },
    async refresh() {
      throw new PlatformError('invalid_request', 'TikTok advertiser tokens do not expire and cannot be refreshed', { platform: 'tiktok' });
    },
    async revoke(tokens) {
      try {
        await tiktokCall(config, 'oauth2/revoke_token/', { method: 'POST', params: { ...app, access_token: tokens.accessToken } });
      } catch (error) {
        // Already revoked: the outcome we wanted.
        if (!(error instanceof PlatformError && error.kind === 'auth_expired')) throw error;
      }
    },
    async inspect(tokens) {
      try {
        await tiktokCall(config, 'oauth2/advertiser/get/', { params: app, accessToken: tokens.accessToken });
        return { valid: true };
      } catch (error) {
        if (error instanceof PlatformError && error.kind === 'auth_expired') return { valid: false };
        throw error;
      }
    },
  };
}
