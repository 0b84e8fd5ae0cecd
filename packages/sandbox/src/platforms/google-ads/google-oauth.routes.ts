import { createHash } from 'node:crypto';
import { header, json, param, redirect, type Route, type SandboxRequest, type SandboxResponse } from '../../http/http.types.ts';
import { route } from '../../http/router.ts';
import { readConsentForm, renderConsentPage, escapeHtml } from '../../oauth/consent-page.ts';
import { createIdTokenSigner, type IdTokenSigner } from '../../oauth/id-token-signer.ts';
import { readIdentity, renderIdentityFieldset } from '../../oauth/identity-picker.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import { googleOidcRoutes, OPENID_SCOPE } from './google-oidc.routes.ts';

const ADWORDS_SCOPE = 'https://www.googleapis.com/auth/adwords';
const CODE_TTL_MS = 10 * 60_000;
const FIELDS = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'access_type', 'prompt', 'code_challenge', 'code_challenge_method', 'nonce'];
const KNOWN_SCOPES = new Set([ADWORDS_SCOPE, OPENID_SCOPE, 'email', 'profile']);

const scopesOf = (p: URLSearchParams): string[] => (p.get('scope') ?? '').split(/\s+/).filter((s) => KNOWN_SCOPES.has(s));

function errorPage(status: number, error: string, detail: string): SandboxResponse {
  return { status, html: `<!doctype html><html lang="en"><title>Error ${status}: ${escapeHtml(error)}</title><h1>Access blocked: authorization error</h1><p>Error ${status}: ${escapeHtml(error)}</p><p>${escapeHtml(detail)}</p></html>` };
}

function checkAuthorizeRequest(ctx: SandboxContext, p: URLSearchParams): SandboxResponse | null {
  if (p.get('client_id') !== ctx.settings.google.clientId) return errorPage(401, 'invalid_client', 'The OAuth client was not found.');
  const redirectUri = p.get('redirect_uri') ?? '';
  if (!/^https?:\/\//.test(redirectUri)) return errorPage(400, 'redirect_uri_mismatch', 'Missing or invalid redirect_uri.');
  if (p.get('response_type') !== 'code') return errorPage(400, 'unsupported_response_type', 'response_type must be code.');
  const scopes = scopesOf(p);
  if (!scopes.includes(ADWORDS_SCOPE) && !scopes.includes(OPENID_SCOPE)) return errorPage(400, 'invalid_scope', `Some requested scopes were invalid. The Google Ads API needs ${ADWORDS_SCOPE}.`);
  const method = p.get('code_challenge_method');
  if (p.get('code_challenge') && method && method !== 'S256' && method !== 'plain') return errorPage(400, 'invalid_request', 'Invalid code_challenge_method.');
  return null;
}

function showConsent(ctx: SandboxContext, req: SandboxRequest): SandboxResponse {
  const problem = checkAuthorizeRequest(ctx, req.query);
  if (problem) return problem;
  const scopes = scopesOf(req.query);
  const wantsAds = scopes.includes(ADWORDS_SCOPE);
  const accounts = wantsAds ? [...ctx.sim.world().platforms.google.accounts.values()].map((a) => ({
    id: a.id, name: a.name, detail: a.isManager ? 'manager account' : `${a.currency} · ${a.timeZone}`,
  })) : [];
  const permissions = [
    ...(scopes.includes(OPENID_SCOPE) ? ['Associate you with your personal info on Google: your name and email address.'] : []),
    ...(wantsAds ? ['See, edit, create and delete your Google Ads accounts and data.'] : []),
  ];
  const hidden = Object.fromEntries(FIELDS.flatMap((f) => { const v = req.query.get(f); return v === null ? [] : [[f, v]]; }));
  return { status: 200, html: renderConsentPage({
    platformName: wantsAds ? 'Google Ads' : 'Google', clientId: req.query.get('client_id') ?? '', action: req.path, hidden, accounts, permissions,
    ...(scopes.includes(OPENID_SCOPE) ? { identityFieldset: renderIdentityFieldset() } : {}),
  }) };
}

function decideConsent(ctx: SandboxContext, req: SandboxRequest): SandboxResponse {
  const { decision, accounts, fields } = readConsentForm(req.form);
  const problem = checkAuthorizeRequest(ctx, fields);
  if (problem) return problem;
  const target = new URL(fields.get('redirect_uri') ?? '');
  const state = fields.get('state');
  if (decision === 'deny') {
    target.searchParams.set('error', 'access_denied');
  } else {
    const scopes = scopesOf(fields);
    const identity = scopes.includes(OPENID_SCOPE) ? readIdentity(fields) : undefined;
    if (typeof identity === 'string') return errorPage(400, 'invalid_request', identity);
    const known = ctx.sim.world().platforms.google.accounts;
    const granted = scopes.includes(ADWORDS_SCOPE) ? accounts.filter((a) => known.has(a)) : [];
    const code = ctx.oauth.google.issueCode({
      grant: { clientId: fields.get('client_id') ?? '', accountIds: granted, scopes, ...(identity ? { identity } : {}) },
      redirectUri: target.toString(), expiresAt: ctx.sim.clock.now() + CODE_TTL_MS, offline: fields.get('access_type') === 'offline',
      codeChallenge: fields.get('code_challenge'), nonce: fields.get('nonce'),
    }, '4/0A');
    target.searchParams.set('code', code.code);
    target.searchParams.set('scope', scopes.join(' '));
  }
  if (state !== null) target.searchParams.set('state', state);
  return redirect(target.toString());
}

function clientCredentials(req: SandboxRequest): { id: string; secret: string } {
  const basic = /^Basic\s+(.+)$/i.exec(header(req, 'authorization') ?? '');
  if (basic?.[1]) {
    const [id = '', secret = ''] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id), secret: decodeURIComponent(secret) };
  }
  return { id: param(req, 'client_id') ?? '', secret: param(req, 'client_secret') ?? '' };
}

