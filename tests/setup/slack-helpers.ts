import type { SignedUpUser } from './auth-helpers.ts';
import type { TestServer } from './server.ts';

/**
 * "Add to Slack" like a person in a browser: start in Adloop, press Allow (or Cancel) on the Slack
 * sandbox's install page, follow the redirect to Adloop's callback as `finisher` (the same person
 * unless a test says otherwise). Returns where Adloop sent the browser.
 */
export async function installSlackThroughConsent(user: SignedUpUser, orgId: string, options: { decision?: 'allow' | 'deny'; finisher?: SignedUpUser } = {}) {
  const started = await user.client.post(`/api/v1/orgs/${orgId}/slack/authorize`, {});
  if (started.status !== 201) throw new Error(`authorize answered ${started.status}: ${started.text}`);
  const authorizeUrl = new URL(started.body.authorizeUrl as string);
  const page = await fetch(authorizeUrl);
  if (!page.ok) throw new Error(`install page answered ${page.status}`);
  const form = new URLSearchParams(authorizeUrl.searchParams);
  form.set('decision', options.decision ?? 'allow');
  const consent = await fetch(`${authorizeUrl.origin}${authorizeUrl.pathname}`, { method: 'POST', body: form, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const back = consent.headers.get('location');
  if (!back) throw new Error(`install page answered ${consent.status} without a redirect`);
  const callback = new URL(back);
  const landed = await (options.finisher ?? user).client.get(`${callback.pathname}${callback.search}`);
  return { status: landed.status, location: landed.headers.get('location') ?? '', authorizeUrl };
}

/** The Slack sandbox of a test server (sandbox mode without a Slack app starts one). */
export function slackSandbox(server: TestServer) {
  if (!server.slackSandbox) throw new Error('the test server runs no Slack sandbox');
  return server.slackSandbox;
}

export async function slackControl(server: TestServer, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${slackSandbox(server).urls.control}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`Slack sandbox control ${path} answered ${response.status}`);
}
