import { startHttpServer } from '../http/http-server.ts';
import { json, type SandboxRequest } from '../http/http.types.ts';
import { dispatch, route } from '../http/router.ts';
import { handleApi } from './slack-api.ts';
import { clearMessages, forceFailure, revokeTokens, slackStateView } from './slack-control.api.ts';
import { authorizeDecision, authorizePage } from './slack-oauth.ts';
import { messagesPage } from './slack-page.ts';
import { createSlackState, type SlackSandboxState } from './slack-state.ts';

export interface SlackSandboxUrls {
  /** The `@slack/web-api` client's `slackApiUrl` (ends in `/api/`). */
  api: string;
  /** Where "Add to Slack" sends people (`/oauth/v2/authorize`). */
  authorize: string;
  /** The page listing what was posted, per channel. */
  page: string;
  /** `/sandbox/state`, `/sandbox/fail`, `/sandbox/revoke`, `/sandbox/messages` live under this. */
  control: string;
}

export interface StartSlackSandboxOptions {
  port?: number;
  host?: string;
  /** The one app the sandbox knows (defaults: SLACK_SANDBOX_CLIENT_ID / _SECRET). */
  clientId?: string;
  clientSecret?: string;
}

export interface RunningSlackSandbox {
  urls: SlackSandboxUrls;
  state: SlackSandboxState;
  close(): Promise<void>;
}

/**
 * A Slack workspace on one HTTP server: the Web API wire format (`POST /api/<method>`, form or
 * JSON bodies, errors as HTTP 200 `{ok:false}`, 429 `ratelimited` with `Retry-After`), the OAuth v2
 * install page, a page of what was posted, and a control API to revoke tokens or force failures.
 */
export async function startSlackSandbox(options: StartSlackSandboxOptions = {}): Promise<RunningSlackSandbox> {
  const state = createSlackState({ ...(options.clientId ? { clientId: options.clientId } : {}), ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}) });
  const routes = [
    route('POST', /^\/api\/(?<method>[A-Za-z0-9.]+)$/, (req) => handleApi(state, req)),
    route('GET', /^\/api\/(?<method>[A-Za-z0-9.]+)$/, (req) => handleApi(state, req)),
    route('GET', /^\/oauth\/v2\/authorize$/, (req) => authorizePage(state, req)),
    route('POST', /^\/oauth\/v2\/authorize$/, (req) => authorizeDecision(state, req)),
    route('GET', /^\/$/, () => messagesPage(state)),
    route('GET', /^\/sandbox\/state$/, () => json(200, slackStateView(state))),
    route('POST', /^\/sandbox\/fail$/, (req) => forceFailure(state, req)),
    route('POST', /^\/sandbox\/revoke$/, (req) => revokeTokens(state, req)),
    route('DELETE', /^\/sandbox\/messages$/, () => clearMessages(state)),
  ];
  const server = await startHttpServer({
    port: options.port ?? 0,
    host: options.host,
    handle: async (req: SandboxRequest) => dispatch(routes, req, (methodNotAllowed) => json(methodNotAllowed ? 405 : 404, { ok: false, error: methodNotAllowed ? 'method_not_allowed' : 'unknown_method' })),
  });
  const base = server.localUrl;
  return { urls: { api: `${base}/api/`, authorize: `${base}/oauth/v2/authorize`, page: `${base}/`, control: `${base}/sandbox` }, state, close: () => server.close() };
}
