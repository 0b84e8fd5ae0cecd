import type { TestClient, TestResponse } from './http-client.ts';

export interface GoogleAccount {
  email: string;
  name: string;
  /** Default true: Google has verified the address. */
  verified?: boolean;
}

/**
 * "Continue with Google" as a browser does it: Adloop's start route, the Google sandbox's consent
 * page (typing the account to sign in as), and back to Adloop's callback with the same cookies.
 * `tamper` edits the authorization URL before the consent page sees it; `callbackClient` lets
 * another browser land on the callback.
 */
export async function continueWithGoogle(
  client: TestClient,
  account: GoogleAccount,
  options: { tamper?: (authorizeUrl: URL) => void; callbackClient?: TestClient; redirect?: string; intent?: 'link' } = {},
): Promise<{ landed: TestResponse; location: string; authorizeUrl: URL }> {
  const query = new URLSearchParams({ ...(options.redirect ? { redirect: options.redirect } : {}), ...(options.intent ? { intent: options.intent } : {}) });
  const start = await client.get(`/api/v1/auth/google/start${query.size ? `?${query.toString()}` : ''}`);
  if (start.status !== 302) throw new Error(`start answered ${start.status}: ${start.text}`);
  const authorizeUrl = new URL(start.headers.get('location') ?? '');
  options.tamper?.(authorizeUrl);
  const page = await fetch(authorizeUrl);
  if (!page.ok) throw new Error(`consent page answered ${page.status}`);
  const form = new URLSearchParams(authorizeUrl.searchParams);
  form.set('identity', 'other');
  form.set('other_email', account.email);
  form.set('other_name', account.name);
  if (account.verified !== false) form.set('other_verified', 'yes');
  form.set('decision', 'allow');
  const consent = await fetch(`${authorizeUrl.origin}${authorizeUrl.pathname}`, {
    method: 'POST', body: form, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const back = new URL(consent.headers.get('location') ?? '');
  const landed = await (options.callbackClient ?? client).get(`${back.pathname}${back.search}`);
  return { landed, location: landed.headers.get('location') ?? '', authorizeUrl };
}
