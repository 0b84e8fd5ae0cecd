/** An organisation on a process cluster: its owner signed up through the proxy, every sandbox account connected. */
import type { Connection, MeResponse, PlatformId } from '@adloop/contracts';
import type { DbHandle } from '@adloop/db';
import type { RunningSandbox } from '@adloop/sandbox';
import { TestClient } from '../../setup/http-client.ts';
import { GOOD_PASSWORD, tokenFromLink, uniqueEmail, type SignedUpUser } from '../../setup/auth-helpers.ts';
import { connectThroughConsent, eventually } from '../../setup/connect-helpers.ts';
import type { Cluster } from './process-cluster.ts';

export const PLATFORMS: PlatformId[] = ['google_ads', 'meta', 'tiktok'];
const SIM_PLATFORM = { google_ads: 'google', meta: 'meta', tiktok: 'tiktok' } as const;

/** Polls until `check` gives a value, or fails after `timeoutMs` saying what it waited for. */
export const until = <T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 250): Promise<T> => eventually(check, timeoutMs, what, everyMs);

/** Fails, naming the step and quoting the answer, unless the response has the expected status. */
export function expectStatus(what: string, response: { status: number; text: string }, expected: number): void {
  if (response.status !== expected) throw new Error(`${what}: expected HTTP ${expected}, got ${response.status}: ${response.text.slice(0, 500)}`);
}

/**
 * Signs an owner up through the API at `client`'s address, verifies the address with the link of the
 * email `verificationMail` finds, and signs in; returns the owner and the organisation the sign-up created.
 */
export async function signUpThroughApi(client: TestClient, email: string, names: { name: string; organizationName: string }, verificationMail: () => Promise<{ links: string[] }>): Promise<SignedUpUser & { orgId: string }> {
  expectStatus('sign-up', await client.post('/api/v1/auth/sign-up', { email, password: GOOD_PASSWORD, ...names }), 201);
  const mail = await verificationMail();
  expectStatus('verify-email', await client.post('/api/v1/auth/verify-email', { token: tokenFromLink(mail.links, '/verify-email') }), 200);
  expectStatus('sign-in', await client.post('/api/v1/auth/sign-in', { email, password: GOOD_PASSWORD }), 200);
  const me = await client.get<MeResponse>('/api/v1/me');
  const orgId = me.body.organizations[0]?.id;
  if (!orgId) throw new Error('sign-up created no organisation');
  return { client, user: me.body.user, email, password: GOOD_PASSWORD, orgId };
}

export async function signUpOwner(cluster: Cluster, name: string): Promise<SignedUpUser & { orgId: string }> {
  const email = uniqueEmail('cluster-owner');
  return signUpThroughApi(new TestClient(cluster.proxyUrl), email, { name: 'Owner', organizationName: name }, () => cluster.mail.waitFor(email, /verify/i));
}

/** Puts the organisation on the largest plan (as a paid subscription would), so plan limits never cut the run short. */
export async function onLargestPlan(db: DbHandle, orgId: string): Promise<void> {
  await db.sql.query(
    `INSERT INTO billing_accounts (org_id, stripe_customer_id, plan_id, status)
       SELECT $1::uuid, $2, id, 'active' FROM plans ORDER BY position DESC LIMIT 1
     ON CONFLICT (org_id) DO UPDATE SET plan_id = excluded.plan_id, status = 'active'`,
    [orgId, `cus_cluster_${orgId.slice(0, 8)}`],
  );
}

/** Grants every account of the platform on its consent page; returns the connection's path, no account added yet. */
export async function grantPlatform(sandbox: RunningSandbox, owner: SignedUpUser, orgId: string, platform: PlatformId): Promise<string> {
  const granted = [...sandbox.simulator.world().platforms[SIM_PLATFORM[platform]].accounts.values()].map((a) => a.id);
  const connected = await connectThroughConsent(owner, orgId, platform, granted);
  if (!connected.connectionId) throw new Error(`connecting ${platform} ended at ${connected.location}`);
  return `/api/v1/orgs/${orgId}/connections/${connected.connectionId}`;
}

/** Adds a connection's advertiser (non-manager) accounts, which queues their first syncs; returns how many. */
export async function addAdvertisers(owner: SignedUpUser, connectionPath: string): Promise<number> {
  const advertisers = (await owner.client.get<Connection>(connectionPath)).body.accounts.filter((a) => !a.isManager);
  expectStatus(`adding the accounts of ${connectionPath}`, await owner.client.put(`${connectionPath}/accounts`, { accountIds: advertisers.map((a) => a.id) }), 200);
  return advertisers.length;
}

/** Grants every account of the platform on its consent page and adds the advertiser (non-manager) ones; returns how many. */
export async function connectPlatform(sandbox: RunningSandbox, owner: SignedUpUser, orgId: string, platform: PlatformId): Promise<number> {
  return addAdvertisers(owner, await grantPlatform(sandbox, owner, orgId, platform));
}

/** Connects every advertiser account of every platform at once (each one's first sync is queued together); returns how many. */
export async function connectEverything(cluster: Cluster, owner: SignedUpUser, orgId: string): Promise<number> {
  let accounts = 0;
  for (const platform of PLATFORMS) accounts += await connectPlatform(cluster.sandbox, owner, orgId, platform);
  return accounts;
}