const invalidGrant = (description: string): SandboxResponse => json(400, { error: 'invalid_grant', error_description: description });

async function token(ctx: SandboxContext, signer: IdTokenSigner, req: SandboxRequest): Promise<SandboxResponse> {
  const client = clientCredentials(req);
  const s = ctx.settings.google;
  if (client.id !== s.clientId || client.secret !== s.clientSecret) return json(401, { error: 'invalid_client', error_description: 'Unauthorized' });
  const now = ctx.sim.clock.now();
  const store = ctx.oauth.google;
  const ttlMs = s.accessTokenTtlSeconds * 1000;
  const grantType = param(req, 'grant_type');
  if (grantType === 'authorization_code') {
    const redeemed = store.redeemCode(param(req, 'code') ?? '', client.id, param(req, 'redirect_uri') ?? '', now);
    if (typeof redeemed === 'string') return invalidGrant(redeemed === 'redirect_mismatch' ? 'Bad Request' : 'Malformed auth code.');
    if (redeemed.codeChallenge) {
      const verifier = param(req, 'code_verifier') ?? '';
      const hashed = createHash('sha256').update(verifier).digest('base64url');
      if (hashed !== redeemed.codeChallenge && verifier !== redeemed.codeChallenge) return invalidGrant('Invalid code verifier.');
    }
    const refresh = redeemed.offline
      ? store.issueToken({ kind: 'refresh', grant: redeemed.grant, expiresAt: null, issuedAt: now, lifetime: 'none', parent: null }, '1//0', redeemed)
      : null;
    const access = store.issueToken({ kind: 'access', grant: redeemed.grant, expiresAt: now + ttlMs, issuedAt: now, lifetime: 'short', parent: refresh?.token ?? null }, 'ya29.', redeemed);
    const identity = redeemed.grant.scopes.includes(OPENID_SCOPE) ? redeemed.grant.identity : undefined;
    const idToken = identity
      ? await signer.sign({ issuer: ctx.baseUrl('google'), audience: s.idTokenAudience ?? client.id, identity, nonce: redeemed.nonce ?? null, lifetimeSeconds: s.accessTokenTtlSeconds })
      : null;
    return json(200, {
      access_token: access.token, expires_in: s.accessTokenTtlSeconds, token_type: 'Bearer', scope: redeemed.grant.scopes.join(' '),
      ...(refresh ? { refresh_token: refresh.token } : {}),
      ...(idToken ? { id_token: idToken } : {}),
    }, { 'cache-control': 'no-store' });
  }
  if (grantType === 'refresh_token') {
    const refresh = store.find(param(req, 'refresh_token') ?? '');
    if (!refresh || refresh.kind !== 'refresh' || refresh.revoked || refresh.grant.clientId !== client.id) return invalidGrant('Token has been expired or revoked.');
    const access = store.issueToken({ kind: 'access', grant: refresh.grant, expiresAt: now + ttlMs, issuedAt: now, lifetime: 'short', parent: refresh.token }, 'ya29.');
    return json(200, { access_token: access.token, expires_in: s.accessTokenTtlSeconds, token_type: 'Bearer', scope: refresh.grant.scopes.join(' ') });
  }
  return json(400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grantType ?? ''}` });
}

function revoke(ctx: SandboxContext, req: SandboxRequest): SandboxResponse {
  const store = ctx.oauth.google;
  const record = store.find(param(req, 'token') ?? '');
  if (!record || record.revoked) return json(400, { error: 'invalid_token', error_description: 'Token expired or revoked' });
  store.revoke(record.parent ?? record.token);
  store.revoke(record.token);
  return json(200, {});
}

export function googleOAuthRoutes(ctx: SandboxContext): Route[] {
  const signer = createIdTokenSigner();
  return [
    ...googleOidcRoutes(ctx, signer),
    route('GET', /^\/o\/oauth2\/(v2\/)?auth$/, (req) => showConsent(ctx, req)),
    route('POST', /^\/o\/oauth2\/(v2\/)?auth$/, (req) => decideConsent(ctx, req)),
    route('POST', /^\/(token|o\/oauth2\/token)$/, (req) => token(ctx, signer, req)),
    route('POST', /^\/(revoke|o\/oauth2\/revoke)$/, (req) => revoke(ctx, req)),
  ];
}

