import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { platformConnections } from '@adloop/db';
import type { Connection } from '@adloop/contracts';
import { checkTokens } from '../../apps/server/src/modules/connections/token-lifecycle.ts';
import { createSecretsRepository } from '../../apps/server/src/modules/connections/secrets.repository.ts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectThroughConsent, sandboxAccounts } from '../setup/connect-helpers.ts';
import type { PlatformId } from '@adloop/contracts';

describe('token lifecycle (the connections.tokens job)', () => {
  let server: TestServer;
  let owner: SignedUpUser;

  async function connect(platform: PlatformId): Promise<string> {
    const [grant] = sandboxAccounts(server, platform).filter((a) => !a.isManager);
    const connected = await connectThroughConsent(owner, owner.orgId!, platform, [grant!.id]);
    return connected.connectionId!;
  }
  const connectionRow = async (id: string) => (await server.ctx.db.select().from(platformConnections).where(eq(platformConnections.id, id)))[0]!;

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Token Keepers' });
  });
  afterAll(async () => server?.close());

  it('refreshes a Google token that expires soon and stores the new one sealed', async () => {
    const id = await connect('google_ads');
    const secrets = createSecretsRepository(server.ctx.db, server.ctx.keyring);
    const before = await secrets.get(owner.orgId!, id, 'access_token');
    await server.ctx.db.update(platformConnections).set({ tokenExpiresAt: new Date(server.clock.now().getTime() + 5 * 60_000) }).where(eq(platformConnections.id, id));
    const tally = await checkTokens(server.ctx);
    expect(tally.refreshed).toBe(1);
    const after = await secrets.get(owner.orgId!, id, 'access_token');
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    expect((await connectionRow(id)).tokenExpiresAt!.getTime()).toBeGreaterThan(server.clock.now().getTime() + 30 * 60_000);
    expect((await checkTokens(server.ctx)).refreshed).toBe(0);
  });

  it('reminds the admins once, days before a Meta long-lived token expires', async () => {
    const id = await connect('meta');
    expect((await connectionRow(id)).tokenExpiresAt!.getTime()).toBeGreaterThan(server.clock.now().getTime() + 30 * 86_400_000);
    await server.ctx.db.update(platformConnections).set({ tokenExpiresAt: new Date(server.clock.now().getTime() + 3.5 * 86_400_000) }).where(eq(platformConnections.id, id));
    expect((await checkTokens(server.ctx)).reminded).toBe(1);
    expect((await checkTokens(server.ctx)).reminded).toBe(0);
    const notes = await owner.client.get(`/api/v1/orgs/${owner.orgId}/notifications`);
    expect(notes.body.items.map((n: { title: string }) => n.title)).toContain('Meta access expires in 3 days');
  });

  it('notices a revoked TikTok token and, after repeated failures, asks for reconnection', async () => {
    const id = await connect('tiktok');
    const revoke = await fetch(`${server.sandbox!.urls.control}/control/tokens/revoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ platform: 'tiktok' }) });
    expect(revoke.status).toBe(200);
    for (let i = 0; i < server.ctx.config.sync.tokenFailuresBeforeReconnect; i++) await checkTokens(server.ctx);
    const connection = await owner.client.get<Connection>(`/api/v1/orgs/${owner.orgId}/connections/${id}`);
    expect(connection.body.status).toBe('needs_reconnection');
    const notes = await owner.client.get(`/api/v1/orgs/${owner.orgId}/notifications`);
    expect(notes.body.items.map((n: { title: string }) => n.title)).toContain('TikTok needs to be reconnected');
    // Marking read clears the unread count.
    expect((await owner.client.post(`/api/v1/orgs/${owner.orgId}/notifications/read`, {})).status).toBe(204);
    expect((await owner.client.get(`/api/v1/orgs/${owner.orgId}/notifications`)).body.unread).toBe(0);
  });
});
