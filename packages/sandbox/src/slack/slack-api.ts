import { header, param, type SandboxRequest, type SandboxResponse } from '../http/http.types.ts';
import { slackJson } from './slack-reply.ts';
import { parseBlocks } from './slack-blocks.ts';
import { exchangeCode } from './slack-oauth.ts';
import { findChannel, nextTs, type IssuedToken, type SlackChannel, type SlackSandboxState } from './slack-state.ts';

type Body = Record<string, unknown>;
const MAX_TEXT = 40_000;

const fail = (error: string, extra: Body = {}): SandboxResponse => slackJson({ ok: false, error, ...extra });

function bearer(req: SandboxRequest): string | undefined {
  const auth = header(req, 'authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return param(req, 'token');
}

/** The token's record, or the Slack error a caller without a good token gets. */
function authenticate(state: SlackSandboxState, req: SandboxRequest): IssuedToken | SandboxResponse {
  const token = bearer(req);
  if (!token) return fail('not_authed');
  const issued = state.tokens.get(token);
  if (!issued) return fail('invalid_auth');
  if (issued.revoked) return fail('token_revoked');
  return issued;
}

function channelView(c: SlackChannel) {
  return {
    id: c.id, name: c.name, name_normalized: c.name, is_channel: !c.isPrivate, is_group: c.isPrivate, is_im: false, is_mpim: false,
    is_private: c.isPrivate, created: c.created, is_archived: c.isArchived, is_general: c.isGeneral, is_shared: false, is_org_shared: false,
    is_ext_shared: false, is_pending_ext_shared: false, is_member: c.botIsMember, creator: 'U0SBXOWNER', unlinked: 0, context_team_id: 'T0SANDBOX1',
    topic: { value: c.topic, creator: '', last_set: 0 }, purpose: { value: c.purpose, creator: 'U0SBXOWNER', last_set: c.created },
    previous_names: [], num_members: c.numMembers,
  };
}

const encodeCursor = (index: number) => Buffer.from(`dGVhbTpD:${index}`).toString('base64');
function decodeCursor(cursor: string): number | null {
  const match = /^dGVhbTpD:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : null;
}

function conversationsList(state: SlackSandboxState, req: SandboxRequest, token: IssuedToken): SandboxResponse {
  const types = (param(req, 'types') ?? 'public_channel').split(',').map((t) => t.trim()).filter(Boolean);
  const known = ['public_channel', 'private_channel', 'mpim', 'im'];
  if (types.some((t) => !known.includes(t))) return fail('invalid_types');
  if (types.includes('private_channel') && !token.scopes.includes('groups:read')) return fail('missing_scope', { needed: 'groups:read', provided: token.scopes.join(',') });
  if (types.includes('public_channel') && !token.scopes.includes('channels:read')) return fail('missing_scope', { needed: 'channels:read', provided: token.scopes.join(',') });
  const excludeArchived = ['true', '1'].includes(param(req, 'exclude_archived') ?? '');
  const rawLimit = Number(param(req, 'limit') ?? 100);
  const limit = Number.isFinite(rawLimit) && rawLimit > 0 ? Math.min(Math.floor(rawLimit), 999) : 100;
  const cursor = param(req, 'cursor');
  const start = cursor ? decodeCursor(cursor) : 0;
  if (start === null) return fail('invalid_cursor');
  const visible = state.channels.filter((c) => (c.isPrivate ? types.includes('private_channel') && c.botIsMember : types.includes('public_channel')) && !(excludeArchived && c.isArchived));
  // Like Slack, a page may hold fewer than `limit` before the end: pages stop at 5 here.
  const end = Math.min(start + Math.min(limit, 5), visible.length);
  const page = visible.slice(start, end);
  return slackJson({ ok: true, channels: page.map(channelView), response_metadata: { next_cursor: end < visible.length ? encodeCursor(end) : '' } }, token.scopes);
}

function postMessage(state: SlackSandboxState, req: SandboxRequest, token: IssuedToken): SandboxResponse {
  if (!token.scopes.includes('chat:write')) return fail('missing_scope', { needed: 'chat:write', provided: token.scopes.join(',') });
  const channelArg = param(req, 'channel');
  if (!channelArg) return fail('channel_not_found');
  const channel = findChannel(state, channelArg);
  if (!channel || (channel.isPrivate && !channel.botIsMember)) return fail('channel_not_found');
  if (channel.isArchived) return fail('is_archived');
  if (!channel.botIsMember && !token.scopes.includes('chat:write.public')) return fail('not_in_channel');
  const parsed = parseBlocks(req.form ? req.form.get('blocks') : (req.json as Body | undefined)?.blocks);
  if ('error' in parsed) return fail(parsed.error, { response_metadata: { messages: parsed.messages } });
  const text = (param(req, 'text') ?? '').slice(0, MAX_TEXT);
  if (!text && !parsed.blocks) return fail('no_text');
  const message = { channel: channel.id, ts: nextTs(state), text, blocks: parsed.blocks, botId: token.botId, teamId: token.teamId };
  state.messages.push(message);
  return slackJson({
    ok: true, channel: channel.id, ts: message.ts,
    message: { type: 'message', subtype: 'bot_message', text, bot_id: token.botId, user: token.botUserId, app_id: state.appId, ts: message.ts, team: token.teamId, ...(parsed.blocks ? { blocks: parsed.blocks } : {}) },
  }, token.scopes);
}

function argsOf(req: SandboxRequest): Record<string, string> {
  const args: Record<string, string> = {};
  for (const [k, v] of req.query) args[k] = v;
  for (const [k, v] of req.form ?? []) if (k !== 'token') args[k] = v;
  return args;
}

/** Takes one forced failure for the method, if any is queued. */
function takeForced(state: SlackSandboxState, method: string): SandboxResponse | null {
  const forced = state.forced.find((f) => f.method === method || f.method === '*');
  if (!forced) return null;
  forced.remaining -= 1;
  if (forced.remaining <= 0) state.forced.splice(state.forced.indexOf(forced), 1);
  if (forced.error === 'ratelimited') {
    return { status: 429, json: { ok: false, error: 'ratelimited' }, headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(forced.retryAfterSeconds) } };
  }
  return fail(forced.error);
}

