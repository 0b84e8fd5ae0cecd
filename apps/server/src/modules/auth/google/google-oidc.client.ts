import * as oidc from 'openid-client';
import { DEFAULT_SETTINGS } from '@adloop/sandbox';
import type { AppContext } from '../../../platform/context.ts';

/** The OpenID provider Adloop signs people in with, and Adloop's client there. */
export interface GoogleProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Only the local sandbox is reached over plain http. */
  isSandbox: boolean;
}

/** What an authorization request must remember until the browser comes back. */
export interface AuthorizationStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The verified claims of the id_token that signed the person in. */
export interface GoogleIdentity {
  issuer: string;
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export const GOOGLE_SCOPES = 'openid email profile';

/** Configured Google credentials win; otherwise the Google sandbox in sandbox mode; otherwise none. */
export function resolveGoogleProvider(ctx: Pick<AppContext, 'config' | 'sandboxUrls'>): GoogleProvider | null {
  const configured = ctx.config.googleSignIn;
  if (configured) return { ...configured, isSandbox: false };
  if (ctx.config.isProduction || !ctx.sandboxUrls) return null;
  const s = DEFAULT_SETTINGS.google;
  return { issuer: ctx.sandboxUrls.googleAds, clientId: s.clientId, clientSecret: s.clientSecret, isSandbox: true };
}

export const googleCallbackUrl = (ctx: AppContext): string => `${ctx.config.publicUrl}/api/v1/auth/google/callback`;

const configurations = new Map<string, Promise<oidc.Configuration>>();

/** Discovery once per provider and client; a failed discovery is forgotten so the next sign-in retries it. */
function configurationFor(provider: GoogleProvider): Promise<oidc.Configuration> {
  const key = `${provider.issuer}|${provider.clientId}`;
  let config = configurations.get(key);
  if (!config) {
    config = oidc.discovery(
      new URL(provider.issuer), provider.clientId, provider.clientSecret, oidc.ClientSecretPost(provider.clientSecret),
      provider.isSandbox ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    config.catch(() => configurations.delete(key));
    configurations.set(key, config);
  }
  return config;
}

export async function beginAuthorization(provider: GoogleProvider, redirectUri: string): Promise<AuthorizationStart> {
  const config = await configurationFor(provider);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: GOOGLE_SCOPES,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    prompt: 'select_account',
  });
  return { url: url.toString(), state, nonce, codeVerifier };
}

/**
 * Exchanges the code (PKCE) and validates the id_token: signature from the provider's JWKS,
 * issuer, audience = our client id, expiry, and the nonce and state of this browser's request.
 * Throws on any mismatch.
 */
export async function finishAuthorization(
  provider: GoogleProvider,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<GoogleIdentity> {
  const config = await configurationFor(provider);
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    expectedState: expected.state,
    expectedNonce: expected.nonce,
    pkceCodeVerifier: expected.codeVerifier,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims || typeof claims.email !== 'string') throw new Error('The id_token carries no email address');
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: claims.email.trim().toLowerCase(),
    emailVerified: claims.email_verified === true,
    name: typeof claims.name === 'string' ? claims.name.trim() : '',
  };
}
