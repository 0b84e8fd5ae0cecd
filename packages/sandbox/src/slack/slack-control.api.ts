import { json, type SandboxRequest, type SandboxResponse } from '../http/http.types.ts';
import type { SlackSandboxState } from './slack-state.ts';

const bad = (field: string, message: string): SandboxResponse => json(400, { error: { field, message } });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function slackStateView(state: SlackSandboxState) {
  return {
    team: state.team,
    channels: state.channels.map((c) => ({ id: c.id, name: c.name, isPrivate: c.isPrivate, isArchived: c.isArchived, botIsMember: c.botIsMember })),
    messages: state.messages,
    tokens: [...state.tokens.values()].map((t) => ({ tokenEnd: t.token.slice(-6), teamId: t.teamId, scopes: t.scopes, revoked: t.revoked })),
    forced: state.forced,
    calls: state.calls,
  };
}

/**
 * `POST /sandbox/fail {method, error?, count?, retryAfterSeconds?}`: the next `count` calls to `method`
 * (`*` = any) answer `error`; `ratelimited` (the default) is an HTTP 429 with `Retry-After`.
 */
export function forceFailure(state: SlackSandboxState, req: SandboxRequest): SandboxResponse {
  const body = isObject(req.json) ? req.json : {};
  const { method, error = 'ratelimited', count = 1, retryAfterSeconds = 1 } = body;
  if (typeof method !== 'string' || !/^(\*|[a-z]+(\.[a-zA-Z0-9]+)+)$/.test(method)) return bad('method', 'method must be a Web API method name like chat.postMessage, or *');
  if (typeof error !== 'string' || !/^[a-z_]+$/.test(error)) return bad('error', 'error must be a Slack error code like ratelimited or channel_not_found');
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000) return bad('count', 'count must be a whole number from 1 to 1000');
  if (typeof retryAfterSeconds !== 'number' || !Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0 || retryAfterSeconds > 3600) return bad('retryAfterSeconds', 'retryAfterSeconds must be a whole number from 0 to 3600');
  state.forced.push({ method, error, remaining: count, retryAfterSeconds });
  return json(200, slackStateView(state));
}

/** `POST /sandbox/revoke {team?}`: every token of the workspace answers `token_revoked` from now on (the app was removed). */
export function revokeTokens(state: SlackSandboxState, req: SandboxRequest): SandboxResponse {
  const body = isObject(req.json) ? req.json : {};
  const team = body.team ?? state.team.id;
  if (typeof team !== 'string') return bad('team', 'team must be a workspace id');
  let revoked = 0;
  for (const token of state.tokens.values()) {
    if (token.teamId === team && !token.revoked) {
      token.revoked = true;
      revoked += 1;
    }
  }
  return json(200, { revoked });
}

/** `DELETE /sandbox/messages`: forgets what was posted (tests start clean). */
export function clearMessages(state: SlackSandboxState): SandboxResponse {
  state.messages.length = 0;
  state.calls.length = 0;
  state.forced.length = 0;
  return json(200, { cleared: true });
}