/** `POST|GET /api/<method>`: the Web API methods the product uses. */
export async function handleApi(state: SlackSandboxState, req: SandboxRequest): Promise<SandboxResponse> {
  const method = req.params.method ?? '';
  const out = await answer(state, req, method);
  const body = (out.json ?? {}) as Body;
  state.calls.push({ method, ok: body.ok === true, error: typeof body.error === 'string' ? body.error : null, status: out.status });
  return out;
}

function answer(state: SlackSandboxState, req: SandboxRequest, method: string): SandboxResponse | Promise<SandboxResponse> {
  const forced = takeForced(state, method);
  if (forced) return forced;
  if (method === 'api.test') {
    const args = argsOf(req);
    return args.error ? slackJson({ ok: false, error: args.error, args }) : slackJson({ ok: true, args });
  }
  if (method === 'oauth.v2.access') return exchangeCode(state, req);
  const known = ['auth.test', 'auth.revoke', 'conversations.list', 'chat.postMessage'];
  if (!known.includes(method)) return fail('unknown_method');
  const token = authenticate(state, req);
  if ('status' in token) return token;
  switch (method) {
    case 'auth.test':
      return slackJson({ ok: true, url: `https://${state.team.domain}.slack.com/`, team: state.team.name, user: 'adloop', team_id: token.teamId, user_id: token.botUserId, bot_id: token.botId, is_enterprise_install: false }, token.scopes);
    case 'auth.revoke':
      if (!['true', '1'].includes(param(req, 'test') ?? '')) token.revoked = true;
      return slackJson({ ok: true, revoked: true });
    case 'conversations.list':
      return conversationsList(state, req, token);
    default:
      return postMessage(state, req, token);
  }
}
