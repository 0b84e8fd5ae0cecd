import type { Connection, PlatformId } from '@adloop/contracts';
import type { SignedUpUser } from './auth-helpers.ts';
import type { TestServer } from './server.ts';

const SIM_PLATFORM = { google_ads: 'google', meta: 'meta', tiktok: 'tiktok' } as const;

/** The sandbox's own queryable (non-manager) accounts of a platform. */
export function sandboxAccounts(server: TestServer, platform: PlatformId) {
  if (!server.sandbox) throw new Error('the test server runs no sandbox');
  const accounts = [...server.sandbox.simulator.world().platforms[SIM_PLATFORM[platform]].accounts.values()];
  return accounts as Array<{ id: string; name: string; isManager?: boolean; managerId?: string | null; currency: string; timeZone: string }>;
}

/**
 * Goes through the platform's consent page like a person in a browser: start in Adloop, grant
 * `grant` accounts on the sandbox page, follow the redirect back to Adloop's callback.
 * Returns where Adloop sent the browser.
 */
export async function connectThroughConsent(user: SignedUpUser, orgId: string, platform: PlatformId, grant: string[], decision: 'allow' | 'deny' = 'allow') {
  const started = await user.client.post(`/api/v1/orgs/${orgId}/connections/authorize`, { platform });
  if (started.status !== 201) throw new Error(`authorize answered ${started.status}: ${started.text}`);
  const authorizeUrl = new URL(started.body.authorizeUrl as string);
  const page = await fetch(authorizeUrl);
  if (!page.ok) throw new Error(`consent page answered ${page.status}`);
  const form = new URLSearchParams(authorizeUrl.searchParams);
  for (const id of grant) form.append('account', id);
  form.set('decision', decision);
  const consent = await fetch(`${authorizeUrl.origin}${authorizeUrl.pathname}`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const back = consent.headers.get('location');
  if (!back) throw new Error(`consent answered ${consent.status} without a redirect`);
  const callback = new URL(back);
  const landed = await user.client.get(`${callback.pathname}${callback.search}`);
  const location = landed.headers.get('location') ?? '';
  return { status: landed.status, location, callbackPath: `${callback.pathname}${callback.search}`, connectionId: new URL(location, 'http://x').searchParams.get('pick') };
}

/** Connects `grant` sandbox accounts through the consent page and adds them all to Adloop; returns them as Adloop lists them. */
export async function connectAndAdd(user: SignedUpUser, orgId: string, platform: PlatformId, grant: string[]) {
  const connected = await connectThroughConsent(user, orgId, platform, grant);
  const path = `/api/v1/orgs/${orgId}/connections/${connected.connectionId}`;
  const connection = (await user.client.get<Connection>(path)).body;
  const added = grant.map((id) => connection.accounts.find((a) => a.platformAccountId === id)!);
  const put = await user.client.put(`${path}/accounts`, { accountIds: added.map((a) => a.id) });
  if (put.status !== 200) throw new Error(`adding the accounts answered ${put.status}: ${put.text}`);
  return added;
}

/**
 * Connects `grant` sandbox accounts and adds them to Adloop (as connectAndAdd), then waits until every
 * account the organisation has selected has finished its first sync ("fresh"). Returns the added accounts.
 */
export async function connectAndSync(user: SignedUpUser, orgId: string, platform: PlatformId, grant: string[], timeoutMs = 90_000) {
  const added = await connectAndAdd(user, orgId, platform, grant);
  await eventually(async () => {
    const overview = (await user.client.get<{ connections: Connection[] }>(`/api/v1/orgs/${orgId}/connections`)).body;
    const selected = overview.connections.flatMap((c) => c.accounts.filter((a) => a.selected));
    return selected.length > 0 && selected.every((a) => a.health.state === 'fresh');
  }, timeoutMs, 'the first sync');
  return added;
}

/**
 * Connects the first queryable sandbox account of `platform` and waits for its first sync (connectAndSync);
 * `beforeConnect` runs first with its id on the platform (e.g. to break something on the sandbox).
 * Returns the account as Adloop lists it.
 */
export async function connectOneAndSync(server: TestServer, user: SignedUpUser, orgId: string, platform: PlatformId, beforeConnect?: (platformAccountId: string) => Promise<void>) {
  const grant = sandboxAccounts(server, platform).filter((a) => !a.isManager).slice(0, 1).map((a) => a.id);
  await beforeConnect?.(grant[0]!);
  const [account] = await connectAndSync(user, orgId, platform, grant);
  return account!;
}

/** Polls until `check` returns a value, up to `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, what = 'condition', everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
