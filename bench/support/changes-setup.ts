/**
 * The changes benchmark's world: the real Adloop process (API and workers) on a PostgreSQL
 * database, its three sandboxes answering over sockets, one organisation whose owner signed up
 * through the API, every sandbox account connected through the consent pages, the campaigns the
 * benchmark changes mirrored by the first sync, and a read_write API key.
 */
import type { PlatformId } from '@adloop/contracts';
import type { DbHandle } from '@adloop/db';
import { testConfig } from '../../apps/server/src/platform/config.ts';
import { startServer, type RunningServer } from '../../apps/server/src/server.ts';
import { uniqueEmail, type SignedUpUser } from '../../tests/setup/auth-helpers.ts';
import { TestClient } from '../../tests/setup/http-client.ts';
import { connectPlatform, expectStatus, PLATFORMS, signUpThroughApi, until } from '../../tests/integration/support/cluster-world.ts';
import { widenWorld } from './changes-world.ts';

const UNLIMITED = 1_000_000_000;

/** One campaign the benchmark changes, as mirrored after the first sync. */
export interface BenchCampaign {
  id: string;
  platform: PlatformId;
  currency: string;
  dailyBudgetMicros: number;
  /** The platform's budget unit in this currency: every amount sent is a whole number of these. */
  stepMicros: number;
}

export interface BenchWorld {
  server: RunningServer;
  orgId: string;
  owner: SignedUpUser;
  /** A read_write API key of the organisation: the actor of every requested change. */
  key: TestClient;
  campaigns: BenchCampaign[];
}

const log = (message: string) => process.stdout.write(`  ${message}\n`);

/** Polls until `check` gives a value (every 100 ms unless told), or fails after `timeoutMs` saying what it waited for. */
export const waitFor = <T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 100): Promise<T> => until(what, check, timeoutMs, everyMs);

/**
 * The Adloop process on `handle`. The sandboxes' quotas and Adloop's per-platform pacing are lifted
 * so that the figures measure Adloop's change pipeline, not a platform's rate limit (which both
 * paths would meet alike); scheduled syncs are pushed a day out so none runs during the timing.
 */
export async function startBenchServer(handle: DbHandle): Promise<RunningServer> {
  const base = testConfig();
  const config = testConfig({
    sync: { ...base.sync, intervalMinutes: 24 * 60, quotaRps: { google_ads: 1000, meta: 1000, tiktok: 1000 } },
    requestLog: { mode: 'off', slowMs: base.requestLog.slowMs },
  });
  const server = await startServer({ config, dbHandle: handle, secretKey: config.secretKey ?? 'ab'.repeat(32), role: 'all' });
  const settings = server.sandbox?.context.settings;
  if (!settings) throw new Error('the Adloop process started no sandboxes');
  settings.google.dailyOperationLimit = UNLIMITED;
  settings.meta.managementCallsPerHour = UNLIMITED;
  settings.meta.insightsCallsPerHour = UNLIMITED;
  Object.assign(settings.tiktok, { qps: UNLIMITED, qpm: UNLIMITED, qpd: UNLIMITED, endpointLimits: {} });
  return server;
}

/** Signs the owner up through the API, verifying the address from the dev mailbox. */
async function signUpOwner(url: string): Promise<SignedUpUser & { orgId: string }> {
  const email = uniqueEmail('bench-owner');
  const client = new TestClient(url);
  return signUpThroughApi(client, email, { name: 'Bench owner', organizationName: 'Changes bench' }, () =>
    waitFor(
      'the verification email',
      async () => (await client.get<{ items: Array<{ subject: string; links: string[] }> }>(`/api/v1/dev/mailbox?to=${encodeURIComponent(email)}`)).body.items?.find((m) => /verify/i.test(m.subject)),
      15_000,
    ),
  );
}

/** Builds the world for `campaigns` campaigns (added to the sandbox first, then connected and synced). */
export async function prepareWorld(server: RunningServer, handle: DbHandle, campaigns: number): Promise<BenchWorld> {
  const platformIds = widenWorld(server.sandbox!, campaigns);
  const owner = await signUpOwner(server.url);
  const orgId = owner.orgId;
  let accounts = 0;
  for (const platform of PLATFORMS) accounts += await connectPlatform(server.sandbox!, owner, orgId, platform);
  const started = performance.now();
  // Every added account's first sync (structure, then metrics) must have ended: none may run during the timing.
  await waitFor(
    `the first sync of ${accounts} accounts`,
    async () => {
      const { rows } = await handle.sql.query<{ synced: string }>('SELECT count(*) FILTER (WHERE metrics_synced_at IS NOT NULL OR last_sync_error_kind IS NOT NULL) AS synced FROM ad_accounts WHERE org_id = $1 AND selected', [orgId]);
      return Number(rows[0]?.synced ?? 0) >= accounts;
    },
    5 * 60_000,
    500,
  );
  const { rows } = await handle.sql.query<{ id: string; platform: PlatformId; currency: string; daily_budget_micros: string | null }>(
    `SELECT c.id, a.platform, c.currency, c.daily_budget_micros FROM campaigns c JOIN ad_accounts a ON a.id = c.ad_account_id
      WHERE c.org_id = $1 AND c.platform_id = ANY($2::text[]) ORDER BY c.platform_id`,
    [orgId, platformIds],
  );
  if (rows.length !== campaigns) {
    const failed = await handle.sql.query<{ platform: string; name: string; last_sync_error_kind: string; last_sync_error: string | null }>(
      'SELECT platform, name, last_sync_error_kind, last_sync_error FROM ad_accounts WHERE org_id = $1 AND selected AND last_sync_error_kind IS NOT NULL',
      [orgId],
    );
    const why = failed.rows.map((a) => `${a.platform} ${a.name}: ${a.last_sync_error_kind} ${a.last_sync_error ?? ''}`).join('; ');
    throw new Error(`the first sync mirrored ${rows.length} of the ${campaigns} campaigns${why ? `; failed syncs: ${why}` : ''}`);
  }
  log(`connected ${accounts} accounts on 3 platforms; first sync of ${campaigns} campaigns took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const registry = server.ctx.platforms.registry;
  const benchCampaigns = rows.map((r): BenchCampaign => {
    if (r.daily_budget_micros === null) throw new Error(`campaign ${r.id} was mirrored without its daily budget`);
    return { id: r.id, platform: r.platform, currency: r.currency, dailyBudgetMicros: Number(r.daily_budget_micros), stepMicros: registry.get(r.platform).capabilities.budgetStepMicros(r.currency) };
  });
  const created = await owner.client.post<{ secret: string }>(`/api/v1/orgs/${orgId}/api-keys`, { name: 'Changes bench', scope: 'read_write' });
  expectStatus('creating the API key', created, 201);
  return { server, orgId, owner, key: TestClient.withApiKey(server.url, created.body.secret), campaigns: benchCampaigns };
}
