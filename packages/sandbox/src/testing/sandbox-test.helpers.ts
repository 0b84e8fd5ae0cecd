import { DEFAULT_SETTINGS } from '../sandbox-options.ts';

export const TEST_START = Date.parse('2026-06-15T12:00:00Z');
export const REDIRECT = 'http://127.0.0.1:9/callback';

/** Submits a consent form like a browser would (no redirect following). */
export async function submitConsent(url: string, fields: Record<string, string>, accounts: string[], decision: 'allow' | 'deny'): Promise<URL> {
  const form = new URLSearchParams(fields);
  accounts.forEach((a) => form.append('account', a));
  form.set('decision', decision);
  const res = await fetch(url, { method: 'POST', body: form, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  if (res.status !== 302) throw new Error(`consent answered ${res.status}: ${await res.text()}`);
  return new URL(res.headers.get('location') ?? '');
}

/** Google: consent + code exchange → tokens. */
export async function googleTokens(base: string, accounts: string[]): Promise<{ access_token: string; refresh_token: string }> {
  const s = DEFAULT_SETTINGS.google;
  const fields = {
    client_id: s.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'https://www.googleapis.com/auth/adwords', state: 'xyz', access_type: 'offline',
  };
  const back = await submitConsent(`${base}/o/oauth2/v2/auth`, fields, accounts, 'allow');
  const res = await fetch(`${base}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', client_id: s.clientId, client_secret: s.clientSecret, redirect_uri: REDIRECT }),
  });
  const body: unknown = await res.json();
  return body as { access_token: string; refresh_token: string };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, body: await res.json() };
}

/** Reads a nested property path from parsed JSON (test convenience). */
export function at(value: unknown, ...path: Array<string | number>): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Reflect.get(node, key);
  }
  return node;
}

/** TikTok: portal consent + auth_code exchange → `{access_token, advertiser_ids, scope}` (the envelope's data). */
export async function tiktokToken(base: string, advertisers: string[]): Promise<{ access_token: string; advertiser_ids: string[]; scope: number[] }> {
  const s = DEFAULT_SETTINGS.tiktok;
  const back = await submitConsent(`${base}/portal/auth`, { app_id: s.appId, redirect_uri: REDIRECT, state: 'tt' }, advertisers, 'allow');
  const res = await postJson(`${base}/open_api/v1.3/oauth2/access_token/`, { app_id: s.appId, secret: s.secret, auth_code: back.searchParams.get('auth_code') ?? '' });
  return at(res.body, 'data') as { access_token: string; advertiser_ids: string[]; scope: number[] };
}

/** TikTok GET with JSON-encoded arrays/objects in the query and the Access-Token header. */
export async function tiktokGet(base: string, path: string, token: string, params: Record<string, unknown>): Promise<unknown> {
  const url = new URL(`${base}/open_api/v1.3/${path}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  const res = await fetch(url, { headers: { 'Access-Token': token } });
  return res.json();
}
