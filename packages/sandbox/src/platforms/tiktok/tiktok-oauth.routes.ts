import { redirect, type Route, type SandboxRequest, type SandboxResponse } from '../../http/http.types.ts';
import { route } from '../../http/router.ts';
import { escapeHtml, readConsentForm, renderConsentPage } from '../../oauth/consent-page.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import { checkApp } from './tiktok-auth.ts';
import { endpoint, type TikTokEndpoint } from './tiktok-endpoint.types.ts';
import { fail, isFailure, ok, TT } from './tiktok-envelope.ts';
import { requiredText } from './tiktok-params.ts';

/** Numeric scope ids the sandbox app holds: account management, ads management, reporting and their children. */
const SCOPES: ReadonlyArray<[number, string]> = [
  [1, 'Ad Account Management'], [2, 'Ads Management'], [4, 'Reporting'], [100, 'Read Ad Account Information'],
  [200, 'Read Campaigns'], [201, 'Create and Update Campaigns'], [210, 'Read Ad Groups'], [211, 'Create and Update Ad Groups'],
  [220, 'Read Ads'], [221, 'Create and Update Ads'], [44, 'Consolidated Report'],
];
const HIDDEN = ['app_id', 'state', 'redirect_uri'];

const errorPage = (message: string): SandboxResponse => ({ status: 400, html: `<!doctype html><html lang="en"><title>Authorization error</title><p>${escapeHtml(message)}</p></html>` });

function page(ctx: SandboxContext, req: SandboxRequest): SandboxResponse {
  const q = req.query;
  if (q.get('app_id') !== ctx.settings.tiktok.appId) return errorPage('Invalid app_id: this app does not exist or is not approved.');
  if (!/^https?:\/\//.test(q.get('redirect_uri') ?? '')) return errorPage('redirect_uri is missing or is not one of the redirect URLs registered for this app.');
  const accounts = [...ctx.sim.world().platforms.tiktok.accounts.values()].filter((a) => !a.isManager)
    .map((a) => ({ id: a.id, name: a.name, detail: `${a.currency} · ${a.timeZone}` }));
  const hidden = Object.fromEntries(HIDDEN.flatMap((f) => { const v = q.get(f); return v === null ? [] : [[f, v]]; }));
  return { status: 200, html: renderConsentPage({ platformName: 'TikTok For Business', clientId: q.get('app_id') ?? '', action: req.path, hidden, accounts, permissions: SCOPES.map(([id, name]) => `${name} (${id})`) }) };
}

/** Approve → `redirect_uri?auth_code=X&code=X&state=S` (both names carry the code); deny → `error=access_denied`. */
function decide(ctx: SandboxContext, req: SandboxRequest): SandboxResponse {
  const { decision, accounts, fields } = readConsentForm(req.form);
  if (fields.get('app_id') !== ctx.settings.tiktok.appId) return errorPage('Invalid app_id.');
  const target = new URL(fields.get('redirect_uri') ?? 'http://invalid/');
  if (decision === 'deny') {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('error_description', 'The user canceled the authorization.');
  } else {
    const known = ctx.sim.world().platforms.tiktok.accounts;
    const code = ctx.oauth.tiktok.issueCode({
      grant: { clientId: ctx.settings.tiktok.appId, accountIds: accounts.filter((a) => known.get(a)?.isManager === false), scopes: SCOPES.map(([id]) => String(id)) },
      redirectUri: target.toString(), expiresAt: ctx.sim.clock.now() + ctx.settings.tiktok.authCodeTtlSeconds * 1000, offline: false, codeChallenge: null,
    }, '');
    target.searchParams.set('auth_code', code.code);
    target.searchParams.set('code', code.code);
  }
  const state = fields.get('state');
  if (state !== null) target.searchParams.set('state', state);
  return redirect(target.toString());
}

export function tiktokPortalRoutes(ctx: SandboxContext): Route[] {
  return [route('GET', /^\/(portal|marketing_api)\/auth$/, (req) => page(ctx, req)), route('POST', /^\/(portal|marketing_api)\/auth$/, (req) => decide(ctx, req))];
}

/** oauth2/access_token/ (auth_code → long-term advertiser token), oauth2/revoke_token/, oauth2/advertiser/get/. */
export function tiktokOAuthEndpoints(): TikTokEndpoint[] {
  return [
    endpoint('POST', 'oauth2/access_token/', ({ ctx, params, now }) => {
      const appId = requiredText(params, 'app_id');
      if (isFailure(appId)) return appId;
      const secret = requiredText(params, 'secret');
      if (isFailure(secret)) return secret;
      const authCode = requiredText(params, 'auth_code');
      if (isFailure(authCode)) return authCode;
      const appProblem = checkApp(ctx, appId, secret);
      if (appProblem) return appProblem;
      const redeemed = ctx.oauth.tiktok.redeemCode(authCode, appId, null, now);
      if (typeof redeemed === 'string') {
        return fail(TT.AUTH_CODE_INVALID, redeemed === 'used' ? 'Auth code has been used. Please re-authorize.' : redeemed === 'expired' ? 'Auth code has expired. Please re-authorize.' : 'Invalid auth code.');
      }
      const token = ctx.oauth.tiktok.issueToken({ kind: 'access', grant: redeemed.grant, expiresAt: null, issuedAt: now, lifetime: 'none', parent: null }, '', undefined);
      return ok({ access_token: token.token, advertiser_ids: redeemed.grant.accountIds, scope: redeemed.grant.scopes.map(Number) });
    }, { auth: 'app', advertiser: null }),
    endpoint('POST', 'oauth2/revoke_token/', ({ ctx, params }) => {
      const appId = requiredText(params, 'app_id');
      if (isFailure(appId)) return appId;
      const secret = requiredText(params, 'secret');
      if (isFailure(secret)) return secret;
      const accessToken = requiredText(params, 'access_token');
      if (isFailure(accessToken)) return accessToken;
      const appProblem = checkApp(ctx, appId, secret);
      if (appProblem) return appProblem;
      const record = ctx.oauth.tiktok.find(accessToken);
      if (!record || record.revoked) return fail(TT.TOKEN_INVALID, 'Access token is incorrect or has been revoked.');
      ctx.oauth.tiktok.revoke(accessToken);
      return ok({ advertiser_ids: record.grant.accountIds });
    }, { auth: 'app', advertiser: null }),
    endpoint('GET', 'oauth2/advertiser/get/', ({ ctx, params, token }) => {
      const appId = requiredText(params, 'app_id');
      if (isFailure(appId)) return appId;
      const secret = requiredText(params, 'secret');
      if (isFailure(secret)) return secret;
      const appProblem = checkApp(ctx, appId, secret);
      if (appProblem) return appProblem;
      const accounts = ctx.sim.world().platforms.tiktok.accounts;
      const list = (token?.grant.accountIds ?? []).flatMap((id) => { const a = accounts.get(id); return a ? [{ advertiser_id: a.id, advertiser_name: a.name }] : []; });
      return ok({ list });
    }, { advertiser: null }),
  ];
}
