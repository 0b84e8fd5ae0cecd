import { z } from 'zod';
import { PlatformError, type OAuthApi, type TokenSet } from '../types.ts';
import { DEFAULT_API_VERSION, metaCall, type MetaConfig } from './meta.http.ts';

export const META_DEFAULT_SCOPES = ['ads_management', 'ads_read', 'business_management'] as const;

const TokenResponse = z.object({ access_token: z.string(), token_type: z.string().optional(), expires_in: z.coerce.number().optional() });
const DebugToken = z.object({
  data: z.object({
    is_valid: z.boolean(),
    expires_at: z.coerce.number().optional(),
    data_access_expires_at: z.coerce.number().optional(),
    scopes: z.array(z.string()).optional(),
  }),
});

const atSeconds = (seconds: number | undefined): Date | undefined => (seconds && seconds > 0 ? new Date(seconds * 1000) : undefined);

/**
 * Facebook Login: the code becomes a short-lived user token (hours), which is swapped at once for a
 * long-lived one (about 60 days) with `fb_exchange_token`. There is no refresh token; `refresh`
 * repeats that exchange on a still-valid token, and after expiry the person has to log in again.
 * No PKCE: the code exchange is server-side with the app secret.
 */
export function createMetaOAuth(config: MetaConfig, now: () => Date = () => new Date()): OAuthApi {
  const app = { client_id: config.appId, client_secret: config.appSecret };

  async function tokenCall(params: Record<string, string>): Promise<TokenSet> {
    const body = TokenResponse.parse(await metaCall(config, 'oauth/access_token', { params: { ...app, ...params } }));
    return { accessToken: body.access_token, expiresAt: body.expires_in ? new Date(now().getTime() + body.expires_in * 1000) : undefined };
  }

  const longLived = (accessToken: string) => tokenCall({ grant_type: 'fb_exchange_token', fb_exchange_token: accessToken });
  /** Introspection with the app token `{app-id}|{app-secret}`. */
  const debugToken = async (accessToken: string) =>
    DebugToken.parse(await metaCall(config, 'debug_token', { params: { input_token: accessToken }, accessToken: `${config.appId}|${config.appSecret}` }));

  return {
    authorizeUrl({ state, redirectUri }) {
      const params = new URLSearchParams({ client_id: config.appId, redirect_uri: redirectUri, state, response_type: 'code' });
      if (config.loginConfigId) params.set('config_id', config.loginConfigId);
      else params.set('scope', (config.scopes ?? META_DEFAULT_SCOPES).join(','));
      return `${config.authorizeBaseUrl}/${config.apiVersion ?? DEFAULT_API_VERSION}/dialog/oauth?${params.toString()}`;
    },
    async exchangeCode({ code, redirectUri }) {
      const short = await tokenCall({ code, redirect_uri: redirectUri });
      const long = await longLived(short.accessToken);
      // The person may decline some permissions on the dialog: record what was granted, not what was asked.
      const { data } = await debugToken(long.accessToken);
      return { ...long, scopes: data.scopes };
    },
    async refresh(tokens) {
      if (tokens.expiresAt && tokens.expiresAt.getTime() <= now().getTime()) {
        throw new PlatformError('auth_expired', 'The Meta token has expired: log in again', { platform: 'meta' });
      }
      return { ...(await longLived(tokens.accessToken)), scopes: tokens.scopes };
    },
    async revoke(tokens) {
      try {
        await metaCall(config, 'me/permissions', { method: 'DELETE', accessToken: tokens.accessToken });
      } catch (error) {
        // An expired or already revoked token: the outcome we wanted.
        if (!(error instanceof PlatformError && error.kind === 'auth_expired')) throw error;
      }
    },
    async inspect(tokens) {
      const { data } = await debugToken(tokens.accessToken);
      if (!data.is_valid) return { valid: false };
      // A token stops reaching ad data at whichever comes first: its own expiry or the 90-day data-access expiry (0 = never).
      const ends = [atSeconds(data.expires_at), atSeconds(data.data_access_expires_at)].filter((d): d is Date => d !== undefined);
      return { valid: true, expiresAt: ends.length > 0 ? new Date(Math.min(...ends.map((d) => d.getTime()))) : undefined };
    },
  };
}
