import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../control/start-sandbox.ts';
import { DEFAULT_SETTINGS } from '../../sandbox-options.ts';
import { at, postJson, REDIRECT, submitConsent, TEST_START, tiktokGet, tiktokToken } from '../../testing/sandbox-test.helpers.ts';

let sandbox: RunningSandbox;
let t: string;
let advertisers: string[];
const s = DEFAULT_SETTINGS.tiktok;
const api = (path: string): string => `${t}/open_api/v1.3/${path}`;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, clock: TEST_START });
  t = sandbox.urls.tiktok;
  advertisers = [...sandbox.simulator.world().platforms.tiktok.accounts.values()].filter((a) => !a.isManager).map((a) => a.id);
});
afterAll(async () => sandbox.close());

describe('TikTok sandbox: authorization', () => {
  it('shows a portal consent page listing the seeded advertisers', async () => {
    const res = await fetch(`${t}/portal/auth?app_id=${s.appId}&state=abc&redirect_uri=${encodeURIComponent(REDIRECT)}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    advertisers.forEach((id) => expect(html).toContain(id));
    expect((await fetch(`${t}/portal/auth?app_id=999&redirect_uri=${encodeURIComponent(REDIRECT)}`)).status).toBe(400);
  });

  it('redirects with error=access_denied and the state when the person denies', async () => {
    const back = await submitConsent(`${t}/portal/auth`, { app_id: s.appId, redirect_uri: REDIRECT, state: 'st1' }, [], 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st1');
    expect(back.searchParams.get('auth_code')).toBeNull();
  });

  it('exchanges a single-use auth_code for a non-expiring advertiser token', async () => {
    const back = await submitConsent(`${t}/portal/auth`, { app_id: s.appId, redirect_uri: REDIRECT, state: 'st2' }, [advertisers[0] ?? ''], 'allow');
    const code = back.searchParams.get('auth_code') ?? '';
    expect(back.searchParams.get('code')).toBe(code);
    expect(back.searchParams.get('state')).toBe('st2');
    const wrongSecret = await postJson(api('oauth2/access_token/'), { app_id: s.appId, secret: 'nope', auth_code: code });
    expect(at(wrongSecret.body, 'code')).toBe(40101);
    const first = await postJson(api('oauth2/access_token/'), { app_id: s.appId, secret: s.secret, auth_code: code });
    expect(first.status).toBe(200);
    expect(at(first.body, 'code')).toBe(0);
    expect(at(first.body, 'data', 'advertiser_ids')).toEqual([advertisers[0]]);
    expect(typeof at(first.body, 'data', 'scope', 0)).toBe('number');
    expect(at(first.body, 'data', 'expires_in')).toBeUndefined();
    expect(at(first.body, 'data', 'refresh_token')).toBeUndefined();
    const reused = await postJson(api('oauth2/access_token/'), { app_id: s.appId, secret: s.secret, auth_code: code });
    expect(reused.status).toBe(200);
    expect(at(reused.body, 'code')).toBe(40110);
    const token = String(at(first.body, 'data', 'access_token'));
    await postJson(`${sandbox.urls.control}/control/clock/advance`, { days: 400 });
    const list = await tiktokGet(t, 'oauth2/advertiser/get/', token, { app_id: s.appId, secret: s.secret });
    expect(at(list, 'code')).toBe(0);
    expect(at(list, 'data', 'list', 0, 'advertiser_id')).toBe(advertisers[0]);
  });

  it('rejects an expired auth_code with 40110', async () => {
    const back = await submitConsent(`${t}/portal/auth`, { app_id: s.appId, redirect_uri: REDIRECT }, [advertisers[0] ?? ''], 'allow');
    await postJson(`${sandbox.urls.control}/control/clock/advance`, { hours: 2 });
    const res = await postJson(api('oauth2/access_token/'), { app_id: s.appId, secret: s.secret, auth_code: back.searchParams.get('auth_code') });
    expect(at(res.body, 'code')).toBe(40110);
  });

  it('checks the Access-Token header and advertiser coverage, always with HTTP 200', async () => {
    const { access_token: token } = await tiktokToken(t, [advertisers[0] ?? '']);
    const missing = await fetch(api(`campaign/get/?advertiser_id=${advertisers[0]}`));
    expect(missing.status).toBe(200);
    expect(at(await missing.json(), 'code')).toBe(40104);
    const bearer = await fetch(api(`campaign/get/?advertiser_id=${advertisers[0]}`), { headers: { authorization: `Bearer ${token}` } });
    expect(at(await bearer.json(), 'code')).toBe(40104);
    expect(at(await tiktokGet(t, 'campaign/get/', 'not-a-token', { advertiser_id: advertisers[0] }), 'code')).toBe(40105);
    const other = await tiktokGet(t, 'campaign/get/', token, { advertiser_id: advertisers[1] });
    expect(at(other, 'code')).toBe(40106);
    expect(at(other, 'request_id')).toMatch(/^\d{14}[0-9A-F]+$/);
    expect(at(other, 'data')).toEqual({});
  });

  it('answers 404 without the trailing slash and 405 for the wrong method', async () => {
    expect((await fetch(api('campaign/get'))).status).toBe(404);
    expect((await fetch(api('campaign/create/'))).status).toBe(405);
    expect(at(await (await fetch(api('creative/asset/get/'))).json(), 'code')).toBe(40008);
  });

  it('revokes a token through oauth2/revoke_token/', async () => {
    const { access_token: token } = await tiktokToken(t, advertisers);
    const revoked = await postJson(api('oauth2/revoke_token/'), { app_id: s.appId, secret: s.secret, access_token: token });
    expect(at(revoked.body, 'code')).toBe(0);
    expect(at(await tiktokGet(t, 'advertiser/info/', token, { advertiser_ids: advertisers }), 'code')).toBe(40105);
  });
});
