import { ErrorCode, WebClient, WebClientEvent, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitConsentForm } from '../oauth/consent-client.ts';
import { startSlackSandbox, type RunningSlackSandbox } from './slack-sandbox.ts';
import { SLACK_SANDBOX_CLIENT_ID, SLACK_SANDBOX_CLIENT_SECRET } from './slack-state.ts';

const REDIRECT = 'http://localhost:3000/api/slack/callback';
const SCOPES = 'chat:write,chat:write.public,channels:read,groups:read';

async function platformError(call: Promise<unknown>): Promise<WebAPIPlatformError> {
  const error: unknown = await call.then(() => null, (e: unknown) => e);
  expect(error).toMatchObject({ code: ErrorCode.PlatformError });
  return error as WebAPIPlatformError;
}

describe('the official @slack/web-api client against the Slack sandbox, unmodified', () => {
  let sb: RunningSlackSandbox;
  let anonymous: WebClient;
  let token: string;
  let bot: WebClient;

  const install = async (redirect = REDIRECT) => {
    const url = new URL(sb.urls.authorize);
    url.search = new URLSearchParams({ client_id: SLACK_SANDBOX_CLIENT_ID, scope: SCOPES, redirect_uri: redirect, state: 'abc' }).toString();
    const consent = await submitConsentForm(url.toString(), [], 'allow');
    if (!consent.code) throw new Error(`no code: ${consent.error}`);
    return consent.code;
  };

  beforeAll(async () => {
    sb = await startSlackSandbox();
    anonymous = new WebClient(undefined, { slackApiUrl: sb.urls.api });
    const code = await install();
    const access = await anonymous.oauth.v2.access({ client_id: SLACK_SANDBOX_CLIENT_ID, client_secret: SLACK_SANDBOX_CLIENT_SECRET, code, redirect_uri: REDIRECT });
    expect(access).toMatchObject({ ok: true, token_type: 'bot', scope: SCOPES, team: { id: 'T0SANDBOX1' }, bot_user_id: expect.stringMatching(/^U/), app_id: expect.stringMatching(/^A/) });
    expect(access.incoming_webhook).toBeUndefined();
    token = access.access_token ?? '';
    expect(token).toMatch(/^xoxb-/);
    bot = new WebClient(token, { slackApiUrl: sb.urls.api });
  });
  afterAll(() => sb.close());

  it('api.test echoes its arguments, and answers the error it is asked for as a platform error', async () => {
    expect(await anonymous.apiCall('api.test', { foo: 'bar' })).toMatchObject({ ok: true, args: { foo: 'bar' } });
    const error = await platformError(anonymous.api.test({ error: 'my_error' }));
    expect(error.data).toMatchObject({ ok: false, error: 'my_error' });
  });

  it('oauth.v2.access: codes are single use, bound to the redirect URL and the client secret', async () => {
    const code = await install();
    expect((await platformError(anonymous.oauth.v2.access({ client_id: SLACK_SANDBOX_CLIENT_ID, client_secret: 'wrong', code, redirect_uri: REDIRECT }))).data.error).toBe('bad_client_secret');
    expect((await platformError(anonymous.oauth.v2.access({ client_id: SLACK_SANDBOX_CLIENT_ID, client_secret: SLACK_SANDBOX_CLIENT_SECRET, code, redirect_uri: 'http://elsewhere.test/cb' }))).data.error).toBe('bad_redirect_uri');
    await anonymous.oauth.v2.access({ client_id: SLACK_SANDBOX_CLIENT_ID, client_secret: SLACK_SANDBOX_CLIENT_SECRET, code, redirect_uri: REDIRECT });
    expect((await platformError(anonymous.oauth.v2.access({ client_id: SLACK_SANDBOX_CLIENT_ID, client_secret: SLACK_SANDBOX_CLIENT_SECRET, code, redirect_uri: REDIRECT }))).data.error).toBe('invalid_code');
    const denied = new URL(sb.urls.authorize);
    denied.search = new URLSearchParams({ client_id: SLACK_SANDBOX_CLIENT_ID, scope: SCOPES, redirect_uri: REDIRECT, state: 's1' }).toString();
    expect(await submitConsentForm(denied.toString(), [], 'deny')).toEqual({ code: null, error: 'access_denied' });
  });

  it('auth.test names the workspace and bot; tokens the sandbox never issued are invalid_auth, none is not_authed', async () => {
    expect(await bot.auth.test()).toMatchObject({ ok: true, team_id: 'T0SANDBOX1', team: 'Adloop Sandbox Workspace', bot_id: expect.stringMatching(/^B/), url: expect.stringMatching(/^https:\/\//) });
    const stranger = new WebClient('xoxb-1-made-up', { slackApiUrl: sb.urls.api });
    expect((await platformError(stranger.auth.test())).data.error).toBe('invalid_auth');
    expect((await platformError(anonymous.auth.test())).data.error).toBe('not_authed');
  });

  it('conversations.list pages with next_cursor ("" on the last page) and paginate() gathers every channel', async () => {
    const first = await bot.conversations.list({ limit: 3, exclude_archived: true });
    expect(first.channels).toHaveLength(3);
    expect(first.response_metadata?.next_cursor).toBeTruthy();
    const names: string[] = [];
    for await (const page of bot.paginate('conversations.list', { exclude_archived: true, types: 'public_channel,private_channel', limit: 200 })) {
      for (const c of (page as { channels?: { name?: string }[] }).channels ?? []) names.push(c.name ?? '');
    }
    expect(names).toContain('marketing-alerts');
    expect(names).toContain('leadership');
    expect(names).not.toContain('old-campaigns');
    expect(names).not.toContain('hr-private');
    expect(new Set(names).size).toBe(names.length);
    const last = await bot.conversations.list({ cursor: first.response_metadata?.next_cursor ?? '', limit: 999 });
    expect(last.response_metadata?.next_cursor === '' || typeof last.response_metadata?.next_cursor === 'string').toBe(true);
    expect((await platformError(bot.conversations.list({ cursor: 'bm9wZQ==' }))).data.error).toBe('invalid_cursor');
  });

  it('chat.postMessage stores the Block Kit blocks sent as a form field and answers a string ts', async () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Anomaly: spend up 80 %' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*Search – Brand* spent *$812* against $450 expected.' } },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Adloop' }, url: 'http://localhost:3000/anomalies/1', action_id: 'open' }] },
    ];
    const posted = await bot.chat.postMessage({ channel: '#marketing-alerts', text: 'Anomaly: spend up 80 %', blocks });
    expect(posted).toMatchObject({ ok: true, channel: 'C0SBX0002', message: { text: 'Anomaly: spend up 80 %', blocks } });
    expect(posted.ts).toMatch(/^\d+\.\d{6}$/);
    const stored = sb.state.messages.find((m) => m.ts === posted.ts);
    expect(stored?.blocks).toEqual(blocks);
    const page = await (await fetch(sb.urls.page)).text();
    expect(page).toContain('<strong>Search – Brand</strong>');
    expect(page).toContain('href="http://localhost:3000/anomalies/1"');
  });

  it('chat.postMessage errors: unknown or unseen private channel, archived channel, bad blocks, no text', async () => {
    expect((await platformError(bot.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).data.error).toBe('channel_not_found');
    expect((await platformError(bot.chat.postMessage({ channel: 'G0SBX0002', text: 'x' }))).data.error).toBe('channel_not_found');
    expect((await platformError(bot.chat.postMessage({ channel: 'C0SBX9001', text: 'x' }))).data.error).toBe('is_archived');
    const invalid = await platformError(bot.chat.postMessage({ channel: 'C0SBX0001', text: 'x', blocks: [{ type: 'section' }] }));
    expect(invalid.data.error).toBe('invalid_blocks');
    expect(invalid.data.response_metadata?.messages?.[0]).toContain('/blocks/0');
    expect((await platformError(bot.chat.postMessage({ channel: 'C0SBX0001', text: '' }))).data.error).toBe('no_text');
  });

  it('a forced ratelimited answers 429 with Retry-After: the client waits and retries, and the message lands once', async () => {
    const before = sb.state.messages.length;
    await fetch(`${sb.urls.control}/fail`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method: 'chat.postMessage', retryAfterSeconds: 1 }) });
    let rateLimitedEvents = 0;
    bot.on(WebClientEvent.RATE_LIMITED, () => { rateLimitedEvents += 1; });
    const started = Date.now();
    const posted = await bot.chat.postMessage({ channel: 'C0SBX0003', text: 'after a pause' });
    expect(posted.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(rateLimitedEvents).toBe(1);
    expect(sb.state.messages.length).toBe(before + 1);
    expect(sb.state.calls.filter((c) => c.method === 'chat.postMessage').slice(-2).map((c) => c.status)).toEqual([429, 200]);
  });

  it('with rejectRateLimitedCalls the client throws slack_webapi_rate_limited_error carrying retryAfter', async () => {
    await fetch(`${sb.urls.control}/fail`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method: 'chat.postMessage', retryAfterSeconds: 7 }) });
    const strict = new WebClient(token, { slackApiUrl: sb.urls.api, rejectRateLimitedCalls: true });
    const error: unknown = await strict.chat.postMessage({ channel: 'C0SBX0003', text: 'x' }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
  });

  it('after the app is removed (control API) every call with its token is token_revoked', async () => {
    const code = await install();
    const access = await anonymous.oauth.v2.access({ client_id: SLACK_SANDBOX_CLIENT_ID, client_secret: SLACK_SANDBOX_CLIENT_SECRET, code, redirect_uri: REDIRECT });
    const doomed = new WebClient(access.access_token, { slackApiUrl: sb.urls.api });
    await doomed.auth.test();
    const revoked = await fetch(`${sb.urls.control}/revoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(((await revoked.json()) as { revoked: number }).revoked).toBeGreaterThanOrEqual(1);
    expect((await platformError(doomed.chat.postMessage({ channel: 'C0SBX0001', text: 'x' }))).data.error).toBe('token_revoked');
  });
});
