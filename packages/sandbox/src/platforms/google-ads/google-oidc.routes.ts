import { header, json, type Route, type SandboxResponse } from '../../http/http.types.ts';
import { route } from '../../http/router.ts';
import type { IdTokenSigner } from '../../oauth/id-token-signer.ts';
import type { SandboxContext } from '../../sandbox-context.ts';

export const OPENID_SCOPE = 'openid';

/** OpenID Connect discovery as Google publishes it, with every endpoint on this sandbox. */
function discovery(ctx: SandboxContext): SandboxResponse {
  const base = ctx.baseUrl('google');
  return json(200, {
    issuer: base,
    authorization_endpoint: `${base}/o/oauth2/v2/auth`,
    token_endpoint: `${base}/token`,
    userinfo_endpoint: `${base}/oauth2/v3/userinfo`,
    revocation_endpoint: `${base}/revoke`,
    jwks_uri: `${base}/oauth2/v3/certs`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: [OPENID_SCOPE, 'email', 'profile'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    claims_supported: ['aud', 'email', 'email_verified', 'exp', 'iat', 'iss', 'name', 'sub', 'nonce'],
    code_challenge_methods_supported: ['plain', 'S256'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
  }, { 'cache-control': 'public, max-age=3600' });
}

function userinfo(ctx: SandboxContext, authorization: string | undefined): SandboxResponse {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const token = bearer ? ctx.oauth.google.find(bearer) : undefined;
  const expired = token?.expiresAt != null && ctx.sim.clock.now() >= token.expiresAt;
  if (!token || token.kind !== 'access' || token.revoked || expired) {
    return json(401, { error: 'invalid_request', error_description: 'Invalid Credentials' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
  }
  const identity = token.grant.identity;
  if (!identity) return json(403, { error: 'insufficient_scope', error_description: 'The token was not granted the openid scope.' });
  return json(200, { sub: identity.sub, email: identity.email, email_verified: identity.emailVerified, name: identity.name });
}

export function googleOidcRoutes(ctx: SandboxContext, signer: IdTokenSigner): Route[] {
  return [
    route('GET', /^\/\.well-known\/openid-configuration$/, () => discovery(ctx)),
    route('GET', /^\/oauth2\/v3\/certs$/, async () => json(200, await signer.jwks(), { 'cache-control': 'public, max-age=3600' })),
    route('GET', /^\/oauth2\/v3\/userinfo$/, (req) => userinfo(ctx, header(req, 'authorization'))),
    route('POST', /^\/oauth2\/v3\/userinfo$/, (req) => userinfo(ctx, header(req, 'authorization'))),
  ];
}
