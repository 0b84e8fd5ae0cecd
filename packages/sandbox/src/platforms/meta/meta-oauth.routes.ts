import { json, param, redirect, type Route, type SandboxRequest, type SandboxResponse } from '../../http/http.types.ts';
import { route } from '../../http/router.ts';
import { readConsentForm, renderConsentPage } from '../../oauth/consent-page.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import { graphError, invalidParameter } from './meta-errors.ts';

const FIELDS = ['client_id', 'redirect_uri', 'state', 'scope', 'response_type', 'config_id', 'auth_type'];
const DEFAULT_SCOPES = ['ads_management', 'ads_read', 'business_management'];

function dialog(ctx: SandboxContext, req: SandboxRequest): SandboxResponse {
  const q = req.query;
  if (q.get('client_id') !== ctx.settings.meta.appId) return { status: 400, html: '<!doctype html><html lang="en"><title>Error</title><p>Invalid App ID: the provided app ID does not look like a valid app ID.</p></html>' };
  if (!/^https?:\/\//.test(q.get('redirect_uri') ?? '')) return { status: 400, html: "<!doctype html><html lang=\"en\"><title>Error</title><p>URL blocked: this redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.</p></html>" };
  const accounts = [...ctx.sim.world().platforms.meta.accounts.values()].filter((a) => !a.isManager)
    .map((a) => ({ id: a.id, name: a.name, detail: `${a.currency} · ${a.timeZone}` }));
  const hidden = Object.fromEntries(FIELDS.flatMap((f) => { const v = q.get(f); return v === null ? [] : [[f, v]]; }));
  const scopes = (q.get('scope') ?? DEFAULT_SCOPES.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  return { status: 200, html: renderConsentPage({ platformName: 'Meta for Business', clientId: q.get('client_id') ?? '', action: req.path, hidden, accounts, permissions: scopes }) };
}

function decide(ctx: SandboxContext, req: SandboxRequest): SandboxResponse {
  const { decision, accounts, fields } = readConsentForm(req.form);
  const target = new URL(fields.get('redirect_uri') ?? 'http://invalid/');
  const state = fields.get('state');
  if (decision === 'deny') {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('error_code', '200');
    target.searchParams.set('error_description', 'Permissions error');
    target.searchParams.set('error_reason', 'user_denied');
  } else {
    const known = ctx.sim.world().platforms.meta.accounts;
    const scopes = (fields.get('scope') ?? DEFAULT_SCOPES.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
    const code = ctx.oauth.meta.issueCode({
      grant: { clientId: fields.get('client_id') ?? '', accountIds: accounts.filter((a) => known.has(a)), scopes },
      redirectUri: fields.get('redirect_uri') ?? '', expiresAt: ctx.sim.clock.now() + 10 * 60_000, offline: false, codeChallenge: null,
    }, 'AQ');
    target.searchParams.set('code', code.code);
  }
  if (state !== null) target.searchParams.set('state', state);
  const location = target.toString() + (decision === 'allow' ? '#_=_' : '');
  return redirect(location);
}

function accessToken(ctx: SandboxContext, req: SandboxRequest): SandboxResponse {
  const s = ctx.settings.meta;
  const now = ctx.sim.clock.now();
  if (param(req, 'client_id') !== s.appId) return graphError({ code: 101, message: 'Error validating application. Invalid application ID.' });
  if (param(req, 'client_secret') !== s.appSecret) return graphError({ code: 1, message: 'Error validating client secret.' });
  const store = ctx.oauth.meta;
  if (param(req, 'grant_type') === 'fb_exchange_token') {
    const short = store.find(param(req, 'fb_exchange_token') ?? '');
    if (!short || short.revoked || (short.expiresAt !== null && now >= short.expiresAt)) {
      return graphError({ code: 190, subcode: 463, message: 'Error validating access token: Session has expired.' });
    }
    const ttl = s.longTokenTtlSeconds;
    const long = store.issueToken({ kind: 'access', grant: short.grant, expiresAt: now + ttl * 1000, issuedAt: now, lifetime: 'long', parent: null }, 'EAAL');
    return json(200, { access_token: long.token, token_type: 'bearer', expires_in: ttl });
  }
  const code = param(req, 'code');
  if (!code) return invalidParameter('Missing authorization code');
  const redeemed = store.redeemCode(code, s.appId, param(req, 'redirect_uri') ?? '', now);
  if (typeof redeemed === 'string') {
    const message = redeemed === 'used' ? 'This authorization code has been used.'
      : redeemed === 'redirect_mismatch' ? 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request'
        : 'Invalid verification code format.';
    return graphError({ code: 100, subcode: redeemed === 'used' ? 36009 : 36008, message, type: 'OAuthException' });
  }
  const ttl = s.shortTokenTtlSeconds;
  const token = store.issueToken({ kind: 'access', grant: redeemed.grant, expiresAt: now + ttl * 1000, issuedAt: now, lifetime: 'short', parent: null }, 'EAAS', redeemed);
  return json(200, { access_token: token.token, token_type: 'bearer', expires_in: ttl });
}

function debugToken(ctx: SandboxContext, req: SandboxRequest): SandboxResponse {
  const s = ctx.settings.meta;
  if (param(req, 'access_token') !== `${s.appId}|${s.appSecret}`) return graphError({ code: 190, message: 'Invalid OAuth access token signature.' });
  const record = ctx.oauth.meta.find(param(req, 'input_token') ?? '');
  const now = ctx.sim.clock.now();
  if (!record) return json(200, { data: { error: { code: 190, message: 'Invalid OAuth access token.' }, is_valid: false, scopes: [] } });
  const expiresAt = record.expiresAt === null ? 0 : Math.floor(record.expiresAt / 1000);
  return json(200, {
    data: {
      app_id: s.appId, type: 'USER', application: 'Adloop (sandbox)', is_valid: !record.revoked && (record.expiresAt === null || now < record.expiresAt),
      expires_at: expiresAt, data_access_expires_at: Math.floor(now / 1000) + 90 * 86_400, issued_at: Math.floor(record.issuedAt / 1000),
      scopes: record.grant.scopes, user_id: '10000000000000001',
      granular_scopes: record.grant.scopes.map((scope) => ({ scope, target_ids: record.grant.accountIds.map((id) => `act_${id}`) })),
    },
  });
}

export function metaOAuthRoutes(ctx: SandboxContext): Route[] {
  return [
    route('GET', /^(\/v\d+\.0)?\/dialog\/oauth$/, (req) => dialog(ctx, req)),
    route('POST', /^(\/v\d+\.0)?\/dialog\/oauth$/, (req) => decide(ctx, req)),
    route('GET', /^(\/v\d+\.0)?\/oauth\/access_token$/, (req) => accessToken(ctx, req)),
    route('GET', /^(\/v\d+\.0)?\/debug_token$/, (req) => debugToken(ctx, req)),
  ];
}
