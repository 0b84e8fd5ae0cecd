import { ErrorCode, LogLevel, WebClient, type KnownBlock } from '@slack/web-api';
import type { SlackEndpoints } from './slack.endpoints.ts';

/** A Slack answer the caller must act on: Slack's error code, and the wait it asked for on `ratelimited`. */
export class SlackCallError extends Error {
  constructor(
    readonly slackError: string,
    readonly retryAfterSeconds: number | null = null,
    /** True for failures of the connection or Slack's side (5xx) rather than an answer. */
    readonly transient = false,
  ) {
    super(`Slack answered ${slackError}`);
    this.name = 'SlackCallError';
  }
}

/** Codes meaning the token no longer works: the install must be redone. */
export const TOKEN_DEAD = new Set(['token_revoked', 'invalid_auth', 'account_inactive', 'token_expired', 'not_authed', 'missing_scope']);
/** Codes meaning the chosen channel cannot take posts: an admin must pick another. */
export const CHANNEL_DEAD = new Set(['channel_not_found', 'is_archived', 'not_in_channel']);

/**
 * The official client, pointed at the endpoints. Rate limits are not waited out inside the client
 * (`rejectRateLimitedCalls`): the delivery job is retried after Slack's Retry-After instead, so a
 * worker is never held. Network and 5xx failures get two quick retries, then surface.
 */
function client(endpoints: SlackEndpoints, token?: string): WebClient {
  return new WebClient(token, {
    slackApiUrl: endpoints.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    timeout: 15_000,
    logLevel: LogLevel.ERROR,
  });
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const e = error as { code?: string; data?: { error?: string }; retryAfter?: number };
    if (e.code === ErrorCode.PlatformError) throw new SlackCallError(e.data?.error ?? 'unknown_error');
    if (e.code === ErrorCode.RateLimitedError) throw new SlackCallError('ratelimited', e.retryAfter ?? 1, true);
    if (e.code === ErrorCode.HTTPError || e.code === ErrorCode.RequestError) throw new SlackCallError(e.code, null, true);
    throw error;
  }
}

export interface SlackGrant {
  token: string;
  teamId: string;
  teamName: string;
  appId: string;
  botUserId: string;
  scopes: string;
}

export function slackAuthorizeUrl(endpoints: SlackEndpoints, state: string, redirectUri: string, scopes: readonly string[]): string {
  const url = new URL(endpoints.authorizeUrl);
  url.search = new URLSearchParams({ client_id: endpoints.clientId, scope: scopes.join(','), redirect_uri: redirectUri, state }).toString();
  return url.toString();
}

/** `oauth.v2.access`: the install's bot token and workspace. */
export async function exchangeSlackCode(endpoints: SlackEndpoints, code: string, redirectUri: string): Promise<SlackGrant> {
  const answer = await call(() => client(endpoints).oauth.v2.access({ client_id: endpoints.clientId, client_secret: endpoints.clientSecret, code, redirect_uri: redirectUri }));
  if (!answer.access_token || !answer.team?.id) throw new SlackCallError('no_bot_token');
  return { token: answer.access_token, teamId: answer.team.id, teamName: answer.team.name ?? answer.team.id, appId: answer.app_id ?? '', botUserId: answer.bot_user_id ?? '', scopes: answer.scope ?? '' };
}

/** Every channel the bot can post to (public ones, and private ones it was invited to), following cursors. */
export async function listSlackChannels(endpoints: SlackEndpoints, token: string): Promise<{ id: string; name: string; isPrivate: boolean }[]> {
  const channels: { id: string; name: string; isPrivate: boolean }[] = [];
  const slack = client(endpoints, token);
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const answer = await call(() => slack.conversations.list({ types: 'public_channel,private_channel', exclude_archived: true, limit: 200, ...(cursor ? { cursor } : {}) }));
    for (const c of answer.channels ?? []) if (c.id && c.name) channels.push({ id: c.id, name: c.name, isPrivate: c.is_private === true });
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return channels.sort((a, b) => a.name.localeCompare(b.name));
}

export async function postSlackMessage(endpoints: SlackEndpoints, token: string, message: { channel: string; text: string; blocks: KnownBlock[] }): Promise<{ channel: string; ts: string }> {
  const answer = await call(() => client(endpoints, token).chat.postMessage(message));
  return { channel: answer.channel ?? message.channel, ts: answer.ts ?? '' };
}

/** `auth.revoke` on uninstall; Slack's refusal (already revoked) is fine. */
export async function revokeSlackToken(endpoints: SlackEndpoints, token: string): Promise<void> {
  await call(() => client(endpoints, token).auth.revoke()).catch(() => undefined);
}
