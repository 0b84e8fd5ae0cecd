import type { SandboxResponse } from '../http/http.types.ts';

type Body = Record<string, unknown>;

/** Slack answers every API outcome, errors included, as HTTP 200 JSON; only rate limits are 429. */
export function slackJson(body: Body, scopes?: string[]): SandboxResponse {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (scopes) headers['x-oauth-scopes'] = scopes.join(',');
  return { status: 200, json: body, headers };
}

