import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../control/start-sandbox.ts';
import { subjectOf } from '../../oauth/identity-picker.ts';
import { DEFAULT_SETTINGS } from '../../sandbox-options.ts';
import { REDIRECT, submitConsent, TEST_START } from '../../testing/sandbox-test.helpers.ts';

let sandbox: RunningSandbox;
let g: string;
const s = DEFAULT_SETTINGS.google;
const signInFields = (extra: Record<string, string> = {}) => ({
  client_id: s.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid email profile', state: 'st', nonce: 'n-123', ...extra,
});

async function exchange(code: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${g}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: s.clientId, client_secret: s.clientSecret, redirect_uri: REDIRECT }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, clock: TEST_START });
  g = sandbox.urls.googleAds;
});
afterAll(async () => sandbox.close());

describe('Google sandbox: OpenID Connect', () => {
  it('publishes discovery and a JWKS on its own origin', async () => {
    const config = (await (await fetch(`${g}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(config.issuer).toBe(g);
    expect(config.jwks_uri).toBe(`${g}/oauth2/v3/certs`);
    const jwks = (await (await fetch(`${g}/oauth2/v3/certs`)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('offers a choice of identity on the consent page and no ad accounts for sign-in only', async () => {
    const html = await (await fetch(`${g}/o/oauth2/v2/auth?${new URLSearchParams(signInFields()).toString()}`)).text();
    expect(html).toContain('Choose an account');
    expect(html).toContain('name="other_email"');
    expect(html).not.toContain('Accounts to share');
  });

  it('issues an RS256 id_token for the typed identity, verifiable with the JWKS, and answers userinfo', async () => {
    const back = await submitConsent(`${g}/o/oauth2/v2/auth`, { ...signInFields(), identity: 'other', other_email: 'Pat.Kim@Example.com', other_name: 'Pat Kim', other_verified: 'yes' }, [], 'allow');
    expect(back.searchParams.get('state')).toBe('st');
    const tokens = await exchange(back.searchParams.get('code') ?? '');
    expect(tokens.status).toBe(200);
    const { payload, protectedHeader } = await jwtVerify(String(tokens.body.id_token), createRemoteJWKSet(new URL(`${g}/oauth2/v3/certs`)), { issuer: g, audience: s.clientId });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ sub: subjectOf('pat.kim@example.com'), email: 'pat.kim@example.com', email_verified: true, name: 'Pat Kim', nonce: 'n-123' });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(s.accessTokenTtlSeconds);
    const info = await fetch(`${g}/oauth2/v3/userinfo`, { headers: { authorization: `Bearer ${String(tokens.body.access_token)}` } });
    expect(await info.json()).toEqual({ sub: payload.sub, email: 'pat.kim@example.com', email_verified: true, name: 'Pat Kim' });
  });

  it('refuses a consent without a usable identity', async () => {
    const res = await fetch(`${g}/o/oauth2/v2/auth`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...signInFields(), identity: 'other', other_email: 'not-an-email', decision: 'allow' }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Enter an email address');
  });

  it('issues no id_token for an ads-only grant, and userinfo refuses its token', async () => {
    const back = await submitConsent(`${g}/o/oauth2/v2/auth`, { ...signInFields({ scope: 'https://www.googleapis.com/auth/adwords' }) }, [], 'allow');
    const tokens = await exchange(back.searchParams.get('code') ?? '');
    expect(tokens.body).not.toHaveProperty('id_token');
    const info = await fetch(`${g}/oauth2/v3/userinfo`, { headers: { authorization: `Bearer ${String(tokens.body.access_token)}` } });
    expect(info.status).toBe(403);
    expect((await fetch(`${g}/oauth2/v3/userinfo`)).status).toBe(401);
  });
});
