import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@adloop/contracts';
import { addDays } from '@adloop/engine';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectThroughConsent, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';


const SIM = { meta: 'meta', tiktok: 'tiktok' } as const;

describe.each(['meta', 'tiktok'] as const)('connecting %s end to end', (platform) => {
  let server: TestServer;
  let owner: SignedUpUser;

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: `${platform} shop` });
  });
  afterAll(async () => server?.close());

  it('connects, syncs the picked accounts, and matches the sandbox’s campaigns and spend', async () => {
    const granted = sandboxAccounts(server, platform).filter((a) => !a.isManager).slice(0, 2).map((a) => a.id);
    const result = await connectThroughConsent(owner, owner.orgId!, platform, granted);
    expect(result.location).toContain('?pick=');
    const connection = await owner.client.get<Connection>(`/api/v1/orgs/${owner.orgId}/connections/${result.connectionId}`);
    const picked = connection.body.accounts.filter((a) => granted.includes(a.platformAccountId) && !a.isManager).map((a) => a.id);
    expect(picked.length).toBe(2);
    expect((await owner.client.put(`/api/v1/orgs/${owner.orgId}/connections/${result.connectionId}/accounts`, { accountIds: picked })).status).toBe(200);

    const synced = await eventually(async () => {
      const res = await owner.client.get<Connection>(`/api/v1/orgs/${owner.orgId}/connections/${result.connectionId}`);
      const mine = res.body.accounts.filter((a) => a.selected);
      const failed = mine.find((a) => a.health.state === 'error');
      if (failed) throw new Error(`sync failed: ${JSON.stringify(failed.health.problem)}`);
      return mine.every((a) => a.health.state === 'fresh') ? mine : null;
    }, 120_000, 'first sync');

    const world = server.sandbox!.simulator.world().platforms[SIM[platform]];
    for (const account of synced) {
      const listed = [...world.campaigns.values()].filter((c) => c.accountId === account.platformAccountId).length;
      expect(account.campaignCount).toBe(listed);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: account.timeZone }).format(server.clock.now());
      const rows = server.sandbox!.simulator.engine.report({ platform: SIM[platform], accountId: account.platformAccountId, since: addDays(today, -7), until: addDays(today, -1), level: 'account', grain: 'day' });
      const truth = rows.reduce((sum, r) => sum + r.metrics.spendMicros, 0);
      expect(truth).toBeGreaterThan(0);
      // The platform reports money rounded to its minor unit per row; the simulator keeps fractions.
      expect(Math.abs(account.spendLast7DaysMicros - truth) / truth).toBeLessThan(0.001);
    }
  }, 150_000);
});
