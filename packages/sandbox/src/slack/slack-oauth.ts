import { header, param, redirect, type SandboxRequest, type SandboxResponse } from '../http/http.types.ts';
import { escapeHtml } from '../oauth/consent-page.ts';
import { slackJson } from './slack-reply.ts';
import { randomToken, type SlackSandboxState } from './slack-state.ts';

const CODE_TTL_MS = 10 * 60 * 1000;

const SCOPE_LABELS: Record<string, string> = {
  'chat:write': 'Send messages as the app',
  'chat:write.public': 'Send messages to channels the app isn’t a member of',
  'channels:read': 'View basic information about public channels',
  'groups:read': 'View basic information about private channels the app has been added to',
};

function errorPage(message: string): SandboxResponse {
  return { status: 400, html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Slack sandbox – error</title></head><body><main><h1>Something’s not right</h1><p>${escapeHtml(message)}</p></main></body></html>` };
}

function readAuthorize(state: SlackSandboxState, params: URLSearchParams): { error: string } | { clientId: string; scopes: string[]; redirectUri: string | null; state: string } {
  const clientId = params.get('client_id') ?? '';
  if (clientId !== state.clientId) return { error: `invalid_client_id: no app has the client id "${clientId}"` };
  const scopes = (params.get('scope') ?? '').split(/[ ,]+/).filter(Boolean);
  if (scopes.length === 0) return { error: 'invalid_scope: the app asked for no scopes' };
  const redirectUri = params.get('redirect_uri');
  if (redirectUri !== null && !/^https?:\/\//.test(redirectUri)) return { error: 'bad_redirect_uri: the redirect URL must be http(s)' };
  return { clientId, scopes, redirectUri, state: params.get('state') ?? '' };
}

/** `GET /oauth/v2/authorize`: the install page, where a person picks nothing but says Allow or Cancel. */
export function authorizePage(state: SlackSandboxState, req: SandboxRequest): SandboxResponse {
  const request = readAuthorize(state, req.query);
  if ('error' in request) return errorPage(request.error);
  const hidden = [...req.query].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('\n      ');
  const scopes = request.scopes.map((s) => `<li>${escapeHtml(SCOPE_LABELS[s] ?? s)} <small>(<code>${escapeHtml(s)}</code>)</small></li>`).join('');
  return {
    status: 200,
    html: `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Slack sandbox – install Adloop</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}button{margin-right:1rem;padding:.5rem 1.2rem}</style></head>
<body>
  <main>
    <h1>Slack sandbox</h1>
    <p><strong>Adloop</strong> is requesting permission to access the <strong>${escapeHtml(state.team.name)}</strong> workspace.</p>
    <h2>What will Adloop be able to do?</h2>
    <ul>${scopes}</ul>
    <form method="post" action="/oauth/v2/authorize">
      ${hidden}
      <button type="submit" name="decision" value="allow">Allow</button>
      <button type="submit" name="decision" value="deny">Cancel</button>
    </form>
  </main>
</body>
</html>`,
  };
}

/** `POST /oauth/v2/authorize`: back to the app with `code` (allowed) or `error=access_denied`, and the app's `state`. */
export function authorizeDecision(state: SlackSandboxState, req: SandboxRequest): SandboxResponse {
  const fields = req.form ?? new URLSearchParams();
  const request = readAuthorize(state, fields);
  if ('error' in request) return errorPage(request.error);
  if (!request.redirectUri) return errorPage('bad_redirect_uri: this sandbox needs redirect_uri on the authorize URL');
  const back = new URL(request.redirectUri);
  if (fields.get('decision') !== 'allow') {
    back.searchParams.set('error', 'access_denied');
  } else {
    const code = `${state.team.id}.${randomToken(16)}`;
    state.codes.set(code, { code, clientId: request.clientId, redirectUri: request.redirectUri, scopes: request.scopes, expiresAt: Date.now() + CODE_TTL_MS, used: false });
    back.searchParams.set('code', code);
  }
  back.searchParams.set('state', request.state);
  return redirect(back.toString());
}

function clientCredentials(req: SandboxRequest): { id: string | undefined; secret: string | undefined } {
  const auth = header(req, 'authorization');
  if (auth?.startsWith('Basic ')) {
    const [id, secret] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':');
    return { id, secret };
  }
  return { id: param(req, 'client_id'), secret: param(req, 'client_secret') };
}

/** `oauth.v2.access`: trades a single-use code for a bot token that this sandbox alone accepts. */
export function exchangeCode(state: SlackSandboxState, req: SandboxRequest): SandboxResponse {
  const credentials = clientCredentials(req);
  if (credentials.id !== state.clientId) return slackJson({ ok: false, error: 'invalid_client_id' });
  if (credentials.secret !== state.clientSecret) return slackJson({ ok: false, error: 'bad_client_secret' });
  const grantType = param(req, 'grant_type');
  if (grantType !== undefined && grantType !== 'authorization_code') return slackJson({ ok: false, error: 'invalid_grant_type' });
  const code = state.codes.get(param(req, 'code') ?? '');
  if (!code || code.used || code.expiresAt < Date.now() || code.clientId !== credentials.id) return slackJson({ ok: false, error: 'invalid_code' });
  if ((param(req, 'redirect_uri') ?? null) !== code.redirectUri) return slackJson({ ok: false, error: 'bad_redirect_uri' });
  code.used = true;
  const n = state.tokens.size + 1;
  const token = `xoxb-${state.team.id.slice(1)}-${randomToken(6)}-${randomToken(12)}`;
  const botUserId = 'U0SBXBOT01';
  const botId = 'B0SBXBOT01';
  state.tokens.set(token, { token, teamId: state.team.id, scopes: code.scopes, botUserId, botId, revoked: false });
  return slackJson({
    ok: true, app_id: state.appId, authed_user: { id: `U0SBXUSR${String(n).padStart(2, '0')}` }, scope: code.scopes.join(','), token_type: 'bot',
    access_token: token, bot_user_id: botUserId, team: { id: state.team.id, name: state.team.name }, enterprise: null, is_enterprise_install: false,
  });
}
