import { z } from 'zod';
import { PlatformError, type OAuthApi, type TokenSet } from '../types.ts';
import type { GoogleAdsConfig } from './google-ads.http.ts';

const SCOPE = 'https://www.googleapis.com/auth/adwords';
const TokenResponse = z.object({
  access_token: z.string(),
  refresh_token: z.string().optional(),
  expires_in: z.number(),
  scope: z.string().optional(),
});
const OAuthFailure = z.object({ error: z.string(), error_description: z.string().optional() });

async function tokenCall(config: GoogleAdsConfig, form: Record<string, string>, now: () => Date): Promise<TokenSet> {
  const response = await (config.fetch ?? fetch)(`${config.oauthBaseUrl}/token`, { method: 'POST', body: new URLSearchParams(form) });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const failure = OAuthFailure.safeParse(body);
    const message = failure.success ? (failure.data.error_description ?? failure.data.error) : `HTTP ${response.status}`;
    const kind = response.status >= 500 ? 'transient' : failure.success && failure.data.error === 'invalid_grant' ? 'auth_expired' : 'invalid_request';
    throw new PlatformError(kind, message, { platform: 'google_ads', platformMessage: message, platformCode: failure.success ? failure.data.error : undefined, httpStatus: response.status });
  }
  const parsed = TokenResponse.parse(body);
  return {
    accessToken: parsed.access_token,
    refreshToken: parsed.refresh_token ?? form.refresh_token,
    expiresAt: new Date(now().getTime() + parsed.expires_in * 1000),
    scopes: parsed.scope?.split(' '),
  };
}

/** Google OAuth 2.0: authorization code with PKCE, offline access (refresh token), revoke. */
export function createGoogleOAuth(config: GoogleAdsConfig, now: () => Date = () => new Date()): OAuthApi {
  return {
    authorizeUrl({ state, redirectUri, codeChallenge }) {
      const params = new URLSearchParams({
        client_id: config.clientId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: SCOPE,
        state,
        access_type: 'offline',
        prompt: 'consent',
      });
      if (codeChallenge) {
        params.set('code_challenge', codeChallenge);
        params.set('code_challenge_method', 'S256');
      }
      return `${config.authorizeBaseUrl}/o/oauth2/v2/auth?${params.toString()}`;
    },
    exchangeCode({ code, redirectUri, codeVerifier }) {
      return tokenCall(config, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: config.clientId,
        client_secret: config.clientSecret,
        ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
      }, now);
    },
    refresh(tokens) {
      if (!tokens.refreshToken) throw new PlatformError('auth_expired', 'No refresh token: reconnect the account', { platform: 'google_ads' });
      return tokenCall(config, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken, client_id: config.clientId, client_secret: config.clientSecret }, now);
    },
    async revoke(tokens) {
      const token = tokens.refreshToken ?? tokens.accessToken;
      const response = await (config.fetch ?? fetch)(`${config.oauthBaseUrl}/revoke`, { method: 'POST', body: new URLSearchParams({ token }) });
      // An already revoked token answers 400 invalid_token: the outcome we wanted.
      if (!response.ok && response.status !== 400) throw new PlatformError('transient', `Revoke answered HTTP ${response.status}`, { platform: 'google_ads', httpStatus: response.status });
    },
    async inspect(tokens) {
      if (tokens.expiresAt && tokens.expiresAt.getTime() > now().getTime()) return { valid: true, expiresAt: tokens.expiresAt };
      try {
        const fresh = await this.refresh(tokens);
        return { valid: true, expiresAt: fresh.expiresAt };
      } catch (error) {
        if (error instanceof PlatformError && error.kind === 'auth_expired') return { valid: false };
        throw error;
      }
    },
  };
}