/** Waits for every selected account's sync (metrics synced, or failed); returns how many failed. */
export async function waitSynced(db: DbHandle, orgId: string, accounts: number, timeoutMs: number): Promise<number> {
  await until(`the sync of ${accounts} accounts`, async () => {
    const { rows } = await db.sql.query<{ n: string }>('SELECT count(*) AS n FROM ad_accounts WHERE org_id = $1 AND selected AND (metrics_synced_at IS NOT NULL OR last_sync_error_kind IS NOT NULL)', [orgId]);
    return Number(rows[0]?.n) >= accounts;
  }, timeoutMs, 200);
  const { rows } = await db.sql.query<{ n: string }>('SELECT count(*) AS n FROM ad_accounts WHERE org_id = $1 AND selected AND last_sync_error_kind IS NOT NULL', [orgId]);
  return Number(rows[0]?.n);
}

export interface BudgetChange {
  id: string;
  platformId: string;
  before: number;
  after: number;
}

/** Up to `limit` active campaigns with a daily budget, each to be raised to the next whole currency unit. */
export async function plannedRaises(db: DbHandle, orgId: string, limit: number): Promise<BudgetChange[]> {
  const { rows } = await db.sql.query<{ id: string; platform_id: string; daily: string }>(
    `SELECT id, platform_id, daily_budget_micros AS daily FROM campaigns WHERE org_id = $1 AND daily_budget_micros > 0 AND status = 'active' ORDER BY platform_id LIMIT $2`,
    [orgId, limit],
  );
  // The next whole currency unit up: valid in every currency (yen have no decimals, cents divide a unit).
  return rows.map((r) => ({ id: r.id, platformId: r.platform_id, before: Number(r.daily), after: (Math.floor(Number(r.daily) / 1_000_000) + 1) * 1_000_000 }));
}

/** Sends the raises as the owner, straight to the platforms (no approval); returns the change ids. */
export async function requestRaises(owner: SignedUpUser, orgId: string, raises: BudgetChange[]): Promise<string[]> {
  expectStatus('change settings', await owner.client.request('PATCH', `/api/v1/orgs/${orgId}/change-settings`, { approvalPolicy: { memberLaunches: true, budgetAbove: { amountMicros: null, percent: null } } }), 200);
  const ids: string[] = [];
  for (let i = 0; i < raises.length; i += 100) {
    const batch = raises.slice(i, i + 100);
    const answer = await owner.client.post<{ items: Array<{ id: string }> }>(`/api/v1/orgs/${orgId}/campaign-changes`, {
      idempotencyKey: crypto.randomUUID(),
      changes: batch.map((c) => ({ campaignId: c.id, action: 'set_daily_budget', amountMicros: c.after, expected: { dailyBudgetMicros: c.before } })),
    });
    expectStatus('requesting changes', answer, 202);
    ids.push(...answer.body.items.map((item) => item.id));
  }
  return ids;
}

/** Waits until none of the changes is pending; returns the count per final state. */
export async function waitSettled(db: DbHandle, ids: string[], timeoutMs: number): Promise<Record<string, number>> {
  return until('every change settled', async () => {
    const { rows } = await db.sql.query<{ state: string; n: string }>('SELECT state, count(*) AS n FROM campaign_changes WHERE id = ANY($1::uuid[]) GROUP BY state', [ids]);
    if (rows.some((r) => r.state === 'pending' || r.state === 'proposed')) return null;
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }, timeoutMs, 200);
}

interface Mutation { seq: number; id: string; field: string; new: unknown }

/** The newest change-log entry of each sandbox platform, to read only what comes after. */
export async function mutationMarks(cluster: Cluster): Promise<Record<string, number>> {
  const marks: Record<string, number> = {};
  for (const p of ['google', 'meta', 'tiktok']) {
    const body = (await (await fetch(`${cluster.sandbox.urls.control}/control/mutations?platform=${p}`)).json()) as { mutations: Mutation[] };
    marks[p] = body.mutations.reduce((max, m) => Math.max(max, m.seq), 0);
  }
  return marks;
}

/** Budget changes the platforms recorded since the marks: how many of `raises` arrived (lost = missing), and extra writes (duplicated). */
export async function countBudgetWrites(cluster: Cluster, marks: Record<string, number>, raises: BudgetChange[]): Promise<{ lost: number; duplicated: number }> {
  const writes: Mutation[] = [];
  for (const p of ['google', 'meta', 'tiktok']) {
    const body = (await (await fetch(`${cluster.sandbox.urls.control}/control/mutations?platform=${p}&since=${marks[p] ?? 0}`)).json()) as { mutations: Mutation[] };
    writes.push(...body.mutations.filter((m) => m.field === 'daily_budget'));
  }
  const lost = raises.filter((r) => !writes.some((w) => w.id === r.platformId && w.new === r.after)).length;
  const perCampaign = new Map<string, number>();
  for (const w of writes) perCampaign.set(w.id, (perCampaign.get(w.id) ?? 0) + 1);
  const duplicated = [...perCampaign.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  return { lost, duplicated };
}
