import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectThroughConsent, sandboxAccounts } from '../setup/connect-helpers.ts';

/** What the consent page's ticks become in Adloop: the accounts the account picker offers ticked. */
describe('accounts granted on the consent page', () => {
  let server: TestServer;
  let owner: SignedUpUser;

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Grant shop' });
  });
  afterAll(async () => server?.close());

  const connect = async (platform: 'google_ads' | 'meta', grant: string[]) => {
    const result = await connectThroughConsent(owner, owner.orgId!, platform, grant);
    expect(result.location).toContain('?pick=');
    const res = await owner.client.get<Connection>(`/api/v1/orgs/${owner.orgId}/connections/${result.connectionId}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('marks every account Meta grants as granted directly, none selected yet', async () => {
    const granted = sandboxAccounts(server, 'meta').filter((a) => !a.isManager).slice(0, 2).map((a) => a.id);
    const connection = await connect('meta', granted);
    expect(connection.accounts.map((a) => a.platformAccountId).sort()).toEqual([...granted].sort());
    for (const account of connection.accounts) {
      expect(account).toMatchObject({ isGrantedDirectly: true, managerAccountId: null, selected: false });
    }
  });

  it('tells the Google clients ticked themselves from those reached only through the ticked manager', async () => {
    const all = sandboxAccounts(server, 'google_ads');
    const manager = all.find((a) => a.isManager)!;
    const clients = all.filter((a) => a.managerId === manager.id);
    expect(clients.length).toBeGreaterThanOrEqual(2);
    const [ticked, throughManager] = clients as [(typeof clients)[number], (typeof clients)[number]];
    const connection = await connect('google_ads', [manager.id, ticked.id]);
    const row = (id: string) => connection.accounts.find((a) => a.platformAccountId === id);

    expect(row(manager.id)).toMatchObject({ isManager: true, isGrantedDirectly: false, managerAccountId: null });
    expect(row(ticked.id)).toMatchObject({ isManager: false, isGrantedDirectly: true, managerAccountId: null });
    expect(row(throughManager.id)).toMatchObject({ isManager: false, isGrantedDirectly: false, managerAccountId: manager.id });
    // Every client of the manager is offered, ticked or not; accounts outside the grant are not.
    expect(connection.accounts.filter((a) => !a.isManager).length).toBe(clients.length);
  });
});
