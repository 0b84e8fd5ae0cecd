import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { TestClient } from '../setup/http-client.ts';
import { createKey, joinAs } from '../setup/org-helpers.ts';

describe('API keys', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let orgId: string;
  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Keys Inc' });
    orgId = owner.orgId ?? '';
  });
  afterAll(async () => server?.close());

  it('shows the secret once, lists a prefix and lets the key read the organisation', async () => {
    const created = await owner.client.post(`/api/v1/orgs/${orgId}/api-keys`, { name: 'Reporting', scope: 'read' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { apiKey, secret } = created.body;
    expect(secret).toMatch(/^adl_/);
    expect(apiKey).toMatchObject({ name: 'Reporting', scope: 'read', prefix: secret.slice(0, 12), createdBy: owner.user.id, lastUsedAt: null });

    const key = TestClient.withApiKey(server.url, secret);
    const org = await key.get(`/api/v1/orgs/${orgId}`);
    expect(org.status).toBe(200);
    expect(org.body).toMatchObject({ id: orgId, name: 'Keys Inc', role: null });
    expect((await key.get(`/api/v1/orgs/${orgId}/members`)).status).toBe(200);

    const list = await owner.client.get(`/api/v1/orgs/${orgId}/api-keys`);
    expect(list.text).not.toContain(secret);
    expect(list.body.items).toContainEqual(expect.objectContaining({ id: apiKey.id, prefix: apiKey.prefix, lastUsedAt: expect.any(String) }));
  });

  it('keeps keys to their scope and away from people management', async () => {
    const read = TestClient.withApiKey(server.url, (await createKey(owner, orgId, 'read')).secret);
    const patch = await read.patch(`/api/v1/orgs/${orgId}`, { name: 'Hijacked' });
    expect(patch.status).toBe(403);
    const write = TestClient.withApiKey(server.url, (await createKey(owner, orgId, 'read_write')).secret);
    expect((await write.post(`/api/v1/orgs/${orgId}/api-keys`, { name: 'more', scope: 'read_write' })).status).toBe(403);
    expect((await write.post(`/api/v1/orgs/${orgId}/invitations`, { email: 'x@example.test', role: 'owner' })).status).toBe(403);
    expect((await write.post('/api/v1/orgs', { name: 'from a key' })).status).toBe(403);
    expect((await write.get(`/api/v1/orgs/${orgId}/audit-log`)).status).toBe(200);
  });

  it('refuses a revoked key (401) and a key of another organisation (404)', async () => {
    const { id, secret } = await createKey(owner, orgId, 'read');
    const key = TestClient.withApiKey(server.url, secret);
    expect((await key.get(`/api/v1/orgs/${orgId}`)).status).toBe(200);
    expect((await owner.client.delete(`/api/v1/orgs/${orgId}/api-keys/${id}`)).status).toBe(204);
    expect((await key.get(`/api/v1/orgs/${orgId}`)).status).toBe(401);
    expect((await owner.client.delete(`/api/v1/orgs/${orgId}/api-keys/${id}`)).status).toBe(404);
    const listed = (await owner.client.get(`/api/v1/orgs/${orgId}/api-keys?limit=100`)).body.items.map((k: { id: string }) => k.id);
    expect(listed).not.toContain(id);

    const other = await signUpVerifiedUser(server, { organizationName: 'Other Org' });
    const otherKey = TestClient.withApiKey(server.url, (await createKey(other, other.orgId ?? '', 'read_write')).secret);
    const cross = await otherKey.get(`/api/v1/orgs/${orgId}`);
    expect(cross.status).toBe(404);
    expect(cross.text).not.toContain('Keys Inc');
  });

  it('lets only owners and admins see keys, and pages them newest first', async () => {
    const member = await joinAs(server, owner, orgId, 'member');
    expect((await member.client.get(`/api/v1/orgs/${orgId}/api-keys`)).status).toBe(403);
    expect((await member.client.post(`/api/v1/orgs/${orgId}/api-keys`, { name: 'm', scope: 'read' })).status).toBe(403);
    const all = (await owner.client.get(`/api/v1/orgs/${orgId}/api-keys?limit=100`)).body.items.map((k: { id: string }) => k.id);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await owner.client.get(`/api/v1/orgs/${orgId}/api-keys?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((k) => k.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });
});
